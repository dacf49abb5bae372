package vn.danvan.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The events that unit-service and plan-service really published for a district, delivered again several times and
 * interleaved across topics (changes nothing), and delivered as a copy of the district with models and plans
 * arriving before the units they belong to and child units before their parents (the copy reports exactly what
 * plan-service holds for the original).
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedeliveryAndReorderingTest {
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static FaultPlatform platform;
    static Province province;
    static Province.District district;
    static List<UUID> models = new ArrayList<>();
    static List<UUID> plans = new ArrayList<>();

    @BeforeAll
    static void districtWithModelsAndPlans() {
        platform = FaultPlatform.get();
        province = new Province(platform);
        district = province.district("Huyện Kim Bảng (redelivery)");
        UUID first = province.registerModel(district.commune1(), "NEW", null, "2024-01-10");
        models.add(first);
        models.add(province.registerModel(district.commune1(), "NEW", null, "2024-03-02"));
        models.add(province.registerModel(district.commune2(), "NEW", null, "2024-04-12"));
        models.add(province.registerModel(district.board(), "NEW", null, "2024-05-30"));
        models.add(province.registerModel(district.commune2(), "REPLICATED", first, "2024-06-01"));
        models.add(province.registerModel(district.commune1(), "REPLICATED", first, "2024-09-09"));
        province.recognize(models.get(0), "DISTRICT", "2024-06-15", "QĐ 101/QĐ-HU");
        province.recognize(models.get(0), "PROVINCE", "2024-11-20", "QĐ 2024/QĐ-TU");
        province.recognize(models.get(2), "COMMUNE", "2024-07-01", "QĐ 7/QĐ-ĐU");
        province.recognize(models.get(4), "DISTRICT", "2024-10-10", "QĐ 150/QĐ-HU");
        plans.add(province.createPlan(district.board(), List.of(district.commune1(), district.commune2())));
        province.sign(plans.get(0), district.board(), List.of(district.commune1(), district.commune2()));
        plans.add(province.createPlan(district.board(), List.of(district.commune2())));
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
        province.awaitQuiet();
    }

    @Test
    @Order(1)
    void everyEventDeliveredThreeMoreTimesAcrossTopicsChangesNoProjection() throws Exception {
        province.awaitQuiet();
        List<ConsumerRecord<String, String>> published = published();
        Map<String, String> before = reportingTables();

        List<ConsumerRecord<String, String>> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.addAll(published);
        }
        Collections.shuffle(again, new Random(7));
        again.forEach(r -> platform.topics.send(r.topic(), r.key(), r.value()));
        province.awaitQuiet();

        assertEquals(before, reportingTables(), "redelivered events changed reporting-service's tables");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(5));
    }

    @Test
    @Order(2)
    void aCopyDeliveredModelsFirstThenPlansThenUnitsChildrenFirstReportsWhatPlanServiceHolds() throws Exception {
        List<ConsumerRecord<String, String>> published = published();
        Map<String, String> copyOf = new HashMap<>();
        List<ConsumerRecord<String, String>> copies = published.stream().map(r -> copy(r, copyOf)).toList();
        UUID copiedDistrict = UUID.fromString(copyOf.get(district.id().toString()));
        List<UUID> copiedUnits = district.all().stream().map(u -> UUID.fromString(copyOf.get(u.toString()))).toList();

        // Models, each of their events twice, then plans: none of their units is known to reporting-service yet.
        for (String topic : List.of("models", "plans")) {
            List<Map.Entry<String, String>> messages = new ArrayList<>();
            copies.stream().filter(r -> r.topic().equals(topic))
                    .forEach(r -> messages.addAll(List.of(Map.entry(r.key(), r.value()), Map.entry(r.key(), r.value()))));
            platform.topics.sendAll(topic, messages);
        }
        long copiedModels = models.size();
        await("model facts of the copy stored before their units are known").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> province.count("reporting",
                        "SELECT count(*) FROM model_fact WHERE unit_id = ANY(?)", copiedUnits) == copiedModels);
        assertEquals(0, province.count("reporting", "SELECT count(*) FROM unit_node WHERE id = ANY(?)", copiedUnits),
                "no unit of the copy is known yet");

        // Then the units, the communes and the board before the district they belong to.
        List<ConsumerRecord<String, String>> units = new ArrayList<>(copies.stream().filter(r -> r.topic().equals("units")).toList());
        Collections.reverse(units);
        platform.topics.sendAll("units", units.stream().map(r -> Map.entry(r.key(), r.value())).toList());

        Province.ModelCounts expected = province.modelsInPlanService(district.id());
        Map<String, String> expectedPlans = new TreeMap<>();
        province.plansInPlanService(district.id()).forEach((id, status) -> expectedPlans.put(copyOf.get(id), status));
        await("the copy's reports equal plan-service's figures for the original").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertEquals(expected, province.modelsInReport(copiedDistrict), "model figures of the copy");
                    assertEquals(expectedPlans, province.plansInReport(copiedDistrict), "plans of the copy");
                });
    }

    /** Every distinct event (by CloudEvents id) published for the district's units, models and plans. */
    private static List<ConsumerRecord<String, String>> published() throws Exception {
        List<UUID> unitIds = district.all();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("units", province.count("unit", "SELECT count(*) FROM outbox_event WHERE aggregateid::uuid = ANY(?)", unitIds));
        List<UUID> planSide = Stream.concat(models.stream(), plans.stream()).toList();
        expected.put("models", province.count("plan",
                "SELECT count(*) FROM outbox_event WHERE aggregatetype = 'models' AND aggregateid::uuid = ANY(?)", planSide));
        expected.put("plans", province.count("plan",
                "SELECT count(*) FROM outbox_event WHERE aggregatetype = 'plans' AND aggregateid::uuid = ANY(?)", planSide));
        Set<String> keys = Stream.of(unitIds, models, plans).flatMap(List::stream).map(UUID::toString).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> events = new ArrayList<>();
        for (Map.Entry<String, Long> topic : expected.entrySet()) {
            // At least once: an event may be on the topic more than once (relay retries, earlier redeliveries); keep the first.
            Set<String> seen = new java.util.HashSet<>();
            List<ConsumerRecord<String, String>> distinct = platform.topics.await(topic.getKey(),
                    r -> keys.contains(r.key()) && seen.add(eventId(r)), topic.getValue().intValue(), Duration.ofSeconds(20));
            assertEquals(topic.getValue().longValue(), distinct.size(), "events of the district on " + topic.getKey()
                    + " = rows of the outbox");
            events.addAll(distinct);
        }
        return events;
    }

    /** The same event for a copy of the district: every id in it (event, units, models, plans…) replaced consistently. */
    private static ConsumerRecord<String, String> copy(ConsumerRecord<String, String> record, Map<String, String> copyOf) {
        Matcher ids = UUID_TEXT.matcher(record.value());
        StringBuilder value = new StringBuilder();
        while (ids.find()) {
            ids.appendReplacement(value, copyOf.computeIfAbsent(ids.group().toLowerCase(), id -> UUID.randomUUID().toString()));
        }
        ids.appendTail(value);
        String key = copyOf.computeIfAbsent(record.key().toLowerCase(), id -> UUID.randomUUID().toString());
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), key, value.toString());
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        return parse(record.value()).path("id").asText();
    }

    private static JsonNode parse(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON on a topic: " + json, e);
        }
    }

    private static Map<String, String> reportingTables() throws Exception {
        Map<String, String> tables = new TreeMap<>();
        Databases.snapshot(platform).forEach((table, state) -> {
            if (table.startsWith("reporting.")) {
                tables.put(table, state);
            }
        });
        return tables;
    }
}
