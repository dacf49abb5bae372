package vn.danvan.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What the scenarios do through the public APIs: a fresh district per scenario (so counts never mix), models,
 * recognitions and coordination plans in plan-service, and the exact comparison of reporting-service's figures with
 * plan-service's own data.
 */
public final class Province {
    public static final int YEAR = 2024;
    public static final List<String> LEVELS = List.of("COMMUNE", "DISTRICT", "PROVINCE", "NATIONAL");

    private final FaultPlatform platform;

    public Province(FaultPlatform platform) {
        this.platform = platform;
    }

    /** A district with its mass-mobilization board (expected to sign a plan every year) and two communes. */
    public record District(String name, UUID id, UUID board, UUID commune1, UUID commune2) {
        public List<UUID> all() {
            return List.of(id, board, commune1, commune2);
        }

        public List<UUID> communes() {
            return List.of(commune1, commune2);
        }
    }

    /** Model figures of a period: {@code registered/new/replicated} and recognitions by level. */
    public record ModelCounts(long registered, long newModels, long replicated, Map<String, Long> recognized) {
        static ModelCounts of(JsonNode totals) {
            Map<String, Long> levels = new TreeMap<>();
            LEVELS.forEach(level -> levels.put(level, totals.path("recognized").path(level).asLong()));
            return new ModelCounts(totals.path("registered").asLong(), totals.path("new").asLong(),
                    totals.path("replicated").asLong(), levels);
        }
    }

    public District district(String name) {
        UUID district = createUnit(name, "PARTY_COMMITTEE", "DISTRICT", null);
        UUID board = createUnit("Ban Dân vận " + name, "MASS_MOBILIZATION_BOARD", "DISTRICT", district);
        UUID commune1 = createUnit("Xã Nhân Thịnh (" + name + ")", "PARTY_COMMITTEE", "COMMUNE", district);
        UUID commune2 = createUnit("Xã Hòa Hậu (" + name + ")", "PARTY_COMMITTEE", "COMMUNE", district);
        District created = new District(name, district, board, commune1, commune2);
        awaitKnownDownstream(created.all());
        return created;
    }

    public UUID createUnit(String name, String kind, String level, UUID parent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("level", level);
        body.put("parentId", parent);
        body.put("validFrom", "2020-01-01");
        return UUID.fromString(platform.units.post("/api/units", body).expect(201).id());
    }

    /** plan-service checks unit references against its copy of the tree, reporting-service reports on its copy. */
    public void awaitKnownDownstream(List<UUID> units) {
        await("units " + units + " known to plan-service and reporting-service").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("plan", "SELECT count(*) FROM unit_ref WHERE id = ANY(?)", units) == units.size()
                        && count("reporting", "SELECT count(*) FROM unit_node WHERE id = ANY(?)", units) == units.size());
    }

    public static Map<String, Object> model(String name, UUID unit, String origin, UUID replicatedFrom, String registeredOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("unitId", unit);
        body.put("field", "ECONOMY");
        body.put("origin", origin);
        body.put("replicatedFromId", replicatedFrom);
        body.put("registeredOn", registeredOn);
        body.put("description", "Mô hình “Dân vận khéo” trong xây dựng nông thôn mới");
        return body;
    }

    public UUID registerModel(UUID unit, String origin, UUID replicatedFrom, String registeredOn) {
        return UUID.fromString(platform.plans.post("/api/models",
                model("Dân vận khéo " + UUID.randomUUID().toString().substring(0, 8), unit, origin, replicatedFrom, registeredOn))
                .expect(201).id());
    }

    public static Map<String, Object> recognition(String level, String recognizedOn, String decisionRef) {
        return Map.of("level", level, "recognizedOn", recognizedOn, "decisionRef", decisionRef);
    }

    public void recognize(UUID model, String level, String recognizedOn, String decisionRef) {
        platform.plans.post("/api/models/" + model + "/recognitions", recognition(level, recognizedOn, decisionRef)).expect(201);
    }

    public static Map<String, Object> plan(String title, UUID owner, List<UUID> partners) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("documentNumber", "KH-" + UUID.randomUUID().toString().substring(0, 6));
        body.put("ownerUnitId", owner);
        body.put("partnerUnitIds", partners);
        body.put("year", YEAR);
        body.put("tasks", List.of(Map.of("title", "Vận động nhân dân hiến đất làm đường", "responsibleUnitId", partners.get(0))));
        return body;
    }

    public UUID createPlan(UUID owner, List<UUID> partners) {
        return UUID.fromString(platform.plans.post("/api/plans",
                plan("Kế hoạch phối hợp công tác dân vận năm " + YEAR, owner, partners)).expect(201).id());
    }

    public static Map<String, Object> signing(UUID owner, List<UUID> partners) {
        List<Map<String, Object>> signatories = new ArrayList<>();
        signatories.add(Map.of("unitId", owner, "name", "Nguyễn Văn An", "position", "Trưởng ban Dân vận"));
        partners.forEach(p -> signatories.add(Map.of("unitId", p, "name", "Trần Thị Bình", "position", "Bí thư Đảng ủy")));
        return Map.of("signedOn", YEAR + "-02-01", "place", "Hội trường Huyện ủy", "signatories", signatories);
    }

    public void sign(UUID plan, UUID owner, List<UUID> partners) {
        platform.plans.post("/api/plans/" + plan + "/signing", signing(owner, partners)).expect(200);
    }

    // ---- plan-service's own data ----------------------------------------------------------------------------

    /** The figures that a model report of the year must show, computed from plan-service's model list. */
    public ModelCounts modelsInPlanService(UUID district) {
        JsonNode page = platform.plans.get("/api/models?unitId=" + district + "&year=" + YEAR + "&size=500").expect(200).json();
        if (page.path("total").asLong() > 500) {
            throw new IllegalStateException("more models than one page; the scenario should stay smaller");
        }
        long newModels = 0;
        long replicated = 0;
        Map<String, Long> recognized = new TreeMap<>();
        LEVELS.forEach(level -> recognized.put(level, 0L));
        for (JsonNode model : page.path("items")) {
            if ("NEW".equals(model.path("origin").asText())) {
                newModels++;
            } else {
                replicated++;
            }
            for (JsonNode recognition : model.path("recognitions")) {
                if (recognition.path("recognizedOn").asText().startsWith(YEAR + "-")) {
                    recognized.merge(recognition.path("level").asText(), 1L, Long::sum);
                }
            }
        }
        return new ModelCounts(page.path("total").asLong(), newModels, replicated, recognized);
    }

    /** Every plan of the year in the district's subtree, id → status, from plan-service. */
    public Map<String, String> plansInPlanService(UUID district) {
        JsonNode page = platform.plans.get("/api/plans?unitId=" + district + "&year=" + YEAR + "&size=500").expect(200).json();
        Map<String, String> plans = new TreeMap<>();
        page.path("items").forEach(p -> plans.put(p.path("id").asText(), p.path("status").asText()));
        if (plans.size() != page.path("total").asInt()) {
            throw new IllegalStateException("plan list is paged; the scenario should stay smaller");
        }
        return plans;
    }

    // ---- reporting-service's figures ------------------------------------------------------------------------

    public ModelCounts modelsInReport(UUID district) {
        return ModelCounts.of(platform.reports.get("/api/reports/models?unitId=" + district + "&period=" + YEAR)
                .expect(200).json().path("totals"));
    }

    public Map<String, String> plansInReport(UUID district) {
        JsonNode report = platform.reports.get("/api/reports/plans?unitId=" + district + "&year=" + YEAR).expect(200).json();
        Map<String, String> plans = new TreeMap<>();
        report.path("plans").forEach(p -> plans.put(p.path("planId").asText(), p.path("status").asText()));
        return plans;
    }

    /**
     * Waits until reporting-service's model and plan reports of the district equal what plan-service holds; on
     * timeout the failure shows both sides.
     */
    public void awaitReportsMatchPlanService(District district, Duration within) {
        ModelCounts expectedModels = modelsInPlanService(district.id());
        Map<String, String> expectedPlans = plansInPlanService(district.id());
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                    modelsInReport(district.id()).equals(expectedModels) && plansInReport(district.id()).equals(expectedPlans));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("reporting-service does not match plan-service for " + district.name() + " after "
                    + within.toSeconds() + " s:\n  plan-service models " + expectedModels + "\n  report       models "
                    + safe(() -> modelsInReport(district.id())) + "\n  plan-service plans " + expectedPlans
                    + "\n  report       plans " + safe(() -> plansInReport(district.id())) + "\n  (service logs in "
                    + platform.logs() + ")", e);
        }
    }

    private static Object safe(java.util.concurrent.Callable<Object> call) {
        try {
            return call.call();
        } catch (Exception | AssertionError e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /** Every outbox relayed and every consumer group at the end of its topics: nothing is on its way anywhere. */
    public void awaitQuiet() {
        await("outboxes relayed and consumer groups caught up").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> Databases.unpublished(platform) == 0
                        && Broker.caughtUp(platform.kafkaBootstrap(), "reporting-service", List.of("units", "plans", "models"))
                        && Broker.caughtUp(platform.kafkaBootstrap(), "plan-service", List.of("units")));
    }

    // ---- databases -------------------------------------------------------------------------------------------

    public long count(String database, String sql, List<UUID> ids) throws SQLException {
        try (Connection connection = platform.database(database);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public long count(String database, String sql) throws SQLException {
        try (Connection connection = platform.database(database);
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<String> strings(String database, String sql, List<UUID> ids) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = platform.database(database);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
