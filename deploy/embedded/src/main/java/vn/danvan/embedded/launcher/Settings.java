package vn.danvan.embedded.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where everything runs locally. Each port can be moved with an environment variable, e.g. DANVAN_UNIT_PORT;
 * DANVAN_SERVICE_JAVA_OPTS adds JVM options to the three services (e.g. {@code -Xmx256m}).
 */
public record Settings(Path home, Path dataDir, int postgresPort, int kafkaPort, int kafkaControllerPort,
                       int keycloakPort, int unitPort, int planPort, int reportingPort,
                       boolean keycloak, boolean demo, int startTimeoutSeconds, List<String> serviceJavaOptions) {

    public static final String KEYCLOAK_VERSION = "26.7.3";
    public static final String REALM = "danvan";

    public static Settings from(Path home, Map<String, String> env, List<String> flags) {
        Path dataDir = Path.of(env.getOrDefault("DANVAN_DATA", home.resolve(".devdata").toString())).toAbsolutePath();
        return new Settings(home, dataDir,
                port(env, "DANVAN_POSTGRES_PORT", 55432),
                port(env, "DANVAN_KAFKA_PORT", 9092),
                port(env, "DANVAN_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "DANVAN_KEYCLOAK_PORT", 8180),
                port(env, "DANVAN_UNIT_PORT", 8081),
                port(env, "DANVAN_PLAN_PORT", 8082),
                port(env, "DANVAN_REPORTING_PORT", 8083),
                !flags.contains("--no-keycloak"),
                flags.contains("--demo"),
                port(env, "DANVAN_START_TIMEOUT", 240),
                options(env.get("DANVAN_SERVICE_JAVA_OPTS")));
    }

    /** JVM options added to each service's command after the launcher's own (later ones win), split on spaces. */
    private static List<String> options(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LaunchException(name + " must be a number, got '" + value + "'");
        }
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path pidFile() {
        return runDir().resolve("launcher.pid");
    }

    public Path readyFile() {
        return runDir().resolve("ready");
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    public String issuer() {
        return keycloakUrl() + "/realms/" + REALM;
    }
}
