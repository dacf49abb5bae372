package vn.danvan.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole local platform under load, each figure next to a baseline measured in the same run (issue #9): write
 * throughput of model registration against plan-service's liveness probe and a read of one model at the same
 * concurrency; the lag from a registration's 201 (its commit happened before) to the model's change message on
 * reporting-service's live stream, under paced and maximal write load; the memory of each process idle and at its
 * peak under load. Everything over loopback, bounded by the request counts below.
 *
 * <p>Not part of the default build: {@code ./mvnw -B -ntp -o -pl benchmarks verify -Pbenchmark}, scale with
 * {@code -Dbench.requests=}, {@code -Dbench.clients=}, {@code -Dbench.rates=}, {@code -Dbench.rateSeconds=},
 * {@code -Dbench.communes=}, {@code -Dbench.warmup=}.
 */
@Tag("benchmark")
class PlatformBenchmark {
    private static final int REQUESTS = Integer.getInteger("bench.requests", 2000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    private static final int COMMUNES = Integer.getInteger("bench.communes", 200);
    private static final int[] CLIENTS = numbers(System.getProperty("bench.clients", "1,4,16,64"));
    private static final int[] RATES = numbers(System.getProperty("bench.rates", "50,200"));
    private static final int RATE_SECONDS = Integer.getInteger("bench.rateSeconds", 15);
    private static final Duration LAG_WAIT = Duration.ofSeconds(Integer.getInteger("bench.lagTimeoutSeconds", 30));
    private static final int LAG_BASELINE = Integer.getInteger("bench.lagBaseline", 20);
    private static final int YEAR = 2024;
    private static final String[] FIELDS = {"ECONOMY", "CULTURE_SOCIETY", "DEFENCE_SECURITY", "POLITICAL_SYSTEM", "OTHER"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http = new Http();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Every 201 of POST /api/models in this run, warm-up included: what reporting's totals must equal. */
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong lastRegisteredAt = new AtomicLong();
    private final List<UUID> boards = new ArrayList<>();
    private URI models;
    private long reportedTotal = -1;

    /** The models registered by one measured load, with when each 201 arrived; their lag is computed afterwards. */
    private static final class Writes {
        final ConcurrentLinkedQueue<Committed> committed = new ConcurrentLinkedQueue<>();
        /** 201 → change message on the stream. */
        final Latencies lag = new Latencies();
        /** 201 → the event read from the models topic (the outbox relay's share of the lag). */
        final Latencies toKafka = new Latencies();
        int seen;
        int total;
    }

    private record Committed(String modelId, long answeredAt) {
    }

    @Test
    void wholePlatformUnderLoad() throws Exception {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "machine: %d cores, java %s, load average at start %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), ProcessMemory.loadAverages()));
        out.add(String.format(Locale.ROOT, "parameters: requests=%d per scenario, clients=%s, rates=%s/s for %d s, "
                        + "communes=%d (+%d boards), warm-up=%d", REQUESTS, Arrays.toString(CLIENTS), Arrays.toString(RATES),
                RATE_SECONDS, COMMUNES, COMMUNES, WARMUP));

        long startBegin = System.nanoTime();
        try (LocalPlatform platform = LocalPlatform.start()) {
            out.add(String.format(Locale.ROOT, "platform (PostgreSQL, Kafka, 3 services, no Keycloak) ready in %.1f s",
                    seconds(startBegin)));
            models = URI.create(platform.planService() + "/api/models");
            ProcessMemory memory = new ProcessMemory(platform.postgresData());
            Thread.sleep(5_000);
            Map<String, ProcessMemory.Usage> idle = memory.snapshot();

            try (ChangeStream stream = new ChangeStream(platform.reportingService(), "model-registered");
                 TopicWatch topic = new TopicWatch(platform.settings.kafkaBootstrap(), "models");
                 MemoryPeaks peaks = new MemoryPeaks(memory)) {
                UUID province = createUnitTree(platform, out);
                if (!stream.awaitConnected(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("GET /api/stream did not answer: " + stream.lastProblem());
                }
                String readId = warmUp(platform, stream, topic, out);

                List<String> lagRows = new ArrayList<>();
                Writes single = new Writes();
                Load.Run alone = Load.closedLoop(1, LAG_BASELINE, i -> {
                    register(single);
                    awaitSeen(stream, topic, single, Duration.ofSeconds(10));
                    return true;
                });
                lagRows.add(lagRow("baseline: one write at a time", alone, single));
                for (int rate : RATES) {
                    Writes writes = new Writes();
                    Load.Run run = Load.openLoop(rate, RATE_SECONDS, 64, i -> register(writes));
                    awaitSeen(stream, topic, writes, LAG_WAIT);
                    lagRows.add(lagRow("paced " + rate + "/s for " + RATE_SECONDS + " s", run, writes));
                }

                List<String> throughputRows = new ArrayList<>();
                URI health = URI.create(platform.planService() + "/q/health/live");
                URI read = URI.create(platform.planService() + "/api/models/" + readId);
                double bestWrites = 0;
                for (int clients : CLIENTS) {
                    Map<String, Long> healthBefore = memory.cpuMillis();
                    Load.Run healthRun = Load.closedLoop(clients, REQUESTS, i -> ok(http.get(health), 200));
                    if (clients == CLIENTS[CLIENTS.length - 1]) {
                        // The same split for a request that does nothing: what the load generator's own HTTP costs.
                        healthCpuRows = cpuTable("GET /q/health/live", "request", healthBefore, memory.cpuMillis(),
                                healthRun, clients);
                    }
                    throughputRows.add(throughputRow("baseline GET /q/health/live", clients, healthRun));
                    throughputRows.add(throughputRow("baseline GET /api/models/{id}", clients,
                            Load.closedLoop(clients, REQUESTS, i -> ok(http.get(read), 200))));
                    Writes writes = new Writes();
                    Map<String, Long> cpuBefore = memory.cpuMillis();
                    Load.Run run = Load.closedLoop(clients, REQUESTS, i -> register(writes));
                    if (clients == CLIENTS[CLIENTS.length - 1]) {
                        cpuRows = cpuTable("POST /api/models", "write", cpuBefore, memory.cpuMillis(), run, clients);
                    }
                    throughputRows.add(throughputRow("POST /api/models", clients, run));
                    bestWrites = Math.max(bestWrites, run.perSecond());
                    awaitSeen(stream, topic, writes, LAG_WAIT);
                    lagRows.add(lagRow("max throughput, " + clients + " client(s)", run, writes));
                }

                String totals = checkTotals(platform, province);
                String loadDuring = String.format(Locale.ROOT, "%.2f (highest 1-min value sampled during the load)",
                        peaks.peakLoadAverage());
                peaks.close();
                Map<String, ProcessMemory.Usage> end = memory.snapshot();

                out.add("");
                out.add("write throughput against baselines (plan-service, HTTP/1.1 keep-alive over loopback, closed loop)");
                out.add(String.format(Locale.ROOT, "%-32s %7s %8s %8s %8s %8s %6s", "scenario", "clients", "requests", "req/s",
                        "p50 ms", "p99 ms", "errors"));
                out.addAll(throughputRows);
                out.add(String.format(Locale.ROOT, "goal ≥ 1,000 writes/s on 2 cores: best %.0f/s — %s", bestWrites,
                        bestWrites >= 1000 ? "met" : "NOT met"));
                out.add("");
                out.addAll(cpuRows);
                out.add("");
                out.addAll(healthCpuRows);
                out.add("");
                out.add("event lag commit → visible: 201 of POST /api/models → its change message on GET /api/stream (SSE)");
                out.add(String.format(Locale.ROOT, "%-32s %8s %7s %9s %9s %8s %8s %8s %8s %8s %8s", "load", "writes/s",
                        "writes", "w p99 ms", "seen", "lag p50", "lag p99", "lag max", "kafka50", "kafka99", "goal<1s"));
                out.addAll(lagRows);
                out.add("(ms. w p99: latency of the registration itself, in paced rows counted from when the request was due;"
                        + " kafka50/99: 201 → the event read from the models topic, the outbox relay's share of the lag;"
                        + " the rest is reporting-service consuming, projecting, committing and notifying. Stream messages "
                        + stream.messages() + ", reconnections " + stream.reconnections()
                        + (stream.reconnections() == 0 ? "" : ", after: " + stream.lastProblem()) + ")");
                out.add("");
                out.addAll(memoryTable(idle, peaks.peaks(), end));
                out.add("");
                out.add(totals);
                out.add("load average during the run: " + loadDuring + "; at the end " + ProcessMemory.loadAverages());
            }
        }

        String report = String.join("\n", out);
        System.out.println("\n=== whole platform benchmark ===\n" + report + "\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark.txt"), report + "\n", StandardCharsets.UTF_8);
        assertEquals(registered.get(), reportedTotal, "reporting's total equals the 201s of POST /api/models");
    }

    /** A province, COMMUNES communes under it and a mass-mobilization board under each (the units models are for). */
    private UUID createUnitTree(LocalPlatform platform, List<String> out) throws Exception {
        URI units = URI.create(platform.unitService() + "/api/units");
        UUID province = UUID.randomUUID();
        long begin = System.nanoTime();
        createUnit(units, province, "Tỉnh ủy Thử nghiệm", "PARTY_COMMITTEE", "PROVINCE", null);
        List<UUID> communes = IntStream.range(0, COMMUNES).mapToObj(i -> UUID.randomUUID()).toList();
        boards.addAll(IntStream.range(0, COMMUNES).mapToObj(i -> UUID.randomUUID()).toList());
        Load.Run c = Load.closedLoop(4, COMMUNES, i -> createUnit(units, communes.get(i), "Đảng ủy xã Số " + (i + 1),
                "PARTY_COMMITTEE", "COMMUNE", province));
        Load.Run b = Load.closedLoop(4, COMMUNES, i -> createUnit(units, boards.get(i), "Khối dân vận xã Số " + (i + 1),
                "MASS_MOBILIZATION_BOARD", "COMMUNE", communes.get(i)));
        if (c.errors() + b.errors() > 0) {
            throw new IllegalStateException("unit tree not created: " + c.firstError() + " / " + b.firstError());
        }
        out.add(String.format(Locale.ROOT, "unit tree: 1 province, %d communes, %d boards created by POST /api/units "
                + "(4 clients) in %.1f s (%.0f units/s)", COMMUNES, COMMUNES, seconds(begin), (1 + 2.0 * COMMUNES) / seconds(begin)));
        return province;
    }

    private boolean createUnit(URI units, UUID id, String name, String kind, String level, UUID parent) {
        String body = """
                {"id": "%s", "name": "%s", "kind": "%s", "level": "%s", "parentId": %s, "validFrom": "2020-01-01"}"""
                .formatted(id, name, kind, level, parent == null ? "null" : "\"" + parent + "\"");
        return ok(http.postJson(units, body), 201);
    }

    /**
     * One model per board, each retried until plan-service has learnt the board from the units topic (until then it
     * answers 422), then more registrations and reads so that every measured path is warm. Returns a model id to read.
     */
    private String warmUp(LocalPlatform platform, ChangeStream stream, TopicWatch topic, List<String> out) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + Duration.ofMinutes(3).toNanos();
        Writes ignored = new Writes();
        Load.Run known = Load.closedLoop(4, boards.size(), i -> {
            while (true) {
                Http.Answer response = http.postJson(models, modelBody(sequence.getAndIncrement(), boards.get(i)));
                if (response.statusCode() == 201) {
                    counted(response, ignored);
                    return true;
                }
                if (response.statusCode() != 422 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("registration refused: " + response.statusCode() + " " + response.body());
                }
                Thread.sleep(100);
            }
        });
        if (known.errors() > 0) {
            throw new IllegalStateException("plan-service did not learn the units: " + known.firstError());
        }
        out.add(String.format(Locale.ROOT, "plan-service accepted a model for each of the %d boards %.1f s after the "
                + "last unit was created", boards.size(), seconds(begin)));
        String readId = ignored.committed.peek().modelId();
        URI read = URI.create(platform.planService() + "/api/models/" + readId);
        URI health = URI.create(platform.planService() + "/q/health/live");
        Load.closedLoop(4, WARMUP, i -> register(ignored));
        Load.closedLoop(4, WARMUP, i -> ok(http.get(read), 200));
        Load.closedLoop(4, WARMUP, i -> ok(http.get(health), 200));
        // Start the measured loads with an empty pipeline: the warm-up's events applied and announced.
        awaitSeen(stream, topic, ignored, Duration.ofMinutes(2));
        return readId;
    }

    private boolean register(Writes writes) {
        int n = sequence.getAndIncrement();
        return counted(http.postJson(models, modelBody(n, boards.get(n % boards.size()))), writes);
    }

    private boolean counted(Http.Answer response, Writes writes) {
        long at = System.nanoTime();
        ok(response, 201);
        registered.incrementAndGet();
        lastRegisteredAt.accumulateAndGet(at, Math::max);
        String location = response.header("Location").orElseThrow();
        writes.committed.add(new Committed(location.substring(location.lastIndexOf('/') + 1), at));
        return true;
    }

    private static String modelBody(int n, UUID unitId) {
        return """
                {"name": "Mô hình dân vận khéo số %d", "unitId": "%s", "field": "%s", "origin": "NEW",
                 "registeredOn": "%s", "collective": true, "description": "Đo hiệu năng toàn hệ thống"}"""
                .formatted(n, unitId, FIELDS[n % FIELDS.length], LocalDate.of(YEAR, 1, 1).plusDays(n % 366));
    }

    /**
     * Waits until every model of the load not yet accounted was announced on the stream (or the wait is over), then
     * records their lags. A message can be read a few microseconds before the writer thread notes its 201 (the
     * commit precedes both): counted as 0.
     */
    private static void awaitSeen(ChangeStream stream, TopicWatch topic, Writes writes, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline
                && writes.committed.stream().anyMatch(w -> stream.seenAt(w.modelId()).isEmpty())) {
            Thread.sleep(20);
        }
        for (Committed write = writes.committed.poll(); write != null; write = writes.committed.poll()) {
            writes.total++;
            long answeredAt = write.answeredAt();
            Optional<Long> seen = stream.seenAt(write.modelId());
            if (seen.isPresent()) {
                writes.seen++;
                writes.lag.add(Math.max(0, seen.get() - answeredAt));
            }
            topic.seenAt(write.modelId()).ifPresent(at -> writes.toKafka.add(Math.max(0, at - answeredAt)));
        }
    }

    /** Polls reporting's model report of the province for the year until its total equals the 201s (or 2 minutes). */
    private String checkTotals(LocalPlatform platform, UUID province) throws Exception {
        URI report = URI.create(platform.reportingService() + "/api/reports/models?unitId=" + province + "&period=" + YEAR);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            reportedTotal = JSON.readTree(http.getOk(report)).path("totals").path("registered").asLong(-1);
            if (reportedTotal == registered.get() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        return String.format(Locale.ROOT, "reporting totals: registered = %,d for the province in %d; 201 responses = %,d"
                        + " — %s (first read %.1f s after the last 201, once the wait for the stream was over)",
                reportedTotal, YEAR, registered.get(), reportedTotal == registered.get() ? "equal" : "DIFFERENT",
                seconds(lastRegisteredAt.get()));
    }

    /** The CPU split of the last write run: where the two cores went, per component and per registration. */
    private List<String> cpuRows = List.of();
    private List<String> healthCpuRows = List.of();

    private static List<String> cpuTable(String what, String unit, Map<String, Long> before, Map<String, Long> after,
                                         Load.Run run, int clients) {
        List<String> rows = new ArrayList<>();
        long total = after.keySet().stream().mapToLong(c -> after.get(c) - before.getOrDefault(c, 0L)).sum();
        rows.add(String.format(Locale.ROOT, "CPU during %s, %d clients (%d %ss in %.1f s; 2 cores give %.0f ms)",
                what, clients, run.succeeded(), unit, run.seconds(), 2000 * run.seconds()));
        rows.add(String.format(Locale.ROOT, "%-30s %9s %8s %12s", "component", "CPU ms", "share", "ms per " + unit));
        after.forEach((component, ms) -> {
            long used = ms - before.getOrDefault(component, 0L);
            rows.add(String.format(Locale.ROOT, "%-30s %9d %7.0f%% %12.2f", component, used, 100.0 * used / Math.max(1, total),
                    (double) used / Math.max(1, run.succeeded())));
        });
        rows.add(String.format(Locale.ROOT, "%-30s %9d %7s %12.2f", "whole platform", total, "100%",
                (double) total / Math.max(1, run.succeeded())));
        return rows;
    }

    private static String throughputRow(String scenario, int clients, Load.Run run) {
        return String.format(Locale.ROOT, "%-32s %7d %8d %8.0f %8.2f %8.2f %6d", scenario, clients, run.requests(),
                run.perSecond(), run.latencies().p50(), run.latencies().p99(), run.errors())
                + (run.firstError() == null ? "" : "  first error: " + run.firstError());
    }

    private static String lagRow(String load, Load.Run run, Writes writes) {
        double p99 = writes.lag.p99();
        return String.format(Locale.ROOT, "%-32s %8.0f %7d %9.1f %9s %8.1f %8.1f %8.1f %8.1f %8.1f %8s", load,
                run.perSecond(), run.succeeded(), run.latencies().p99(), writes.seen + "/" + writes.total, writes.lag.p50(),
                p99, writes.lag.max(), writes.toKafka.p50(), writes.toKafka.p99(),
                writes.seen < writes.total ? "MISSED" : p99 < 1000 ? "met" : "NOT met")
                + (run.errors() == 0 ? "" : "  errors " + run.errors() + ": " + run.firstError());
    }

    private static List<String> memoryTable(Map<String, ProcessMemory.Usage> idle, Map<String, ProcessMemory.Usage> peak,
                                            Map<String, ProcessMemory.Usage> end) {
        List<String> rows = new ArrayList<>();
        rows.add("memory, MB (RSS from /proc/<pid>/status; PSS shares pages mapped by several processes, e.g."
                + " PostgreSQL's shared buffers)");
        rows.add(String.format(Locale.ROOT, "%-30s %5s %9s %9s %9s %9s %9s  %s", "process", "procs", "idle RSS", "peak RSS",
                "VmHWM", "idle PSS", "peak PSS", "goal ≤ 300 MB RSS"));
        ProcessMemory.Usage idleWhole = idle.values().stream().reduce(ProcessMemory.Usage.NONE, ProcessMemory.Usage::plus);
        for (String component : peak.keySet()) {
            boolean whole = MemoryPeaks.WHOLE.equals(component);
            ProcessMemory.Usage i = whole ? idleWhole : idle.getOrDefault(component, ProcessMemory.Usage.NONE);
            ProcessMemory.Usage p = peak.get(component);
            ProcessMemory.Usage e = end.getOrDefault(component, ProcessMemory.Usage.NONE);
            String goal = ProcessMemory.SERVICES.contains(component) ? (p.rssKb() <= 300 * 1024 ? "met" : "NOT met") : "";
            rows.add(String.format(Locale.ROOT, "%-30s %5d %9.0f %9.0f %9s %9.0f %9.0f  %s", component, p.processes(),
                    mb(i.rssKb()), mb(p.rssKb()), whole ? "-" : String.format(Locale.ROOT, "%.0f", mb(e.hwmKb())),
                    mb(i.pssKb()), mb(p.pssKb()), goal));
        }
        rows.add("(idle: 5 s after the platform was ready, before any data; peak: highest of 1-s samples from the unit tree"
                + " on; VmHWM: lifetime peak, start-up included; whole platform peak: highest sum at one moment;"
                + " this JVM is also the load generator)");
        return rows;
    }

    private static boolean ok(Http.Answer response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.method() + " " + response.path()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return true;
    }

    private static double mb(long kb) {
        return kb / 1024.0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int[] numbers(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

}
