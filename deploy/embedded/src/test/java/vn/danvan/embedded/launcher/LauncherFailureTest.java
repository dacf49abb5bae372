package vn.danvan.embedded.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danvan.embedded.Ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's failure paths, run as `./danvan up` runs it: a separate JVM, its exit code and its output. */
class LauncherFailureTest {
    @TempDir
    Path home;

    record Run(int exitCode, String output, Map<String, String> env) {
    }

    @Test
    void aTakenPortStopsTheLaunchWithAClearMessageAndNothingStarted() throws Exception {
        writeServiceJars("not a jar");
        Map<String, String> env = freePorts();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            env.put("DANVAN_PLAN_PORT", Integer.toString(taken.getLocalPort()));
            Run run = launch(env);
            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.output().contains("port " + taken.getLocalPort() + " needed by plan-service is already in use"),
                    run.output());
            assertFalse(run.output().contains("postgres "), "nothing may start when a port is taken: " + run.output());
        }
        assertNothingListens(env);
    }

    @Test
    void onePortGivenToTwoServicesStopsTheLaunchBeforeAnythingStarts() throws Exception {
        writeServiceJars("not a jar");
        Map<String, String> env = freePorts();
        env.put("DANVAN_UNIT_PORT", env.get("DANVAN_PLAN_PORT"));
        Run run = launch(env);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("port " + env.get("DANVAN_PLAN_PORT") + " is given to both unit-service and plan-service"),
                run.output());
        assertFalse(run.output().contains("postgres "), "nothing may start: " + run.output());
    }

    @Test
    void jvmOptionsForTheServicesAreReadFromTheEnvironment() {
        Settings settings = Settings.from(home, Map.of("DANVAN_SERVICE_JAVA_OPTS", "  -Xmx256m   -XX:TieredStopAtLevel=4 "),
                List.of());
        assertEquals(List.of("-Xmx256m", "-XX:TieredStopAtLevel=4"), settings.serviceJavaOptions());
        assertEquals(List.of(), Settings.from(home, Map.of(), List.of()).serviceJavaOptions());
    }

    @Test
    void portsHandedOutAreNeverTheSameTwice() {
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertTrue(ports.add(Ports.free()), "port handed out twice after " + i);
        }
    }

    @Test
    void aServiceThatCannotStartStopsEverythingWithItsLogAndAnExitCode() throws Exception {
        writeServiceJars("not a jar");
        Map<String, String> env = freePorts();
        Run run = launch(env);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("postgres") && run.output().contains("kafka"), run.output());
        assertTrue(run.output().contains("exited with code"), run.output());
        assertTrue(run.output().contains("last lines of"), "the reason is shown: " + run.output());
        assertTrue(run.output().contains("stopping"), run.output());
        assertNothingListens(env);
    }

    @Test
    void anUnbuiltServiceIsNamedBeforeAnythingStarts() throws Exception {
        Map<String, String> env = freePorts();
        Run run = launch(env);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("unit-service is not built"), run.output());
        assertNothingListens(env);
    }

    private Run launch(Map<String, String> env) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-Ddanvan.home=" + home, "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", classpath, Launcher.class.getName(), "up", "--no-keycloak"))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("DANVAN_DATA", home.resolve(".devdata").toString());
        builder.environment().put("DANVAN_START_TIMEOUT", "60");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher must give up on its own");
        assertEquals(0, process.descendants().count(), "no child process may outlive the launcher");
        return new Run(process.exitValue(), output, env);
    }

    private void writeServiceJars(String content) throws IOException {
        for (String module : List.of("unit-service", "plan-service", "reporting-service")) {
            Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, content);
        }
    }

    private static Map<String, String> freePorts() {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("POSTGRES", "KAFKA", "KAFKA_CONTROLLER", "KEYCLOAK", "UNIT", "PLAN", "REPORTING")) {
            env.put("DANVAN_" + name + "_PORT", Integer.toString(Ports.free()));
        }
        return env;
    }

    private static void assertNothingListens(Map<String, String> env) {
        env.forEach((name, port) -> {
            if (name.endsWith("_PORT") && !name.equals("DANVAN_PLAN_PORT")) {
                assertFalse(Ports.inUse(Integer.parseInt(port)), name + " " + port + " is still in use");
            }
        });
    }
}
