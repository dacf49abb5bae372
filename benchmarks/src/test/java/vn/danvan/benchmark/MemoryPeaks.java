package vn.danvan.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples {@link ProcessMemory} once a second while the load runs and keeps, per component and for the whole
 * platform, the highest RSS and PSS seen (the whole platform's peak is the highest sum at one moment, not the sum of
 * peaks), and the highest 1-minute load average of the machine.
 */
final class MemoryPeaks implements AutoCloseable {
    static final String WHOLE = "whole platform";

    private final ProcessMemory memory;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ProcessMemory.Usage> peaks = new LinkedHashMap<>();
    private double peakLoad;
    private int samples;

    MemoryPeaks(ProcessMemory memory) {
        this.memory = memory;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        Map<String, ProcessMemory.Usage> now = memory.snapshot();
        ProcessMemory.Usage whole = now.values().stream().reduce(ProcessMemory.Usage.NONE, ProcessMemory.Usage::plus);
        now.put(WHOLE, whole);
        now.forEach((component, usage) -> peaks.merge(component, usage, (a, b) -> new ProcessMemory.Usage(
                Math.max(a.processes(), b.processes()), Math.max(a.rssKb(), b.rssKb()), Math.max(a.hwmKb(), b.hwmKb()),
                Math.max(a.pssKb(), b.pssKb()))));
        peakLoad = Math.max(peakLoad, ProcessMemory.loadAverage());
        samples++;
    }

    synchronized Map<String, ProcessMemory.Usage> peaks() {
        return new LinkedHashMap<>(peaks);
    }

    synchronized double peakLoadAverage() {
        return peakLoad;
    }

    synchronized int samples() {
        return samples;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
