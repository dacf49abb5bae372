package vn.danvan.plan.benchmark;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.danvan.plan.support.TestUnits;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The write path (POST /api/models: validation, unit check, insert, outbox append, commit; the relay publishes to
 * Kafka after the commit) against a read of one model as the baseline, measured in the same run over HTTP on
 * localhost. Not a timed unit test: run with {@code ./mvnw -pl plan-service verify -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class WritePathBenchmarkTest {
    private static final int WARMUP = 500;
    private static final int REQUESTS = 3000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registeringModelsThroughTheOutboxAgainstReadingOne() throws Exception {
        TestUnits.ensure(kafka, em);
        URI models = base.toURI().resolve("api/models");
        String readId = post(models, 0);
        URI read = models.resolve("models/" + readId);
        URI health = base.toURI().resolve("q/health/live");

        run("warm-up", 2, WARMUP, i -> post(models, i));
        run("warm-up", 2, WARMUP, i -> get(read));

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-44s %8s %9s %8s %8s", "scenario", "requests", "req/s", "p50 ms", "p99 ms"));
        for (int clients : new int[]{1, 4}) {
            lines.add(run("baseline GET /q/health/live, " + clients + " client(s)", clients, REQUESTS, i -> get(health)));
            lines.add(run("baseline GET /api/models/{id}, " + clients + " client(s)", clients, REQUESTS, i -> get(read)));
            lines.add(run("POST /api/models + outbox, " + clients + " client(s)", clients, REQUESTS, i -> post(models, i)));
        }
        long drainStart = System.nanoTime();
        while (pending() > 0 && System.nanoTime() - drainStart < 60_000_000_000L) {
            Thread.sleep(20);
        }
        lines.add(String.format(Locale.ROOT, "outbox drained to Kafka %d ms after the last commit (pending now: %d)",
                (System.nanoTime() - drainStart) / 1_000_000, pending()));
        lines.add("cores: " + Runtime.getRuntime().availableProcessors() + ", java " + System.getProperty("java.version"));
        String report = String.join("\n", lines);
        System.out.println("\n=== plan-service write-path benchmark ===\n" + report + "\n");
        Files.writeString(Path.of("target", "benchmark.txt"), report + "\n", StandardCharsets.UTF_8);
        assertEquals(0, pending(), "every registered model's event reached Kafka");
    }

    private String run(String scenario, int clients, int requests, IntFunction<String> call) throws Exception {
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = client; i < requests; i += clients) {
                    long t = System.nanoTime();
                    call.apply(i);
                    latencies[i] = System.nanoTime() - t;
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "%-44s %8d %9.0f %8.2f %8.2f", scenario, requests, requests / seconds,
                latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6);
    }

    private String post(URI models, int i) {
        String body = """
                {"name": "Mô hình dân vận khéo số %d", "unitId": "%s", "field": "ECONOMY", "origin": "NEW",
                 "registeredOn": "2023-03-15", "collective": true, "description": "Đo hiệu năng đường ghi"}
                """.formatted(i, TestUnits.COMMUNE_A);
        HttpResponse<String> response = send(HttpRequest.newBuilder(models).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration refused: " + response.statusCode() + " " + response.body());
        }
        return response.body().replaceAll("(?s).*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    private String get(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long pending() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                .getSingleResult()).longValue();
    }
}
