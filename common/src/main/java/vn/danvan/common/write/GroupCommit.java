package vn.danvan.common.write;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import vn.danvan.common.web.ProblemException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit of one kind of write that many requests make at the same time (ADR 0015): each request hands its
 * input to one writer thread and waits; the writer takes what has queued up meanwhile (up to a batch), writes it in
 * one transaction, commits once and answers every request. Nothing waits for a batch to fill: a lone request is a
 * batch of one, written as soon as it arrives.
 * <p>
 * An input its checks refuse ({@link ProblemException}, thrown before it writes anything) is answered with that
 * refusal and the others of the batch go on. If the transaction fails as a whole (a database error), each input is
 * written again alone, in its own transaction, as it would have been without the batch: one bad write never takes
 * the others with it, and each caller gets its own answer.
 *
 * @param <I> what a request asks to write
 * @param <O> what it gets back once committed
 */
public final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Longer than a batch's transaction may last (60 s by default) plus writing each of its inputs alone. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final int maxBatch;
    private final Consumer<List<I>> prepare;
    private final Function<I, O> inBatch;
    private final Function<I, O> alone;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    private static final class Pending<I, O> {
        final I input;
        final CompletableFuture<O> answer = new CompletableFuture<>();
        O result;
        ProblemException refused;

        Pending(I input) {
            this.input = input;
        }
    }

    /**
     * @param prepare runs first in the batch's transaction with all its inputs (to read at once what their checks
     *                will need); a failure here fails the batch
     * @param inBatch checks and writes one input inside the batch's transaction; it must not flush what it writes
     *                (the commit does, for the whole batch) and must throw its refusals before writing anything
     * @param alone   checks and writes one input inside a transaction of its own (the fallback)
     */
    public GroupCommit(String name, int maxBatch, Consumer<List<I>> prepare, Function<I, O> inBatch,
                       Function<I, O> alone) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one write");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.prepare = prepare;
        this.inBatch = inBatch;
        this.alone = alone;
        this.writer = new Thread(this::loop, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes {@code input} with whatever else is pending and returns once it is committed; throws its refusal or failure. */
    public O submit(I input) {
        if (!running) {
            throw new IllegalStateException(name + " is stopped");
        }
        Pending<I, O> pending = new Pending<>(input);
        queue.add(pending);
        try {
            // Bounded: a request that slipped in while the writer was stopping is not left waiting for ever.
            return pending.answer.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            queue.remove(pending);
            throw new IllegalStateException(name + ": no answer within " + ANSWER_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting", e);
        }
    }

    /** Requests waiting for the writer (not counting the batch being written). */
    public int waiting() {
        return queue.size();
    }

    private void loop() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable unexpected) {
                // write answers every request itself; this only keeps the writer alive if answering failed.
                LOG.errorf(unexpected, "%s: a batch of %d could not be answered", name, batch.size());
                batch.forEach(p -> p.answer.completeExceptionally(unexpected));
            }
        }
        queue.forEach(p -> p.answer.completeExceptionally(new IllegalStateException(name + " stopped")));
    }

    /** One batch: written together, or (if that fails) each alone; every request answered. */
    private void write(List<Pending<I, O>> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                prepare.accept(batch.stream().map(p -> p.input).toList());
                for (Pending<I, O> pending : batch) {
                    pending.result = null;
                    pending.refused = null;
                    try {
                        pending.result = inBatch.apply(pending.input);
                    } catch (ProblemException refusal) {
                        if (QuarkusTransaction.isRollbackOnly()) {
                            throw refusal; // the refusal spoilt the transaction: every input alone
                        }
                        pending.refused = refusal;
                    }
                }
            });
        } catch (RuntimeException batchFailure) {
            if (batch.size() > 1) {
                LOG.warnf("%s: a batch of %d failed (%s); writing each alone", name, batch.size(), batchFailure.getMessage());
            }
            for (Pending<I, O> pending : batch) {
                try {
                    pending.answer.complete(QuarkusTransaction.requiringNew().call(() -> alone.apply(pending.input)));
                } catch (RuntimeException failure) {
                    pending.answer.completeExceptionally(failure);
                }
            }
            return;
        }
        for (Pending<I, O> pending : batch) {
            if (pending.refused != null) {
                pending.answer.completeExceptionally(pending.refused);
            } else {
                pending.answer.complete(pending.result);
            }
        }
    }

    /** Stops taking requests, writes those already queued, and waits for the writer (up to 10 s). */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
