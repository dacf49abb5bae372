package vn.danvan.embedded.launcher;

import vn.danvan.embedded.EmbeddedInfra;
import vn.danvan.embedded.Kafka;
import vn.danvan.embedded.Ports;
import vn.danvan.embedded.Postgres;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The local platform: {@code up} starts PostgreSQL, Kafka, Keycloak and the three services, prints one line per
 * component and one "ready" line, and stops everything on SIGTERM/Ctrl-C; {@code down} stops a running launcher;
 * {@code status} tells what runs. Called by the {@code ./danvan} script.
 */
public final class Launcher {
    static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    record Service(String name, String module, int port, String database) {
        String healthUrl() {
            return "http://localhost:" + port + "/q/health/ready";
        }
    }

    private final Settings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<ChildProcess> children = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private FileLock lifeLock;
    /** The broker this launcher runs, kept so that fault tests can stop it and start it again. */
    private Kafka kafka;
    private int restarts;

    public Launcher(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("danvan.home", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "help" : args[0];
        List<String> flags = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            Settings settings = Settings.from(home, System.getenv(), flags);
            int code = switch (command) {
                case "up" -> new Launcher(settings).up();
                case "down" -> down(settings);
                case "status" -> status(settings);
                default -> {
                    OUT.println("usage: danvan up [--demo] [--detach] [--no-keycloak] | down | status");
                    yield "help".equals(command) ? 0 : 2;
                }
            };
            System.exit(code);
        } catch (LaunchException e) {
            OUT.println("[danvan] " + e.getMessage());
            System.exit(1);
        }
    }

    List<Service> services() {
        return List.of(
                new Service("unit-service", "unit-service", settings.unitPort(), "unit"),
                new Service("plan-service", "plan-service", settings.planPort(), "plan"),
                new Service("reporting-service", "reporting-service", settings.reportingPort(), "reporting"));
    }

    /** `./danvan up`: start everything, then block until stopped; the exit code of the launcher. */
    int up() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "danvan-stop"));
        try {
            start();
        } catch (RuntimeException e) {
            OUT.println("[danvan] failed: " + e.getMessage());
            stopAll();
            return 1;
        }
        return watch();
    }

    /**
     * Starts every component and returns once all are ready (the ready line is printed). On failure what was
     * started is left for {@link #stopAll()}; also used by the end-to-end tests.
     */
    public void start() {
        long begin = System.nanoTime();
        lockOrFail();
        checkPorts();
        checkBuilt();
        prepareDirectories();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.startTimeoutSeconds());

        Postgres postgres = timed("postgres", "localhost:" + settings.postgresPort(), () ->
                Postgres.start(settings.postgresPort(), settings.dataDir().resolve("postgres"), true));
        started.push(postgres);
        services().forEach(s -> postgres.ensureDatabase(s.database()));

        Kafka kafka = timed("kafka", settings.kafkaBootstrap(), () -> {
            Kafka k = Kafka.start(settings.kafkaPort(), settings.kafkaControllerPort(), settings.dataDir().resolve("kafka"));
            k.ensureTopics(EmbeddedInfra.TOPICS, 3);
            return k;
        });
        started.push(kafka);
        this.kafka = kafka;

        long keycloakBegin = System.nanoTime();
        ChildProcess keycloak = null;
        if (settings.keycloak()) {
            keycloak = Keycloak.start(settings);
            track(keycloak);
        }
        Map<Service, Long> serviceBegin = new LinkedHashMap<>();
        Map<Service, ChildProcess> processes = new LinkedHashMap<>();
        for (Service service : services()) {
            serviceBegin.put(service, System.nanoTime());
            ChildProcess process = ChildProcess.start(service.name(), serviceCommand(service), Map.of(),
                    settings.home(), settings.logDir().resolve(service.name() + ".log"));
            track(process);
            processes.put(service, process);
        }
        if (keycloak != null) {
            keycloak.awaitHttpOk(Keycloak.readinessUrl(settings), deadline);
            progress("keycloak", settings.issuer(), keycloakBegin);
        }
        for (Map.Entry<Service, ChildProcess> entry : processes.entrySet()) {
            Service service = entry.getKey();
            entry.getValue().awaitHttpOk(service.healthUrl(), deadline);
            progress(service.name(), "http://localhost:" + service.port(), serviceBegin.get(service));
        }
        if (settings.demo()) {
            long demoBegin = System.nanoTime();
            int loaded = new DemoLoader(settings).load();
            progress("demo data", loaded + " records", demoBegin);
        }
        writeReady(begin);
        OUT.printf("[danvan] ready in %.1f s: dashboard http://localhost:%d/ · units http://localhost:%d · plans http://localhost:%d"
                        + " · reports http://localhost:%d%s · Kafka %s · PostgreSQL localhost:%d · Ctrl-C stops%n",
                seconds(begin), settings.reportingPort(), settings.unitPort(), settings.planPort(), settings.reportingPort(),
                settings.keycloak() ? " · Keycloak " + settings.keycloakUrl() + " (realm danvan)" : "",
                settings.kafkaBootstrap(), settings.postgresPort());
    }

    /**
     * Fault tests: stops the Kafka broker cleanly; what it committed stays in its log directory, so
     * {@link #startKafka()} brings the same topics, offsets and consumer groups back.
     */
    public synchronized void stopKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is not running");
        }
        started.remove(kafka);
        Kafka running = kafka;
        kafka = null;
        running.close();
    }

    /** Fault tests: starts the Kafka broker again on the same ports and log directory after {@link #stopKafka()}. */
    public synchronized void startKafka() {
        if (kafka != null) {
            throw new IllegalStateException("Kafka is already running");
        }
        kafka = timed("kafka", settings.kafkaBootstrap(), () ->
                Kafka.start(settings.kafkaPort(), settings.kafkaControllerPort(), settings.dataDir().resolve("kafka")));
        started.push(kafka);
    }

    /**
     * Fault tests: SIGKILLs one service ("unit-service", "plan-service" or "reporting-service"), as when its machine
     * dies: no shutdown hook, no graceful close of its consumers or transactions. Returns once the process is gone.
     */
    public void killService(String name) {
        ChildProcess process = children.stream().filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
        children.remove(process);
        process.kill();
    }

    /** Fault tests: starts a service again after {@link #killService(String)}; returns once it is ready. */
    public void startService(String name) {
        Service service = services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
        if (children.stream().anyMatch(c -> c.name.equals(name))) {
            throw new IllegalStateException(name + " is already running");
        }
        long begin = System.nanoTime();
        int restart;
        synchronized (this) {
            restart = ++restarts;
        }
        ChildProcess process = ChildProcess.start(name, serviceCommand(service), Map.of(), settings.home(),
                settings.logDir().resolve(name + ".restart-" + restart + ".log"));
        track(process);
        process.awaitHttpOk(service.healthUrl(), System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.startTimeoutSeconds()));
        progress(name, "http://localhost:" + service.port(), begin);
    }

    /** Blocks until a stop is asked for (shutdown hook) or a child dies unexpectedly. */
    private int watch() {
        while (!stopping) {
            for (ChildProcess child : children) {
                if (!child.isAlive() && !stopping) {
                    OUT.println("[danvan] " + child.name + " stopped unexpectedly; stopping everything." + child.tail());
                    stopAll();
                    return 1;
                }
            }
            try {
                if (stopped.await(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return 0;
    }

    private void track(ChildProcess process) {
        children.add(process);
    }

    private List<String> serviceCommand(Service service) {
        Path jar = settings.home().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        // C1 only (TieredStopAtLevel=1): on the platform's two shared cores the services stay I/O-bound, and C2's
        // compilations cost memory (arenas, code) and CPU without a measurable gain in writes/s (ADR 0014).
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Xms32m", "-Xmx192m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dfile.encoding=UTF-8",
                "-Dquarkus.http.port=" + service.port(),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + service.database(),
                "-Dquarkus.datasource.username=" + Postgres.USER,
                "-Dquarkus.datasource.password=" + Postgres.PASSWORD,
                "-Dkafka.bootstrap.servers=" + settings.kafkaBootstrap(),
                "-Dquarkus.oidc.auth-server-url=" + settings.issuer(),
                "-Ddanvan.security.enabled=" + settings.keycloak()));
        command.addAll(settings.serviceJavaOptions());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private void checkPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(settings.postgresPort(), "PostgreSQL");
        ports.put(settings.kafkaPort(), "Kafka");
        ports.put(settings.kafkaControllerPort(), "the Kafka controller");
        if (settings.keycloak()) {
            ports.put(settings.keycloakPort(), "Keycloak");
        }
        services().forEach(s -> {
            String other = ports.putIfAbsent(s.port(), s.name());
            if (other != null) {
                throw new LaunchException("port " + s.port() + " is given to both " + other + " and " + s.name()
                        + "; move one of them (see README, DANVAN_*_PORT)");
            }
        });
        for (Map.Entry<Integer, String> entry : ports.entrySet()) {
            if (Ports.inUse(entry.getKey())) {
                throw new LaunchException("port " + entry.getKey() + " needed by " + entry.getValue()
                        + " is already in use; free it or move it (see README, DANVAN_*_PORT)");
            }
        }
    }

    private void checkBuilt() {
        for (Service service : services()) {
            Path jar = settings.home().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException(service.name() + " is not built (" + jar + " is missing); ./danvan up builds it");
            }
        }
    }

    private void prepareDirectories() {
        try {
            Files.createDirectories(settings.runDir());
            Files.createDirectories(settings.logDir());
            Files.deleteIfExists(settings.readyFile());
            Files.writeString(settings.pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new LaunchException("cannot write to " + settings.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private void writeReady(long begin) {
        try {
            Files.writeString(settings.readyFile(), String.format("%.1f%n", seconds(begin)));
        } catch (IOException e) {
            throw new LaunchException("cannot write " + settings.readyFile(), e);
        }
    }

    public synchronized void stopAll() {
        if (stopping && started.isEmpty()) {
            return;
        }
        stopping = true;
        if (!started.isEmpty() || !children.isEmpty()) {
            OUT.println("[danvan] stopping…");
        }
        // Services and Keycloak first, all at once (each gets SIGTERM and a grace period), then Kafka, then PostgreSQL.
        children.parallelStream().forEach(child -> child.stop(Duration.ofSeconds(20)));
        children.clear();
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                OUT.println("[danvan] while stopping: " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(settings.readyFile());
            if (lifeLock != null) {
                Files.deleteIfExists(settings.pidFile());
            }
        } catch (IOException ignored) {
            // nothing to do: the next start rewrites them
        }
        stopped.countDown();
    }

    static int down(Settings settings) {
        Optional<ProcessHandle> running = runningLauncher(settings);
        if (running.isEmpty()) {
            OUT.println("[danvan] nothing runs");
            return 0;
        }
        ProcessHandle launcher = running.get();
        List<ProcessHandle> descendants = launcher.descendants().toList();
        launcher.destroy();
        try {
            launcher.onExit().get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            OUT.println("[danvan] launcher did not stop in time; killing it");
            launcher.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        OUT.println("[danvan] stopped");
        return 0;
    }

    static int status(Settings settings) {
        Optional<ProcessHandle> running = runningLauncher(settings);
        if (running.isEmpty()) {
            OUT.println("[danvan] not running");
            return 3;
        }
        boolean ready = Files.exists(settings.readyFile());
        OUT.println("[danvan] launcher pid " + running.get().pid() + (ready ? ", ready" : ", starting"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgres", settings.postgresPort());
        ports.put("kafka", settings.kafkaPort());
        ports.put("keycloak", settings.keycloakPort());
        ports.put("unit-service", settings.unitPort());
        ports.put("plan-service", settings.planPort());
        ports.put("reporting-service", settings.reportingPort());
        ports.forEach((name, port) -> OUT.printf("  %-18s localhost:%-6d %s%n", name, port, Ports.inUse(port) ? "up" : "down"));
        return ready ? 0 : 1;
    }

    /**
     * The running launcher, if any: it holds an exclusive lock on run/launcher.lock for its whole life, which
     * (unlike a pid alone) cannot be fooled by a stale pid file or a reused pid.
     */
    static Optional<ProcessHandle> runningLauncher(Settings settings) {
        Path lockFile = settings.runDir().resolve("launcher.lock");
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
        } catch (OverlappingFileLockException e) {
            return Optional.of(ProcessHandle.current());
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(settings.pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Takes the launcher lock for the life of this JVM; fails when another launcher holds it. */
    private void lockOrFail() {
        try {
            Files.createDirectories(settings.runDir());
            FileChannel channel = FileChannel.open(settings.runDir().resolve("launcher.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lifeLock = channel.tryLock();
            if (lifeLock == null) {
                channel.close();
                throw new LaunchException("danvan is already running; ./danvan down stops it");
            }
        } catch (IOException e) {
            throw new LaunchException("cannot lock " + settings.runDir() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T timed(String name, String where, java.util.function.Supplier<T> start) {
        long begin = System.nanoTime();
        T result = start.get();
        progress(name, where, begin);
        return result;
    }

    static void progress(String name, String where, long begin) {
        OUT.printf("[danvan] %-18s ready  %-40s (%.1f s)%n", name, where, seconds(begin));
    }

    private static double seconds(long begin) {
        return (System.nanoTime() - begin) / 1e9;
    }
}
