package vn.danvan.reporting.projection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import vn.danvan.common.events.BatchConsumer;
import vn.danvan.common.events.BatchConsumer.Read;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.ProcessedEvents;
import vn.danvan.reporting.model.ModelProjection;
import vn.danvan.reporting.plan.PlanProjection;
import vn.danvan.reporting.rollup.FactRollup;
import vn.danvan.reporting.unit.UnitProjection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Recovery from a bug in a projection: replays the units, plans and models topics from the beginning into a fresh
 * copy of the projection tables (schema {@value #SCHEMA}, built by the migrations the live schema ran), compares it
 * table by table with the live projection and, when asked, swaps the rebuilt rows in. During the swap the live
 * tables are locked and the copy first catches up with everything published meanwhile, so no event is lost or
 * applied twice.
 */
@ApplicationScoped
public class Rebuild {
    static final String SCHEMA = "projection_rebuild";
    static final List<String> TOPICS = List.of("units", "plans", "models");
    /** Projection tables in the order their rows can be inserted (parents first). */
    static final List<String> TABLES = List.of("unit_node", "unit_period", "unit_lineage", "model_fact", "recognition_fact",
            "plan_fact", "plan_task", "plan_review", "activity", "processed_event");
    /** The columns of recognition_fact the events give; previous_on is derived from them (marked at the swap). */
    private static final String RECOGNITION_COLUMNS =
            "recognition_id, model_id, unit_id, level, recognized_on, decision_ref, field, origin";
    private static final Logger LOG = Logger.getLogger(Rebuild.class);
    private static final int BATCH = 5000;

    @Inject
    EntityManager em;

    @Inject
    EventReader reader;

    @Inject
    ProcessedEvents processed;

    /** The units and models topics carry nearly all the events: a slice is recorded and applied as a live batch is. */
    @Inject
    BatchConsumer batches;

    @Inject
    UnitProjection units;

    @Inject
    ModelProjection models;

    @Inject
    PlanProjection plans;

    @Inject
    FactRollup rollup;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final ReentrantLock running = new ReentrantLock();
    /** Time spent applying events one by one and set-based during the current run, for the log. */
    private final long[] phases = new long[2];

    public record TableDifference(String table, long live, long rebuilt, long onlyLive, long onlyRebuilt) {
    }

    public record Result(long events, long poison, long millis, boolean identical, boolean applied,
                         List<TableDifference> tables) {
    }

    public Result run(boolean apply) {
        if (!running.tryLock()) {
            throw vn.danvan.common.web.ProblemException.conflict("a rebuild is already running");
        }
        try {
            long begin = System.nanoTime();
            phases[0] = 0;
            phases[1] = 0;
            createSchema();
            long[] counts = new long[2];
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = partitions(consumer);
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                replay(consumer, consumer.endOffsets(partitions), counts);
                long replayed = System.nanoTime();
                List<TableDifference> differences = compare();
                LOG.infof("replay %d ms (one by one: %d ms; set-based: %d ms), comparison %d ms",
                        (replayed - begin) / 1_000_000, phases[0] / 1_000_000, phases[1] / 1_000_000,
                        (System.nanoTime() - replayed) / 1_000_000);
                boolean identical = differences.stream().allMatch(d -> d.onlyLive() == 0 && d.onlyRebuilt() == 0);
                boolean applied = false;
                if (apply) {
                    QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                        em.createNativeQuery("LOCK TABLE " + String.join(", ", TABLES) + " IN EXCLUSIVE MODE").executeUpdate();
                        // Catch up with whatever the live consumers committed before the lock.
                        replay(consumer, consumer.endOffsets(partitions), counts);
                        swap();
                    });
                    applied = true;
                    differences = compare();
                }
                long millis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
                LOG.infof("projection rebuilt from %d events in %d ms (identical: %s, applied: %s)", counts[0], millis,
                        identical, applied);
                return new Result(counts[0], counts[1], millis, identical, applied, differences);
            }
        } finally {
            running.unlock();
        }
    }

    /** A slice of records read and checked, ready to apply: plan records are applied (and checked) one by one. */
    private record Slice(List<ConsumerRecord<String, String>> plans, List<Read<UnitProjection.Change>> units,
                         List<Read<ModelProjection.Change>> models, int unreadable) {
    }

    private static final Object END = new Object();

    /**
     * Reads up to the end offsets and applies what it reads, slice by slice. Reading (fetching, parsing the events,
     * checking them) runs on its own thread, a few slices ahead of the writes, so that on two cores the parsing of the
     * next slice overlaps PostgreSQL's work on the current one; the order of the slices and of the records in them is
     * kept.
     */
    private void replay(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end, long[] counts) {
        java.util.concurrent.BlockingQueue<Object> slices = new java.util.concurrent.ArrayBlockingQueue<>(4);
        Thread reading = new Thread(() -> {
            Object last = END;
            try {
                read(consumer, end, slices);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                slices.put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rebuild-reader");
        reading.start();
        try {
            while (true) {
                Object next = slices.take();
                if (next == END) {
                    break;
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                if (next instanceof Error e) {
                    throw e;
                }
                Slice slice = (Slice) next;
                counts[1] += slice.unreadable();
                counts[0] += slice.units().size() + slice.models().size();
                inRebuildSchema(() -> {
                    long start = System.nanoTime();
                    for (ConsumerRecord<String, String> record : slice.plans()) {
                        counts[applyPlan(record) ? 0 : 1]++;
                    }
                    phases[0] += System.nanoTime() - start;
                    start = System.nanoTime();
                    units.applyAll(batches.firstDeliveries(slice.units()));
                    models.applyFacts(batches.firstDeliveries(slice.models()));
                    phases[1] += System.nanoTime() - start;
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        } finally {
            reading.interrupt();
            try {
                reading.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The reading side of {@link #replay}: the consumer is used by this thread alone while it runs. */
    private void read(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end,
                      java.util.concurrent.BlockingQueue<Object> slices) throws InterruptedException {
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                }
            }
            for (int i = 0; i < batch.size(); i += BATCH) {
                List<ConsumerRecord<String, String>> plans = new ArrayList<>();
                List<Read<UnitProjection.Change>> unitEvents = new ArrayList<>();
                List<Read<ModelProjection.Change>> modelEvents = new ArrayList<>();
                int unreadable = 0;
                for (ConsumerRecord<String, String> record : batch.subList(i, Math.min(batch.size(), i + BATCH))) {
                    boolean readable = switch (record.topic()) {
                        case "units" -> read(record, units::read, unitEvents);
                        case "models" -> read(record, models::read, modelEvents);
                        default -> plans.add(record);
                    };
                    unreadable += readable ? 0 : 1;
                }
                slices.put(new Slice(plans, unitEvents, modelEvents, unreadable));
            }
            // Records past the end offsets are left for the next catch-up.
            end.forEach((partition, offset) -> {
                if (consumer.position(partition) > offset) {
                    consumer.seek(partition, offset);
                }
            });
        }
    }

    /** False for a poison message (the live consumer dead-lettered it). */
    private <C> boolean read(ConsumerRecord<String, String> record, Function<CloudEvent, C> change, List<Read<C>> into) {
        try {
            CloudEvent event = reader.read(record.value());
            into.add(new Read<>(event, change.apply(event)));
            return true;
        } catch (EventReader.UnreadableEventException e) {
            return false;
        }
    }

    /**
     * Applies one plan event in the rebuild schema (plans are few, and their projection checks as it writes: a
     * savepoint undoes a poison message's partial work); false for a poison message.
     */
    private boolean applyPlan(ConsumerRecord<String, String> record) {
        CloudEvent event;
        try {
            event = reader.read(record.value());
        } catch (EventReader.UnreadableEventException e) {
            return false;
        }
        em.createNativeQuery("SAVEPOINT event").executeUpdate();
        try {
            if (processed.firstDelivery(event)) {
                plans.apply(event);
            }
            em.createNativeQuery("RELEASE SAVEPOINT event").executeUpdate();
            return true;
        } catch (EventReader.UnreadableEventException e) {
            em.createNativeQuery("ROLLBACK TO SAVEPOINT event").executeUpdate();
            return false;
        }
    }

    private void inRebuildSchema(Runnable work) {
        QuarkusTransaction.requiringNew().timeout(600).run(() -> {
            em.createNativeQuery("SET LOCAL search_path TO " + SCHEMA).executeUpdate();
            // Replayed changes are not news: the change feed must not announce them.
            em.createNativeQuery("SET LOCAL danvan.replay TO 'on'").executeUpdate();
            work.run();
            em.flush();
        });
    }

    /** A fresh schema built by exactly the migrations the live schema ran, in their order. */
    @SuppressWarnings("unchecked")
    private void createSchema() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<String> scripts = em.createNativeQuery("""
                    SELECT script FROM flyway_schema_history WHERE success AND script IS NOT NULL AND version IS NOT NULL
                    ORDER BY installed_rank""").getResultList();
            em.createNativeQuery("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").executeUpdate();
            em.createNativeQuery("CREATE SCHEMA " + SCHEMA).executeUpdate();
            em.createNativeQuery("SET LOCAL search_path TO " + SCHEMA).executeUpdate();
            for (String script : scripts) {
                em.createNativeQuery(migration(script)).executeUpdate();
            }
            // A scratch copy: no write-ahead log for it (children first, a logged table may not point at an unlogged one),
            // and only the indexes the replay itself needs (keys for ON CONFLICT, recognitions by model for corrections);
            // the comparison and the swap read whole tables.
            for (int i = TABLES.size() - 1; i >= 0; i--) {
                em.createNativeQuery("ALTER TABLE " + SCHEMA + "." + TABLES.get(i) + " SET UNLOGGED").executeUpdate();
            }
            List<String> unneeded = em.createNativeQuery("""
                    SELECT indexname FROM pg_indexes i WHERE schemaname = ?1 AND indexname <> 'recognition_fact_model'
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                    WHERE c.conname = i.indexname AND c.connamespace = cast(?1 AS regnamespace))""")
                    .setParameter(1, SCHEMA).getResultList();
            for (String index : unneeded) {
                em.createNativeQuery("DROP INDEX " + SCHEMA + "." + index).executeUpdate();
            }
        });
    }

    private static String migration(String script) {
        // Flyway records the path relative to the classpath root, or to its location, depending on the scanner.
        for (String location : List.of("", "db/migration/", "db/common/")) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location + script)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + script, e);
            }
        }
        throw new IllegalStateException("migration " + script + " is not on the classpath");
    }

    private List<TableDifference> compare() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<TableDifference> differences = new ArrayList<>();
            for (String table : TABLES) {
                String columns = switch (table) {
                    case "processed_event" -> "event_id, event_type";
                    case "activity" -> "event_id, type, subject, unit_id, summary";
                    case "recognition_fact" -> RECOGNITION_COLUMNS; // previous_on is derived, marked at the swap
                    default -> "*";
                };
                long live = count("SELECT count(*) FROM public." + table);
                long rebuilt = count("SELECT count(*) FROM " + SCHEMA + "." + table);
                long onlyLive = count("SELECT count(*) FROM (SELECT " + columns + " FROM public." + table + " EXCEPT SELECT "
                        + columns + " FROM " + SCHEMA + "." + table + ") d");
                long onlyRebuilt = count("SELECT count(*) FROM (SELECT " + columns + " FROM " + SCHEMA + "." + table
                        + " EXCEPT SELECT " + columns + " FROM public." + table + ") d");
                differences.add(new TableDifference(table, live, rebuilt, onlyLive, onlyRebuilt));
            }
            return differences;
        });
    }

    private void swap() {
        em.createNativeQuery("TRUNCATE " + String.join(", ", TABLES.stream().map(t -> "public." + t).toList()))
                .executeUpdate();
        for (String table : TABLES) {
            em.createNativeQuery(table.equals("recognition_fact")
                    // Repeats of a model's level marked as they are copied: one sort, rather than marks kept per slice.
                    ? "INSERT INTO public.recognition_fact (" + RECOGNITION_COLUMNS + ", previous_on) SELECT "
                            + RECOGNITION_COLUMNS + ", " + ModelProjection.PREVIOUS_ON + " FROM " + SCHEMA + ".recognition_fact"
                    : "INSERT INTO public." + table + " SELECT * FROM " + SCHEMA + "." + table).executeUpdate();
        }
        em.createNativeQuery("UPDATE public.tree_version SET version = version + 1").executeUpdate();
        em.createNativeQuery("UPDATE public.plan_version SET version = version + 1").executeUpdate();
        em.createNativeQuery("UPDATE public.repeat_version SET version = version + 1").executeUpdate();
        // The rollup is derived from the facts alone (FactRollupTest checks the consumer keeps it so): recounted from
        // the facts swapped in, rather than replayed and compared, which would double the replay's time.
        long start = System.nanoTime();
        rollup.refreshAll();
        LOG.infof("rollup recounted from the rebuilt facts in %d ms", (System.nanoTime() - start) / 1_000_000);
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "projection-rebuild");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
        }
        return partitions;
    }
}
