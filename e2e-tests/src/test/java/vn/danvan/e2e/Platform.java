package vn.danvan.e2e;

import vn.danvan.embedded.Ports;
import vn.danvan.embedded.launcher.Launcher;
import vn.danvan.embedded.launcher.Settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole platform, started once for the end-to-end suite exactly as `./danvan up` starts it (same launcher,
 * packaged services as child processes), on free ports and a throw-away data directory.
 */
final class Platform {
    private static Platform instance;

    final Settings settings;
    private final Launcher launcher;

    private Platform(Settings settings, Launcher launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    static synchronized Platform get() {
        if (instance == null) {
            Path home = Path.of("..").toAbsolutePath().normalize();
            Map<String, String> env = Map.of(
                    "DANVAN_DATA", Path.of("target/e2e-data-" + ProcessHandle.current().pid()).toAbsolutePath().toString(),
                    "DANVAN_POSTGRES_PORT", port(), "DANVAN_KAFKA_PORT", port(), "DANVAN_KAFKA_CONTROLLER_PORT", port(),
                    "DANVAN_KEYCLOAK_PORT", port(), "DANVAN_UNIT_PORT", port(), "DANVAN_PLAN_PORT", port(),
                    "DANVAN_REPORTING_PORT", port(), "DANVAN_START_TIMEOUT", "240");
            Settings settings = Settings.from(home, env, List.of("--no-keycloak"));
            Launcher launcher = new Launcher(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "e2e-platform-stop"));
            launcher.start();
            instance = new Platform(settings, launcher);
        }
        return instance;
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
}
