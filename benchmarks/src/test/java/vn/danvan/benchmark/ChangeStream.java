package vn.danvan.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A dashboard's view of the platform: subscribed to reporting-service's {@code GET /api/stream} (Server-Sent Events),
 * it notes when the {@code change} message of each subject (for a model event, the model id) first arrives, on this
 * JVM's {@link System#nanoTime()} clock — the same clock that timed the 201 of the registration. If the stream
 * breaks it subscribes again and counts the reconnection (messages sent meanwhile are not replayed, so they count as
 * not seen).
 */
final class ChangeStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;
    private final String type;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong reconnections = new AtomicLong();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean open = true;
    private volatile Stream<String> lines;
    private volatile String lastProblem;

    /** Subscribes now; {@code type} is the event type whose subjects are noted (e.g. "model-registered"). */
    ChangeStream(String reportingService, String type) {
        this.request = HttpRequest.newBuilder(URI.create(reportingService + "/api/stream"))
                .header("Accept", "text/event-stream").GET().build();
        this.type = type;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** True once the stream answered 200 (its headers arrived). */
    boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the first message about this subject arrived ({@code System.nanoTime()}), if it did. */
    Optional<Long> seenAt(String subject) {
        return Optional.ofNullable(firstSeen.get(subject));
    }

    long messages() {
        return messages.get();
    }

    long reconnections() {
        return reconnections.get();
    }

    String lastProblem() {
        return lastProblem;
    }

    private void read() {
        while (open) {
            try {
                HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    lastProblem = "GET /api/stream answered " + response.statusCode();
                    response.body().close();
                    pause();
                    continue;
                }
                connected.countDown();
                lines = response.body();
                consume(lines.iterator());
                if (open) {
                    lastProblem = "the server ended the stream";
                }
            } catch (IOException | UncheckedIOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            if (open) {
                reconnections.incrementAndGet();
                pause();
            }
        }
    }

    /** The SSE wire format: "event:" and "data:" lines, a blank line ends a message. */
    private void consume(Iterator<String> it) {
        String event = null;
        StringBuilder data = new StringBuilder();
        while (open && it.hasNext()) {
            String line = it.next();
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    onMessage(System.nanoTime(), event, data.toString());
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
    }

    private void onMessage(long arrivedAt, String event, String data) {
        if (event != null && !"change".equals(event)) {
            return;
        }
        messages.incrementAndGet();
        try {
            JsonNode change = JSON.readTree(data);
            if (type.equals(change.path("type").asText())) {
                firstSeen.putIfAbsent(change.path("subject").asText(), arrivedAt);
            }
        } catch (IOException e) {
            lastProblem = "unreadable change message: " + data;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        Stream<String> current = lines;
        if (current != null) {
            current.close();
        }
        reader.interrupt();
    }
}
