package vn.danvan.embedded.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Keycloak from the keycloak-quarkus-dist artifact, unpacked once under the data directory, realm imported. */
final class Keycloak {
    private Keycloak() {
    }

    static ChildProcess start(Settings settings) {
        Path home = unpack(settings);
        importRealm(settings, home);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + settings.keycloakPort(), "--import-realm", "--hostname-strict=false");
        Map<String, String> env = Map.of(
                "DANVAN_DASHBOARD_URL", dashboardUrl(settings),
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return ChildProcess.start("keycloak", command, env, home, settings.logDir().resolve("keycloak.log"));
    }

    /** The realm file names the dashboard by ${DANVAN_DASHBOARD_URL} (redirect URIs, web origins). */
    static String dashboardUrl(Settings settings) {
        return "http://localhost:" + settings.reportingPort();
    }

    static String readinessUrl(Settings settings) {
        return settings.issuer() + "/.well-known/openid-configuration";
    }

    private static Path unpack(Settings settings) {
        Path base = settings.dataDir().resolve("keycloak");
        Path home = base.resolve("keycloak-" + Settings.KEYCLOAK_VERSION);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path dist = distribution();
        try {
            Files.createDirectories(base);
            Process tar = new ProcessBuilder("tar", "-xzf", dist.toString(), "-C", base.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new LaunchException("could not unpack " + dist + ": " + output);
            }
        } catch (IOException e) {
            throw new LaunchException("could not unpack " + dist + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while unpacking Keycloak");
        }
        return home;
    }

    private static Path distribution() {
        String configured = System.getProperty("danvan.keycloak.dist");
        Path dist = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak", "keycloak-quarkus-dist",
                        Settings.KEYCLOAK_VERSION, "keycloak-quarkus-dist-" + Settings.KEYCLOAK_VERSION + ".tar.gz");
        if (!Files.isRegularFile(dist)) {
            throw new LaunchException("Keycloak distribution not found at " + dist
                    + " (./danvan fetches it with the Maven wrapper; or start with --no-keycloak)");
        }
        return dist;
    }

    /** Copies the realm file into data/import; a changed realm replaces the old one (its H2 store is dropped). */
    private static void importRealm(Settings settings, Path home) {
        Path realm = settings.home().resolve("deploy/keycloak/danvan-realm.json");
        Path importDir = home.resolve("data/import");
        Path stamp = home.resolve("data/realm.sha256");
        try {
            // A changed realm file, or the dashboard on another port, needs a fresh import.
            String digest = sha256(realm) + " " + dashboardUrl(settings);
            if (Files.exists(stamp) && !Files.readString(stamp).equals(digest)) {
                deleteTree(home.resolve("data/h2"));
            }
            Files.createDirectories(importDir);
            Files.copy(realm, importDir.resolve("danvan-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(stamp, digest);
        } catch (IOException e) {
            throw new LaunchException("cannot prepare the realm import from " + realm + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(in.readAllBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
