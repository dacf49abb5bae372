package vn.danvan.reporting.rollup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import vn.danvan.common.events.EventReader;
import vn.danvan.reporting.model.ModelProjection;
import vn.danvan.reporting.period.Period;
import vn.danvan.reporting.report.ModelReport;
import vn.danvan.reporting.report.EventFixtures.History;
import vn.danvan.reporting.report.EventFixtures.Slice;
import vn.danvan.reporting.report.ModelReportQuery;
import vn.danvan.reporting.unit.UnitProjection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danvan.reporting.report.EventFixtures.envelope;
import static vn.danvan.reporting.report.EventFixtures.unitCreated;
import static vn.danvan.reporting.report.EventFixtures.unitEvent;

/**
 * The reports read the rollup; here they are checked against figures counted in Java from the events themselves,
 * after registrations, recognitions and corrections that move models between units, fields, origins and years, in
 * batches of every size, for every form of period (including a reporting cycle from the 15th and ranges that cut
 * months).
 */
@QuarkusTest
class FactRollupTest {
    static final String[] FIELDS = FactRollup.FIELDS.toArray(String[]::new);
    static final String[] ORIGINS = FactRollup.ORIGINS.toArray(String[]::new);
    static final String[] LEVELS = FactRollup.LEVELS.toArray(String[]::new);

    @Inject
    EventReader reader;

    @Inject
    UnitProjection units;

    @Inject
    ModelProjection models;

    @Inject
    ModelReportQuery reports;

    @Inject
    FactRollup rollup;

    @Inject
    EntityManager em;

    record Model(UUID unit, String field, String origin, LocalDate on) {
    }

    record Recognition(UUID model, String level, LocalDate on) {
    }

    @Test
    void reportsFromTheRollupEqualTheFiguresCountedFromTheEvents() {
        UUID district = UUID.randomUUID();
        List<UUID> communes = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        // A town that became a district-level town on 1 January 2024: its facts count under the level of their day.
        UUID town = UUID.randomUUID();
        List<UUID> owners = new ArrayList<>(communes);
        owners.add(district);
        owners.add(town);
        QuarkusTransaction.requiringNew().run(() -> {
            units.apply(reader.read(unitCreated(UUID.randomUUID(), district, "Huyện ủy Kiểm Tra", "DISTRICT", null, "2020-01-01")));
            for (int i = 0; i < communes.size(); i++) {
                units.apply(reader.read(unitCreated(UUID.randomUUID(), communes.get(i), "Đảng ủy xã " + i, "COMMUNE", district,
                        "2020-01-01")));
            }
            units.apply(reader.read(unitEvent("unit-updated", List.of(new History(town, "PARTY_COMMITTEE", 1, List.of(
                    new Slice("2020-01-01", "2023-12-31", "Đảng ủy thị trấn Kiểm", district, "COMMUNE", "PARTY_COMMITTEE"),
                    new Slice("2024-01-01", null, "Thị ủy Kiểm", district, "DISTRICT", "PARTY_COMMITTEE")))), null)));
        });
        java.util.function.BiFunction<UUID, LocalDate, String> levelOn = (unit, day) -> unit.equals(district) ? "DISTRICT"
                : unit.equals(town) && !day.isBefore(LocalDate.of(2024, 1, 1)) ? "DISTRICT" : "COMMUNE";

        Random random = new Random(2023);
        Map<UUID, Model> state = new LinkedHashMap<>();
        Map<UUID, Recognition> recognitions = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        LocalDate first = LocalDate.of(2022, 10, 1);
        for (int i = 0; i < 900; i++) {
            int kind = random.nextInt(10);
            if (kind < 4 || state.isEmpty()) {
                UUID id = UUID.randomUUID();
                Model model = new Model(owners.get(random.nextInt(owners.size())), FIELDS[random.nextInt(FIELDS.length)],
                        ORIGINS[random.nextInt(ORIGINS.length)], first.plusDays(random.nextInt(900)));
                state.put(id, model);
                events.add(model("model-registered", id, model));
            } else if (kind < 8) {
                UUID modelId = pick(state, random);
                Model model = state.get(modelId);
                Recognition recognition = new Recognition(modelId, LEVELS[random.nextInt(LEVELS.length)],
                        model.on().plusDays(random.nextInt(200)));
                UUID id = UUID.randomUUID();
                recognitions.put(id, recognition);
                events.add(recognition(id, recognition, model));
                if (kind == 7) {
                    events.add(events.get(events.size() - 1)); // delivered twice
                }
            } else {
                // A correction: another unit, field, origin, and a registration date that may cross a year.
                UUID modelId = pick(state, random);
                Model model = new Model(owners.get(random.nextInt(owners.size())), FIELDS[random.nextInt(FIELDS.length)],
                        ORIGINS[random.nextInt(ORIGINS.length)], first.plusDays(random.nextInt(900)));
                state.put(modelId, model);
                events.add(model("model-updated", modelId, model));
            }
        }
        List<Period> periods = new ArrayList<>(List.of(Period.parse("2023"), Period.parse("2024"), Period.parse("2024-H1"),
                Period.parse("2024-H2"), Period.parse("2023-Q3"), Period.parse("2024-9M"), Period.parse("2023-02"),
                Period.parse("2023", 15), Period.parse("2024-Q2", 15), Period.parse("2022-10-17..2025-03-04"),
                Period.parse("2023-06-10..2023-06-20"), Period.parse("2023-12-31..2024-01-01")));
        // While the batches are applied, another thread keeps asking for day ranges never asked before, so that the
        // totals of subtrees are computed while batches are in flight; each is checked at the end.
        java.util.concurrent.atomic.AtomicBoolean applying = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Period> raced = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CompletableFuture<Void> background = java.util.concurrent.CompletableFuture.runAsync(() -> {
            Random days = new Random(15);
            while (applying.get() && raced.size() < 200) {
                LocalDate from = first.plusDays(days.nextInt(900));
                Period period = Period.parse(from + ".." + from.plusDays(days.nextInt(45)));
                QuarkusTransaction.requiringNew().run(() -> {
                    reports.report(district, period, null, null);
                    reports.report(district, period, "child", null);
                });
                raced.add(period);
            }
        });
        int batches = 0;
        for (int i = 0; i < events.size(); batches++) {
            if (batches == 8) {
                // Totals computed early, then kept by the consumer through the rest of the batches.
                periods.forEach(period -> reports.report(district, period, "child", null));
                periods.forEach(period -> reports.report(district, period, null, null));
                // Repeats read now and kept: the later batches must move them.
                periods.forEach(period -> reports.report(district, period, "recognitionLevel", null));
            }
            int size = 1 + random.nextInt(60);
            List<ModelProjection.Change> batch = new ArrayList<>();
            java.util.Set<UUID> seen = new java.util.HashSet<>();
            for (String json : events.subList(i, Math.min(events.size(), i + size))) {
                var event = reader.read(json);
                if (seen.add(event.id())) { // the consumer keeps first deliveries only
                    batch.add(models.read(event));
                }
            }
            QuarkusTransaction.requiringNew().run(() -> models.applyAll(batch));
            i += size;
        }

        applying.set(false);
        background.join();
        assertTrue(raced.size() > 10, "the reader ran alongside the batches: " + raced.size() + " periods");
        periods.addAll(raced);
        int repeated = 0;
        for (Period period : periods) {
            ModelReport byUnitLevel = reports.report(district, period, "unitLevel", null);
            for (ModelReport.Row row : byUnitLevel.rows()) {
                assertEquals(expectedAtLevel(state, recognitions, period, row.key(), levelOn), List.of(row.registered(),
                        row.newModels(), row.replicated(), row.recognized()), period + " unitLevel " + row.key());
            }
            ModelReport byRecognitionLevel = reports.report(district, period, "recognitionLevel", null);
            for (ModelReport.Row row : byRecognitionLevel.rows()) {
                assertEquals(expectedRecognizedAt(state, recognitions, period, row.key()), List.of(row.registered(),
                        row.newModels(), row.replicated(), row.recognized()), period + " recognitionLevel " + row.key());
                repeated += row.registered() < row.recognized().get(row.key()) ? 1 : 0;
            }
            for (String groupBy : new String[] {null, "child", "field", "origin"}) {
                ModelReport report = reports.report(district, period, groupBy, null);
                String what = period + " " + groupBy;
                assertEquals(expected(state, recognitions, period, m -> true), counts(report.totals()), what);
                for (ModelReport.Row row : report.rows()) {
                    String key = row.key();
                    java.util.function.Predicate<Model> in = switch (groupBy) {
                        case "field" -> m -> m.field().equals(key);
                        case "origin" -> m -> m.origin().equals(key);
                        default -> m -> m.unit().toString().equals(key);
                    };
                    assertEquals(expected(state, recognitions, period, in), List.of(row.registered(), row.newModels(),
                            row.replicated(), row.recognized()), what + " " + row.label());
                }
            }
        }

        assertTrue(repeated > 0, "some models were recognised twice at a level within a period");

        // What the consumer kept incrementally is what a recount from the facts gives.
        String snapshot = "SELECT string_agg(unit_id || grain || bucket || counts::text, ';' ORDER BY unit_id, grain, bucket) "
                + "FROM fact_rollup WHERE unit_id = ANY(cast(?1 AS uuid[]))";
        String ids = owners.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        String kept = (String) em.createNativeQuery(snapshot).setParameter(1, ids).getSingleResult();
        String repeats = "SELECT string_agg(recognition_id || ':' || previous_on, ';' ORDER BY recognition_id) "
                + "FROM recognition_fact WHERE unit_id = ANY(cast(?1 AS uuid[])) AND previous_on IS NOT NULL";
        String marked = (String) em.createNativeQuery(repeats).setParameter(1, ids).getSingleResult();
        QuarkusTransaction.requiringNew().run(() -> {
            rollup.refreshAll();
            assertEquals(em.createNativeQuery(snapshot).setParameter(1, ids).getSingleResult(), kept);
            em.createNativeQuery("UPDATE recognition_fact SET previous_on = NULL WHERE unit_id = ANY(cast(?1 AS uuid[]))")
                    .setParameter(1, ids).executeUpdate();
            models.markRepeats(null);
            assertEquals(em.createNativeQuery(repeats).setParameter(1, ids).getSingleResult(), marked);
        });
    }

    /** The row of a unit level: models registered by a unit of that level on the day, recognitions likewise. */
    private static List<Object> expectedAtLevel(Map<UUID, Model> models, Map<UUID, Recognition> recognitions, Period period,
                                                String level, java.util.function.BiFunction<UUID, LocalDate, String> levelOn) {
        long registered = 0;
        long newModels = 0;
        for (Model model : models.values()) {
            if (period.contains(model.on()) && levelOn.apply(model.unit(), model.on()).equals(level)) {
                registered++;
                newModels += model.origin().equals("NEW") ? 1 : 0;
            }
        }
        Map<String, Long> recognized = ModelReport.recognitionMap();
        for (Recognition recognition : recognitions.values()) {
            if (period.contains(recognition.on())
                    && levelOn.apply(models.get(recognition.model()).unit(), recognition.on()).equals(level)) {
                recognized.merge(recognition.level(), 1L, Long::sum);
            }
        }
        return List.of(registered, newModels, registered - newModels, recognized);
    }

    /** The row of a recognition level: the models recognised at it in the period, once each, and the recognitions. */
    private static List<Object> expectedRecognizedAt(Map<UUID, Model> models, Map<UUID, Recognition> recognitions,
                                                     Period period, String level) {
        java.util.Set<UUID> recognizedModels = new java.util.HashSet<>();
        long count = 0;
        for (Recognition recognition : recognitions.values()) {
            if (period.contains(recognition.on()) && recognition.level().equals(level)) {
                recognizedModels.add(recognition.model());
                count++;
            }
        }
        long newModels = recognizedModels.stream().filter(m -> models.get(m).origin().equals("NEW")).count();
        Map<String, Long> recognized = ModelReport.recognitionMap();
        recognized.put(level, count);
        return List.of((long) recognizedModels.size(), newModels, recognizedModels.size() - newModels, recognized);
    }

    /** A model recognised twice at a level, then corrected to another origin: the level's row follows at once. */
    @Test
    void theRepeatsOfACorrectedModelFollowIt() {
        UUID district = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> units.apply(reader.read(unitCreated(UUID.randomUUID(), district,
                "Huyện ủy Lặp Lại", "DISTRICT", null, "2020-01-01"))));
        UUID modelId = UUID.randomUUID();
        Model model = new Model(district, "ECONOMY", "NEW", LocalDate.of(2023, 1, 10));
        apply(model("model-registered", modelId, model),
                recognition(UUID.randomUUID(), new Recognition(modelId, "COMMUNE", LocalDate.of(2023, 3, 1)), model),
                recognition(UUID.randomUUID(), new Recognition(modelId, "COMMUNE", LocalDate.of(2023, 9, 1)), model));
        Period year = Period.parse("2023");
        ModelReport.Row before = reports.report(district, year, "recognitionLevel", null).rows().get(0);
        assertEquals(List.of("COMMUNE", 1L, 1L, 0L, 2L), List.of(before.key(), before.registered(), before.newModels(),
                before.replicated(), before.recognized().get("COMMUNE")));

        apply(model("model-updated", modelId, new Model(district, "ECONOMY", "REPLICATED", LocalDate.of(2023, 1, 10))));
        ModelReport.Row after = reports.report(district, year, "recognitionLevel", null).rows().get(0);
        assertEquals(List.of("COMMUNE", 1L, 0L, 1L, 2L), List.of(after.key(), after.registered(), after.newModels(),
                after.replicated(), after.recognized().get("COMMUNE")));
    }

    private void apply(String... events) {
        List<ModelProjection.Change> batch = new ArrayList<>();
        for (String json : events) {
            batch.add(models.read(reader.read(json)));
        }
        QuarkusTransaction.requiringNew().run(() -> models.applyAll(batch));
    }

    private static List<Object> counts(ModelReport.Counts counts) {
        return List.of(counts.registered(), counts.newModels(), counts.replicated(), counts.recognized());
    }

    /** Registered, new, replicated and recognitions per level, counted in Java. */
    private static List<Object> expected(Map<UUID, Model> models, Map<UUID, Recognition> recognitions, Period period,
                                         java.util.function.Predicate<Model> in) {
        long registered = 0;
        long newModels = 0;
        for (Model model : models.values()) {
            if (period.contains(model.on()) && in.test(model)) {
                registered++;
                newModels += model.origin().equals("NEW") ? 1 : 0;
            }
        }
        Map<String, Long> recognized = ModelReport.recognitionMap();
        for (Recognition recognition : recognitions.values()) {
            // A recognition follows its model's unit, field and origin as last corrected.
            if (period.contains(recognition.on()) && in.test(models.get(recognition.model()))) {
                recognized.merge(recognition.level(), 1L, Long::sum);
            }
        }
        return List.of(registered, newModels, registered - newModels, recognized);
    }

    private static UUID pick(Map<UUID, Model> state, Random random) {
        List<UUID> ids = new ArrayList<>(state.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private static String model(String type, UUID id, Model model) {
        return envelope(UUID.randomUUID(), type, id, """
                {"modelId": "%s", "name": "Mô hình", "unitId": "%s", "field": "%s", "origin": "%s", "registeredOn": "%s",
                 "actor": "test"}""".formatted(id, model.unit(), model.field(), model.origin(), model.on()));
    }

    private static String recognition(UUID id, Recognition recognition, Model model) {
        return envelope(UUID.randomUUID(), "model-recognized", recognition.model(), """
                {"modelId": "%s", "recognitionId": "%s", "unitId": "%s", "level": "%s", "recognizedOn": "%s",
                 "decisionRef": "QĐ", "field": "%s", "origin": "%s", "name": "Mô hình", "actor": "test"}"""
                .formatted(recognition.model(), id, model.unit(), recognition.level(), recognition.on(), model.field(),
                        model.origin()));
    }
}
