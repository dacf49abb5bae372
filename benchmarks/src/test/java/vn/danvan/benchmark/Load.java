package vn.danvan.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The two shapes of load: closed loop (N clients, each sends its next request when the previous one answered: the
 * maximum throughput) and open loop (requests due at a fixed rate whatever the answers, latency counted from when a
 * request was due, so a stall shows as queueing and is not hidden).
 */
final class Load {
    /** One request; true when it succeeded. */
    interface Call {
        boolean send(int index) throws Exception;
    }

    /** What a run did: requests answered successfully per second of wall time, latencies, failures. */
    record Run(int requests, int succeeded, double seconds, Latencies latencies, int errors, String firstError) {
        double perSecond() {
            return succeeded / seconds;
        }
    }

    private Load() {
    }

    static Run closedLoop(int clients, int requests, Call call) throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long begin = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    if (attempt(call, i, errors, firstError)) {
                        latencies.add(System.nanoTime() - start);
                    }
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        pool.shutdown();
        return new Run(requests, latencies.count(), seconds, latencies, errors.get(), firstError.get());
    }

    /** {@code rate} requests per second for {@code seconds}, sent by up to {@code maxInFlight} threads. */
    static Run openLoop(int rate, int seconds, int maxInFlight, Call call) throws Exception {
        int requests = rate * seconds;
        Latencies latencies = new Latencies();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong lastAnswer = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight);
        long begin = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < requests; i++) {
            long due = begin + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            pool.execute(() -> {
                if (attempt(call, index, errors, firstError)) {
                    long answered = System.nanoTime();
                    latencies.add(answered - due);
                    lastAnswer.accumulateAndGet(answered, Math::max);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("open-loop requests still running 5 minutes after the last was due");
        }
        double elapsed = Math.max(lastAnswer.get() - begin, 1) / 1e9;
        return new Run(requests, latencies.count(), elapsed, latencies, errors.get(), firstError.get());
    }

    private static boolean attempt(Call call, int index, AtomicInteger errors, AtomicReference<String> firstError) {
        try {
            if (call.send(index)) {
                return true;
            }
            errors.incrementAndGet();
            return false;
        } catch (Exception e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
            return false;
        }
    }
}
