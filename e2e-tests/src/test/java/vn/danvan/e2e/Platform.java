package vn.danvan.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.danvan.embedded.Ports;
import vn.danvan.embedded.launcher.Launcher;
import vn.danvan.embedded.launcher.Settings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole platform, started once for the end-to-end suite exactly as `./danvan up --demo` starts it (same launcher,
 * real Keycloak with the local realm, packaged services as child processes, demo data), on free ports and a
 * throw-away data directory.
 */
public final class Platform {
    private static Platform instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Settings settings;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private Platform(Settings settings) {
        this.settings = settings;
    }

    public static synchronized Platform get() {
        if (instance == null) {
            Path home = Path.of("..").toAbsolutePath().normalize();
            Map<String, String> env = Map.of(
                    "DANVAN_DATA", Path.of("target/e2e-data-" + ProcessHandle.current().pid()).toAbsolutePath().toString(),
                    "DANVAN_POSTGRES_PORT", port(), "DANVAN_KAFKA_PORT", port(), "DANVAN_KAFKA_CONTROLLER_PORT", port(),
                    "DANVAN_KEYCLOAK_PORT", port(), "DANVAN_UNIT_PORT", port(), "DANVAN_PLAN_PORT", port(),
                    "DANVAN_REPORTING_PORT", port(), "DANVAN_START_TIMEOUT", "420");
            Settings settings = Settings.from(home, env, List.of("--demo"));
            Launcher launcher = new Launcher(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "e2e-platform-stop"));
            launcher.start();
            instance = new Platform(settings);
        }
        return instance;
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

    public String unitService() {
        return "http://localhost:" + settings.unitPort();
    }

    public String planService() {
        return "http://localhost:" + settings.planPort();
    }

    public String reportingService() {
        return "http://localhost:" + settings.reportingPort();
    }

    public String keycloak() {
        return settings.keycloakUrl();
    }

    /** An access token of a demo user (password = user name) by the password grant of the local realm. */
    public String token(String user) {
        return tokens.computeIfAbsent(user, Platform::passwordGrant);
    }

    /** A fresh token, not cached (for tests that change what a token carries, or need a short life left). */
    public String freshToken(String user) {
        return passwordGrant(user);
    }

    private static String passwordGrant(String user) {
        String form = "grant_type=password&client_id=danvan-dashboard&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.settings.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + user + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
