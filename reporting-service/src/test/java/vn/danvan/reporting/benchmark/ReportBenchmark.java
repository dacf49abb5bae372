package vn.danvan.reporting.benchmark;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TestTokens;
import vn.danvan.reporting.period.Period;
import vn.danvan.reporting.rollup.FactRollup;
import vn.danvan.reporting.unit.Structure;
import vn.danvan.reporting.security.SecuredProfile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Report latency at national scale, next to a bare authenticated endpoint of the same service measured in the same
 * run. Not a test: run with
 * {@code ./mvnw -pl reporting-service verify -Dgroups=benchmark -DexcludedGroups= -Dtest=ReportBenchmark}
 * (sizes: -Dbench.communes, -Dbench.bodies, -Dbench.models, -Dbench.recognitions, -Dbench.requests).
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@Tag("benchmark")
class ReportBenchmark {
    static final int PROVINCES = 34;
    static final int DISTRICTS = 705;
    final int communes = Integer.getInteger("bench.communes", 3321);
    final int bodies = Integer.getInteger("bench.bodies", 10) * communes;
    final int models = Integer.getInteger("bench.models", 1_600_000);
    final int recognitions = Integer.getInteger("bench.recognitions", 2_000_000);
    final int requests = Integer.getInteger("bench.requests", 300);

    @Inject
    EntityManager em;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    FactRollup rollup;

    @Inject
    Structure structure;

    @Inject
    vn.danvan.reporting.model.ModelProjection modelProjection;

    @Inject
    vn.danvan.reporting.stream.ChangeFeed feed;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    vn.danvan.reporting.report.ModelReportQuery reports;

    @Inject
    vn.danvan.reporting.plan.PlanReportQuery plans;

    @TestHTTPResource("/")
    URI base;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String token;

    @Test
    void reportLatencyAgainstABareAuthenticatedEndpoint() {
        long begin = System.nanoTime();
        generate();
        System.out.printf(Locale.ROOT, "generated %d provinces, %d districts (until 2025-06-30), %d communes, %d bodies, "
                        + "%d models, %d recognitions, %d plans in %.1f s%n", PROVINCES, DISTRICTS, communes, bodies, models,
                recognitions, 5 * communes,
                (System.nanoTime() - begin) / 1e9);
        begin = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> modelProjection.markRepeats(null));
        System.out.printf(Locale.ROOT, "%s recognitions repeat their model's level, marked in %.1f s%n",
                em.createNativeQuery("SELECT count(*) FROM recognition_fact WHERE previous_on IS NOT NULL").getSingleResult(),
                (System.nanoTime() - begin) / 1e9);
        begin = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(3600).run(rollup::refreshAll);
        vacuum();
        System.out.printf(Locale.ROOT, "rollup counted from the facts in %.1f s (%s rows)%n", (System.nanoTime() - begin) / 1e9,
                em.createNativeQuery("SELECT count(*) FROM fact_rollup").getSingleResult());
        explain(uuid("p", 2), "2023", false);
        explain(uuid("p", 2), "2023", true);
        explain(uuid("p", 2), "2025-H2", false);
        explain(uuid("p", 2), "2023-12-15..2024-12-14", false);
        if (Boolean.getBoolean("bench.explain")) {
            // Statements of the plan report slower than 200 ms, with their plans, in PostgreSQL's log.
            for (int i = 0; i < 8; i++) {
                long start = System.nanoTime();
                QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("LOAD 'auto_explain'").executeUpdate();
                    em.createNativeQuery("SET auto_explain.log_min_duration = 20").executeUpdate();
                    em.createNativeQuery("SET auto_explain.log_analyze = on").executeUpdate();
                    plans.report(uuid("p", 3), 2024, java.time.LocalDate.of(2024, 12, 31));
                    em.createNativeQuery("SET auto_explain.log_min_duration = -1").executeUpdate();
                });
                System.out.printf(Locale.ROOT, "JAVA plan report %d: %.1f ms%n", i, (System.nanoTime() - start) / 1e6);
            }
        }
        token = TestTokens.token("bench", "admin", null);
        String province = uuid("p", 1).toString();
        String commune = uuid("c", 1).toString();
        Map<String, String> scenarios = new LinkedHashMap<>();
        scenarios.put("bare authenticated GET /api/me", "/api/me");
        String reports = "/api/reports/models?unitId=";
        scenarios.put("province, year 2023, totals", reports + province + "&period=2023");
        scenarios.put("province, year 2023, by child (districts)", reports + province + "&period=2023&groupBy=child");
        scenarios.put("province, 2023 restated under 2025 units, by child",
                reports + province + "&period=2023&groupBy=child&structureAsOf=2025-12-31");
        scenarios.put("province, 2025-H2, by field", reports + province + "&period=2025-H2&groupBy=field");
        scenarios.put("province, 2024 from the 15th (2023-12-15..2024-12-14), totals",
                reports + province + "&period=2023-12-15..2024-12-14");
        // The members by level as subtrees of their own; recognitions less the repeats within the period (ADR 0013).
        scenarios.put("province, year 2023, by unit level", reports + province + "&period=2023&groupBy=unitLevel");
        scenarios.put("province, 2025 (districts end 30 June), by unit level",
                reports + province + "&period=2025&groupBy=unitLevel");
        scenarios.put("province, year 2023, by recognition level",
                reports + province + "&period=2023&groupBy=recognitionLevel");
        scenarios.put("commune, 2024-Q2, totals", reports + commune + "&period=2024-Q2");
        scenarios.put("dashboard summary, province, 2024", "/api/dashboard/summary?unitId=" + province + "&period=2024");
        // The first call of each (cold: it computes the subtree's buckets), then every path warmed as a service in use
        // would be, before any is measured: the first scenarios measured no longer pay the JIT for the later ones.
        Map<String, Double> firsts = new LinkedHashMap<>();
        scenarios.forEach((what, path) -> {
            long start = System.nanoTime();
            call(path).get();
            firsts.put(what, (System.nanoTime() - start) / 1e6);
        });
        for (int i = 0; i < Integer.getInteger("bench.warmup", 200); i++) {
            scenarios.values().forEach(path -> call(path).get());
        }
        double[] baseline = null;
        for (Map.Entry<String, String> scenario : scenarios.entrySet()) {
            double[] millis = measure(scenario.getValue());
            baseline = baseline == null ? millis : baseline;
            first = firsts.get(scenario.getKey());
            report(scenario.getKey(), millis, baseline);
        }
        // The first events the consumer ever receives pay for its cold path (partition positions, JIT, first
        // statements): a short run first, printed apart, as the report paths above were warmed.
        lag("first events (cold consumer)", 50, 4, 0);
        lag("measured", Integer.getInteger("bench.lagRate", 200), Integer.getInteger("bench.lagSeconds", 15), 10_000);
    }

    /**
     * Event lag at national scale: events published on the models topic at a steady rate (three registrations of new
     * models in communes and bodies across the country for one recognition of a generated model), each timed from the
     * broker's acknowledgement to its change message from the live feed, which follows the commit of the projection
     * (and of the kept subtree totals the reports above read). In the platform the outbox relay's share comes before
     * (the platform benchmark measures both).
     */
    private void lag(String what, int rate, int seconds, int offset) {
        Map<UUID, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
        Map<UUID, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        var subscription = feed.changes().subscribe().with(change -> seen.putIfAbsent(change.subject(), System.nanoTime()));
        Map<String, Object> config = Map.of(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all",
                org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 2);
        int events = rate * seconds;
        long start = System.nanoTime();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < events; i++) {
                long due = start + i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
                UUID model;
                String event;
                if (i % 4 == 3) {
                    int m = 1_000_000 + offset + i; // a generated model, recognised once here
                    model = uuid("m", m);
                    UUID unit = m % 4 == 0 ? uuid("c", m % communes + 1) : uuid("b", m % bodies + 1);
                    event = vn.danvan.reporting.report.EventFixtures.modelRecognized(model, unit, "DISTRICT", "2025-11-20",
                            "QĐ lag " + i);
                } else {
                    model = UUID.randomUUID();
                    UUID unit = i % 2 == 0 ? uuid("c", i % communes + 1) : uuid("b", i % bodies + 1);
                    event = vn.danvan.reporting.report.EventFixtures.modelRegistered(UUID.randomUUID(), model, unit,
                            "ECONOMY", "NEW", "2025-11-20");
                }
                UUID subject = model;
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("models", model.toString(), event),
                        (metadata, error) -> {
                            if (error == null) {
                                acked.put(subject, System.nanoTime());
                            }
                        });
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (seen.keySet().containsAll(acked.keySet()) == false && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        subscription.cancel();
        double[] lags = acked.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                .mapToDouble(e -> (seen.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        for (int part = 0; part < 3; part++) {
            long from = start + part * (seconds * 1_000_000_000L / 3);
            long to = from + seconds * 1_000_000_000L / 3;
            double[] slice = acked.entrySet().stream().filter(e -> seen.containsKey(e.getKey()))
                    .filter(e -> e.getValue() >= from && e.getValue() < to)
                    .mapToDouble(e -> (seen.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
            if (slice.length > 0) {
                System.out.printf(Locale.ROOT, "BENCH lag, %s, third %d of the run: %d events, p50 %.1f ms, p99 %.1f ms%n",
                        what, part + 1, slice.length, percentile(slice, 50), percentile(slice, 99));
            }
        }
        System.out.printf(Locale.ROOT, "BENCH lag, %s, broker ack -> change committed and announced, %d events/s for %d s: "
                        + "seen %d/%d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, rate, seconds, lags.length, events,
                percentile(lags, 50), percentile(lags, 99), lags[lags.length - 1]);
    }

    /** As autovacuum would after a load, before measuring: statistics, and the visibility map index-only scans need. */
    private void vacuum() {
        try (java.sql.Connection connection = dataSource.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM ANALYZE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The steps of a report timed in the service's JVM, without HTTP, with -Dbench.explain=true. */
    private void explain(UUID unit, String period, boolean byChild) {
        if (!Boolean.getBoolean("bench.explain")) {
            return;
        }
        Period parsed = Period.parse(period);
        Structure.Members members = structure.members(unit, parsed.to());
        for (int i = 0; i < 8; i++) {
            var query = em.createNativeQuery("EXPLAIN (ANALYZE, BUFFERS) " + vn.danvan.reporting.report.ModelReportQuery.REPEATS);
            members.parameters().forEach(query::setParameter);
            List<?> plan = query.setParameter("from", parsed.from()).setParameter("to", parsed.to()).getResultList();
            if (i == 0 || i == 7) {
                plan.forEach(line -> System.out.println("REPEATS " + line));
            }
        }
        double[] subtree = measure(() -> structure.members(unit, parsed.to()));
        double[] count = measure(() -> rollup.count(structure.members(unit, parsed.to()), byChild, parsed.from(), parsed.to()));
        double computed = first;
        double[] whole = measure(() -> QuarkusTransaction.requiringNew().call(() -> reports.report(unit, parsed,
                byChild ? "child" : null, null)));
        System.out.printf(Locale.ROOT, "JAVA %s %s: members p50 %.2f ms, members+count first %.1f ms, p50 %.2f p99 %.2f ms, "
                        + "report() p50 %.2f p99 %.2f ms%n", period, byChild ? "by child" : "totals", percentile(subtree, 50),
                computed, percentile(count, 50), percentile(count, 99), percentile(whole, 50), percentile(whole, 99));
    }

    /** Sequential calls on one kept-alive connection, with a plain JDK client: what is measured is the server. */
    private double[] measure(String path) {
        return measure(call(path));
    }

    private Supplier<Object> call(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
        return () -> {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                return response;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /** The time of the first call of the last {@link #measure}: for a report, the one that computes its subtree's buckets. */
    double first;

    private double[] measure(Supplier<?> call) {
        long begin = System.nanoTime();
        call.get();
        first = (System.nanoTime() - begin) / 1e6;
        for (int i = 1; i < Math.min(50, requests); i++) {
            call.get();
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private void report(String what, double[] millis, double[] baseline) {
        double p50 = percentile(millis, 50);
        double p99 = percentile(millis, 99);
        System.out.printf(Locale.ROOT, "BENCH %-55s first %7.1f ms  p50 %7.2f ms  p99 %7.2f ms  (x%.1f / x%.1f the baseline)%n",
                what, first, p50, p99, p50 / percentile(baseline, 50), p99 / percentile(baseline, 99));
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static UUID uuid(String prefix, int i) {
        return UUID.nameUUIDFromBytes((prefix + i).getBytes());
    }

    /** The national tree before and after 1 July 2025, and the facts, straight into the projection tables. */
    private void generate() {
        List<String> statements = new ArrayList<>(List.of(
                "TRUNCATE unit_node, unit_period, unit_lineage, model_fact, recognition_fact, plan_fact CASCADE",
                "CREATE OR REPLACE FUNCTION bench_id(text) RETURNS uuid AS $$ SELECT uuid_in(overlay(overlay(md5($1) "
                        + "placing '3' from 13) placing to_hex((x'8'::int | ((get_byte(decode(md5($1), 'hex'), 8) >> 4) & x'3'::int))) "
                        + "from 17 for 1)::cstring) $$ LANGUAGE sql IMMUTABLE",
                """
                INSERT INTO unit_node (id, kind, valid_from, valid_to, revision)
                SELECT bench_id('p' || i), 'PARTY_COMMITTEE', DATE '2020-01-01', NULL, 0 FROM generate_series(1, %1$d) i
                UNION ALL SELECT bench_id('d' || i), 'PARTY_COMMITTEE', DATE '2020-01-01', DATE '2025-06-30', 0 FROM generate_series(1, %2$d) i
                UNION ALL SELECT bench_id('c' || i), 'PARTY_COMMITTEE', DATE '2020-01-01', NULL, 0 FROM generate_series(1, %3$d) i
                UNION ALL SELECT bench_id('b' || i), 'OTHER', DATE '2020-01-01', NULL, 0 FROM generate_series(1, %4$d) i
                """.formatted(PROVINCES, DISTRICTS, communes, bodies),
                """
                INSERT INTO unit_period (unit_id, valid_from, valid_to, name, parent_id, level, kind)
                SELECT bench_id('p' || i), DATE '2020-01-01', NULL, 'Tỉnh ' || i, NULL, 'PROVINCE', 'PARTY_COMMITTEE'
                  FROM generate_series(1, %1$d) i
                UNION ALL SELECT bench_id('d' || i), DATE '2020-01-01', DATE '2025-06-30', 'Huyện ' || i,
                  bench_id('p' || ((i - 1) %% %1$d + 1)), 'DISTRICT', 'PARTY_COMMITTEE' FROM generate_series(1, %2$d) i
                UNION ALL SELECT bench_id('c' || i), DATE '2020-01-01', DATE '2025-06-30', 'Xã ' || i,
                  bench_id('d' || ((i - 1) %% %2$d + 1)), 'COMMUNE', 'PARTY_COMMITTEE' FROM generate_series(1, %3$d) i
                UNION ALL SELECT bench_id('c' || i), DATE '2025-07-01', NULL, 'Xã ' || i,
                  bench_id('p' || (((i - 1) %% %2$d) %% %1$d + 1)), 'COMMUNE', 'PARTY_COMMITTEE' FROM generate_series(1, %3$d) i
                UNION ALL SELECT bench_id('b' || i), DATE '2020-01-01', NULL, 'Cơ quan ' || i,
                  bench_id('c' || ((i - 1) %% %3$d + 1)), 'COMMUNE',
                  CASE WHEN i <= %3$d THEN 'MASS_MOBILIZATION_BOARD' ELSE 'OTHER' END FROM generate_series(1, %4$d) i
                """.formatted(PROVINCES, DISTRICTS, communes, bodies),
                """
                INSERT INTO model_fact (model_id, unit_id, name, field, origin, registered_on)
                SELECT bench_id('m' || i),
                       CASE WHEN i %% 4 = 0 THEN bench_id('c' || (i %% %1$d + 1)) ELSE bench_id('b' || (i %% %2$d + 1)) END,
                       'Mô hình ' || i, (ARRAY['ECONOMY','CULTURE_SOCIETY','DEFENCE_SECURITY','POLITICAL_SYSTEM','OTHER'])[i %% 5 + 1],
                       CASE WHEN i %% 3 = 0 THEN 'REPLICATED' ELSE 'NEW' END, DATE '2021-01-01' + (i::bigint * 7919 %% 1826)::int
                FROM generate_series(1, %3$d) i
                """.formatted(communes, bodies, models),
                """
                INSERT INTO recognition_fact (recognition_id, model_id, unit_id, level, recognized_on, decision_ref, field, origin)
                SELECT bench_id('r' || i), f.model_id, f.unit_id, (ARRAY['COMMUNE','DISTRICT','PROVINCE','NATIONAL'])[i %% 4 + 1],
                       LEAST(f.registered_on + 30 + (i %% 365), DATE '2025-12-31'), 'QĐ ' || i, f.field, f.origin
                FROM generate_series(1, %1$d) i JOIN model_fact f ON f.model_id = bench_id('m' || (i %% %2$d + 1))
                """.formatted(recognitions, models),
                // Every commune's board signs a plan each year with two other bodies of the commune (one in ten
                // stays a draft), four tasks in every state, and reviews at six and nine months.
                """
                INSERT INTO plan_fact (plan_id, title, document_number, owner_unit_id, partner_unit_ids, year, start_date,
                                       end_date, status, signed_on, place)
                SELECT bench_id('plan' || i || '-' || y), 'Chương trình phối hợp ' || y, i || '/CTPH-DV',
                       bench_id('b' || i), ARRAY[bench_id('b' || (i + %1$d)), bench_id('b' || (i + 2 * %1$d))], y,
                       make_date(y, 1, 1), make_date(y, 12, 31), CASE WHEN i %% 10 = 0 THEN 'DRAFT' ELSE 'SIGNED' END,
                       CASE WHEN i %% 10 = 0 THEN NULL ELSE make_date(y, 1, 15) END, 'Xã ' || i
                FROM generate_series(1, %1$d) i CROSS JOIN generate_series(2021, 2025) y
                """.formatted(communes),
                """
                INSERT INTO plan_task (plan_id, task_id, title, responsible_unit_id, status, note)
                SELECT p.plan_id, bench_id(p.plan_id || '-t' || t), 'Nhiệm vụ ' || t, p.owner_unit_id,
                       (ARRAY['NOT_STARTED','IN_PROGRESS','DONE','DONE'])[t], NULL
                FROM plan_fact p CROSS JOIN generate_series(1, 4) t
                """,
                """
                INSERT INTO plan_review (review_id, plan_id, kind, held_on, summary)
                SELECT bench_id(p.plan_id || '-' || k), p.plan_id, k,
                       make_date(p.year, CASE k WHEN 'MID_YEAR' THEN 7 ELSE 10 END, 5), 'Sơ kết'
                FROM plan_fact p CROSS JOIN unnest(ARRAY['MID_YEAR','NINE_MONTH']) k WHERE p.status = 'SIGNED'
                """,
                "ANALYZE"));
        for (String sql : statements) {
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> em.createNativeQuery(sql).executeUpdate());
        }
    }
}
