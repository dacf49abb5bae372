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

    private int loadFile(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String base = baseUrl(root.path("service").asText()) + root.path("path").asText();
            int created = 0;
            for (JsonNode item : root.path("items")) {
                String id = item.path("id").asText();
                if (!id.isEmpty() && send(get(base + "/" + id)).statusCode() == 200) {
                    continue;
                }
                HttpResponse<String> response = send(post(base, JSON.writeValueAsString(item)));
                if (response.statusCode() != 201) {
                    throw new LaunchException("demo item " + id + " of " + file.getFileName() + " was refused: "
                            + response.statusCode() + " " + response.body());
                }
                created++;
            }
            return created;
        } catch (IOException e) {
            throw new LaunchException("cannot load " + file + ": " + e.getMessage(), e);
        }
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
