package vn.danvan.embedded.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads {@code deploy/demo/*.json} through the public APIs, as an admin would: each file names a service and a
 * collection, each item carries a fixed id, and items that exist already are left alone (re-running is harmless).
 */
final class DemoLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Settings settings;
    private String token;

    DemoLoader(Settings settings) {
        this.settings = settings;
    }

    int load() {
        Path dir = settings.home().resolve("deploy/demo");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new LaunchException("cannot read demo data in " + dir + ": " + e.getMessage(), e);
        }
        if (settings.keycloak()) {
            token = adminToken();
        }
        int created = 0;
        for (Path file : files) {
            created += loadFile(file);
        }
        return created;
    }

    /**
     * Each file: {"service", "path", "items"}. A path may name fields of the item ({@code /api/models/{modelId}/recognitions});
     * an item with an {@code id} exists when GET path/id answers 200, one without when GET of its path does.
     */
    private int loadFile(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String base = baseUrl(root.path("service").asText());
            String pathTemplate = root.path("path").asText();
            int created = 0;
            for (JsonNode item : root.path("items")) {
                String path = substitute(pathTemplate, item);
                String id = item.path("id").asText();
                String probe = base + path + (id.isEmpty() ? "" : "/" + id);
                if (send(get(probe)).statusCode() == 200) {
                    continue;
                }
                HttpResponse<String> response = postWithPatience(base + path, JSON.writeValueAsString(item));
                if (response.statusCode() / 100 != 2) {
                    throw new LaunchException("demo item " + (id.isEmpty() ? path : id) + " of " + file.getFileName()
                            + " was refused: " + response.statusCode() + " " + response.body());
                }
                created++;
            }
            return created;
        } catch (IOException e) {
            throw new LaunchException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Services learn about units from events, a moment after unit-service answered: a 422 about an unknown unit is
     * retried for a while before it counts as a refusal.
     */
    private HttpResponse<String> postWithPatience(String url, String body) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> response = send(post(url, body));
        while (response.statusCode() == 422 && System.nanoTime() < deadline) {
            ChildProcess.sleep(250);
            response = send(post(url, body));
        }
        return response;
    }

    static String substitute(String template, JsonNode item) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = item.path(m.group(1)).asText();
            if (value.isEmpty()) {
                throw new LaunchException("demo item lacks " + m.group(1) + " needed by path " + template);
            }
            m.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return path.toString();
    }

    private String baseUrl(String service) {
        return switch (service) {
            case "unit-service" -> "http://localhost:" + settings.unitPort();
            case "plan-service" -> "http://localhost:" + settings.planPort();
            case "reporting-service" -> "http://localhost:" + settings.reportingPort();
            default -> throw new LaunchException("unknown service in demo data: " + service);
        };
    }

    private HttpRequest get(String url) {
        return authorized(HttpRequest.newBuilder(URI.create(url)).GET()).build();
    }

    private HttpRequest post(String url, String body) {
        return authorized(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))).build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        builder.timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LaunchException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while loading demo data");
        }
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=danvan-dashboard&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new LaunchException("cannot get an admin token from Keycloak: " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new LaunchException("unreadable token response from Keycloak", e);
        }
    }
}
