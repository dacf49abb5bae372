package vn.danvan.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** One service's HTTP API as any client sees it: raw requests in, status, headers and body out. */
public final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** What came back. */
    public record Answer(String method, String uri, int status, String contentType, String etag, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        public Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError(method + " " + uri + " answered " + status + " instead of " + expected + ": "
                        + abbreviate(body));
            }
            return this;
        }

        public String id() {
            return json().path("id").asText();
        }

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + " " + contentType + " " + abbreviate(body);
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Answer post(String path, Object body) {
        return send("POST", path, "application/json", json(body), Map.of());
    }

    public Answer put(String path, Object body, String ifMatch) {
        return send("PUT", path, "application/json", json(body), ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public Answer post(String path, Object body, String ifMatch) {
        return send("POST", path, "application/json", json(body), ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Anything at all: the body is sent as given (null: none), with the given content type (null: none). */
    public Answer send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(method, path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String json(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "(no body)";
        }
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
