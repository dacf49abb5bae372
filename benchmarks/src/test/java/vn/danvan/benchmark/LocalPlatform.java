package vn.danvan.benchmark;

import vn.danvan.embedded.Ports;
import vn.danvan.embedded.launcher.Launcher;
import vn.danvan.embedded.launcher.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole local platform started in this JVM exactly as {@code ./danvan up --no-keycloak} starts it (same launcher:
 * PostgreSQL as a child, Kafka in-process, the packaged services as child JVMs with {@code danvan.security.enabled=false},
 * so every request acts as the administrator "system"), without demo data, on free ports and a throw-away data
 * directory under target/ (with copies of the packaged services, see {@link #copyApps}).
 */
final class LocalPlatform implements AutoCloseable {
    final Settings settings;
    private final Launcher launcher;

    private LocalPlatform(Settings settings, Launcher launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    static LocalPlatform start() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path data = Path.of("target", "platform-" + ProcessHandle.current().pid()).toAbsolutePath();
        // Other builds in the same working tree repackage the services; a service whose jar is replaced under it
        // stalls on its next class load. Running copies keeps the run alive (-Dbench.copyApps=false runs them in place).
        Path home = Boolean.parseBoolean(System.getProperty("bench.copyApps", "true"))
                ? copyApps(repository, data.resolve("apps")) : repository;
        Map<String, String> env = Map.of(
                "DANVAN_DATA", data.toString(),
                "DANVAN_POSTGRES_PORT", port(), "DANVAN_KAFKA_PORT", port(), "DANVAN_KAFKA_CONTROLLER_PORT", port(),
                "DANVAN_KEYCLOAK_PORT", port(), "DANVAN_UNIT_PORT", port(), "DANVAN_PLAN_PORT", port(),
                "DANVAN_REPORTING_PORT", port(), "DANVAN_START_TIMEOUT", "420",
                // JVM options of the services to compare (e.g. -Dbench.javaOpts="-XX:MaxNewSize=32m").
                "DANVAN_SERVICE_JAVA_OPTS", System.getProperty("bench.javaOpts", ""));
        Settings settings = Settings.from(home, env, List.of("--no-keycloak"));
        Launcher launcher = new Launcher(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "benchmark-platform-stop"));
        try {
            launcher.start();
        } catch (RuntimeException e) {
            launcher.stopAll();
            throw e;
        }
        return new LocalPlatform(settings, launcher);
    }

    /** A copy of each service's packaged application, laid out as in the repository ({@code <module>/target/quarkus-app}). */
    private static Path copyApps(Path repository, Path home) {
        for (String service : ProcessMemory.SERVICES) {
            Path from = repository.resolve(service).resolve("target/quarkus-app");
            Path to = home.resolve(service).resolve("target/quarkus-app");
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : paths.toList()) {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot copy " + from + " (is " + service + " packaged?): " + e, e);
            }
        }
        return home;
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

    String unitService() {
        return "http://localhost:" + settings.unitPort();
    }

    String planService() {
        return "http://localhost:" + settings.planPort();
    }

    String reportingService() {
        return "http://localhost:" + settings.reportingPort();
    }

    /** PostgreSQL's data directory: its postmaster.pid names the server process. */
    Path postgresData() {
        return settings.dataDir().resolve("postgres");
    }

    /** Stops everything and removes the databases and the Kafka log (the service logs stay under target/ for reading). */
    @Override
    public void close() {
        launcher.stopAll();
        delete(settings.dataDir().resolve("postgres"));
        delete(settings.dataDir().resolve("kafka"));
        delete(settings.dataDir().resolve("apps"));
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("[benchmark] could not remove " + directory + ": " + e.getMessage());
        }
    }
}
