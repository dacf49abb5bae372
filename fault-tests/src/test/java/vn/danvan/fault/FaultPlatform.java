package vn.danvan.fault;

import vn.danvan.embedded.Ports;
import vn.danvan.embedded.Postgres;
import vn.danvan.embedded.TopicClient;
import vn.danvan.embedded.launcher.Launcher;
import vn.danvan.embedded.launcher.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The platform under fault, started once per test JVM by the same launcher as {@code ./danvan up --no-keycloak}:
 * embedded PostgreSQL, the in-process Kafka broker and the three packaged services as child processes, on free ports
 * and a throw-away data directory. Without Keycloak every request acts as the administrator "system".
 */
public final class FaultPlatform {
    public static final String UNIT_SERVICE = "unit-service";
    public static final String PLAN_SERVICE = "plan-service";
    public static final String REPORTING_SERVICE = "reporting-service";

    private static FaultPlatform instance;
    private static RuntimeException failedStart;

    public final Settings settings;
    public final Launcher launcher;
    public final Api units;
    public final Api plans;
    public final Api reports;
    public final TopicClient topics;

    private FaultPlatform(Settings settings, Launcher launcher) {
        this.settings = settings;
        this.launcher = launcher;
        this.units = new Api("http://localhost:" + settings.unitPort());
        this.plans = new Api("http://localhost:" + settings.planPort());
        this.reports = new Api("http://localhost:" + settings.reportingPort());
        this.topics = new TopicClient(settings.kafkaBootstrap());
    }

    public static synchronized FaultPlatform get() {
        if (failedStart != null) {
            throw new IllegalStateException("the platform did not start (see the first failing scenario)", failedStart);
        }
        if (instance == null) {
            Path home = snapshotOfTheServices(Path.of("..").toAbsolutePath().normalize(),
                    Path.of("target/fault-home-" + ProcessHandle.current().pid()).toAbsolutePath());
            Map<String, String> env = Map.of(
                    "DANVAN_DATA", Path.of("target/fault-data-" + ProcessHandle.current().pid()).toAbsolutePath().toString(),
                    "DANVAN_POSTGRES_PORT", port(), "DANVAN_KAFKA_PORT", port(), "DANVAN_KAFKA_CONTROLLER_PORT", port(),
                    "DANVAN_KEYCLOAK_PORT", port(), "DANVAN_UNIT_PORT", port(), "DANVAN_PLAN_PORT", port(),
                    "DANVAN_REPORTING_PORT", port(), "DANVAN_START_TIMEOUT", "300");
            Settings settings = Settings.from(home, env, List.of("--no-keycloak"));
            Launcher launcher = new Launcher(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                launcher.stopAll();
                deleteQuietly(home);
            }, "fault-platform-stop"));
            try {
                launcher.start();
            } catch (RuntimeException e) {
                failedStart = e;
                launcher.stopAll();
                throw e;
            }
            instance = new FaultPlatform(settings, launcher);
        }
        return instance;
    }

    /**
     * The packaged services as they are now, hard-linked (copied where links are not possible) into a home of this
     * run: a service restarted minutes later by a scenario runs the same build, even if the working tree's
     * target/quarkus-app is being rebuilt meanwhile (a rebuild replaces the files, the links keep the old ones).
     */
    private static Path snapshotOfTheServices(Path source, Path home) {
        try {
            for (String module : List.of(UNIT_SERVICE, PLAN_SERVICE, REPORTING_SERVICE)) {
                Path app = source.resolve(module).resolve("target/quarkus-app");
                if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                    throw new IllegalStateException(module + " is not packaged (" + app + "); run ./mvnw -pl " + module
                            + " package -DskipTests");
                }
                Path target = home.resolve(module).resolve("target/quarkus-app");
                try (Stream<Path> files = Files.walk(app)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path copy = target.resolve(app.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            try {
                                Files.createLink(copy, file);
                            } catch (IOException | UnsupportedOperationException e) {
                                Files.copy(file, copy);
                            }
                        }
                    }
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a snapshot of the packaged services into " + home, e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // only links to the packaged services; target/ is cleaned anyway
        }
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }

    public String kafkaBootstrap() {
        return settings.kafkaBootstrap();
    }

    /** A connection to one service's own database ("unit", "plan" or "reporting", as the launcher names them). */
    public Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + name,
                Postgres.USER, Postgres.PASSWORD);
    }

    public String logs() {
        return settings.logDir().toString();
    }
}
