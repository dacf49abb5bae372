package vn.danvan.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Memory of the platform's processes from /proc (Linux): RSS and its high-water mark from {@code /proc/<pid>/status}
 * ({@code VmRSS}, {@code VmHWM}) and the proportional set size from {@code /proc/<pid>/smaps_rollup} ({@code Pss}).
 * RSS counts a shared page in every process that maps it, so for PostgreSQL (a postmaster and one backend per
 * connection, all mapping the same shared buffers) the sum of RSS over-counts; PSS shares each page out and adds up.
 */
final class ProcessMemory {
    static final String LAUNCHER = "launcher + Kafka (this JVM)";
    static final String POSTGRES = "PostgreSQL (all processes)";
    static final List<String> SERVICES = List.of("unit-service", "plan-service", "reporting-service");

    /** One component's processes at one moment, in kB. */
    record Usage(int processes, long rssKb, long hwmKb, long pssKb) {
        Usage plus(Usage other) {
            return new Usage(processes + other.processes, rssKb + other.rssKb, hwmKb + other.hwmKb, pssKb + other.pssKb);
        }

        static final Usage NONE = new Usage(0, 0, 0, 0);
    }

    private final Path postgresData;
    private Map<String, List<ProcessHandle>> services;

    ProcessMemory(Path postgresData) {
        this.postgresData = postgresData;
    }

    /** Each component (services, PostgreSQL, this JVM) now, in a stable order. */
    Map<String, Usage> snapshot() {
        Map<String, Usage> usage = new LinkedHashMap<>();
        components().forEach((component, processes) -> usage.put(component, sum(processes.stream())));
        return usage;
    }

    /**
     * CPU time each component has used so far, user and system, in ms; with the children a process has reaped, so
     * that PostgreSQL's backends that ended still count (in the postmaster's). Differences give a load's CPU split.
     */
    Map<String, Long> cpuMillis() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        components().forEach((component, processes) -> cpu.put(component,
                processes.stream().mapToLong(ProcessMemory::cpuMillis).sum()));
        return cpu;
    }

    /**
     * The services' JVMs are looked up once (and again only if one is gone): the sampler runs beside the load it
     * measures, and reading every descendant's command line each second cost it 6 % of a core. PostgreSQL's backends
     * come and go with the connection pools, so they are listed at each call.
     */
    private synchronized Map<String, List<ProcessHandle>> components() {
        if (services == null || services.values().stream().flatMap(List::stream).anyMatch(p -> !p.isAlive())
                || services.values().stream().anyMatch(List::isEmpty)) {
            List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
            services = new LinkedHashMap<>();
            for (String service : SERVICES) {
                String jar = "/" + service + "/target/quarkus-app/";
                services.put(service, descendants.stream().filter(p -> commandLine(p).contains(jar)).toList());
            }
        }
        Map<String, List<ProcessHandle>> components = new LinkedHashMap<>(services);
        components.put(POSTGRES, postgresProcesses());
        components.put(LAUNCHER, List.of(ProcessHandle.current()));
        return components;
    }

    /** utime, stime, cutime and cstime from /proc/<pid>/stat (fields 14–17, in clock ticks of 10 ms); 0 when gone. */
    private static long cpuMillis(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, so fields[11].
            long ticks = 0;
            for (int i = 11; i <= 14; i++) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The postmaster (named by postmaster.pid; pg_ctl detaches it, so it is usually not a descendant of this JVM)
     * and every backend and helper it forked; without a postmaster.pid, the postgres processes below this JVM.
     */
    private List<ProcessHandle> postgresProcesses() {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        postmaster().ifPresent(postmaster -> {
            found.put(postmaster.pid(), postmaster);
            postmaster.children().forEach(p -> found.put(p.pid(), p));
        });
        if (found.isEmpty()) {
            ProcessHandle.current().descendants().filter(p -> executable(p).endsWith("/postgres"))
                    .forEach(p -> found.put(p.pid(), p));
        }
        return new ArrayList<>(found.values());
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(postgresData.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Usage sum(Stream<ProcessHandle> processes) {
        return processes.map(ProcessMemory::usage).flatMap(Optional::stream).reduce(Usage.NONE, Usage::plus);
    }

    /** Empty when the process is gone (a backend that ended between listing and reading). */
    private static Optional<Usage> usage(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        try {
            Map<String, Long> status = fields(Files.readAllLines(proc.resolve("status")));
            long pss = fields(Files.readAllLines(proc.resolve("smaps_rollup"))).getOrDefault("Pss", 0L);
            return Optional.of(new Usage(1, status.getOrDefault("VmRSS", 0L), status.getOrDefault("VmHWM", 0L), pss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "Name:   1234 kB" lines to name → kB. */
    private static Map<String, Long> fields(List<String> lines) {
        return lines.stream().filter(line -> line.endsWith(" kB")).collect(Collectors.toMap(
                line -> line.substring(0, line.indexOf(':')),
                line -> Long.parseLong(line.substring(line.indexOf(':') + 1, line.length() - 3).trim()),
                (a, b) -> a));
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElseGet(() -> {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
                return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
            } catch (IOException e) {
                return "";
            }
        });
    }

    private static String executable(ProcessHandle process) {
        return process.info().command().orElse("");
    }

    /** The 1-minute load average of the machine (/proc/loadavg). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** /proc/loadavg as it reads (1, 5 and 15 minutes). */
    static String loadAverages() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
