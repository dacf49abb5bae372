package vn.danvan.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.danvan.common.events.KafkaClients;
import vn.danvan.common.sql.CustomPlans;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka in commit order, then marks them published.
 * Woken right after each commit that appended events, and polling as a safety net. One relay at a time holds a
 * PostgreSQL advisory lock, so several replicas never reorder events of an aggregate. Delivery is at least once:
 * a crash between the send and the update republishes the batch, and consumers skip ids they have seen.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x64616e76616eL; // "danvan"

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    /** Every kafka.* property of the service (bootstrap servers, SASL/TLS settings…), as Quarkus collects them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "danvan.outbox.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    @ConfigProperty(name = "danvan.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "danvan.outbox.enabled", defaultValue = "true")
    boolean enabled;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Counter published;

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        Map<String, Object> config = KafkaClients.producerConfig(kafkaConfig);
        config.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay"));
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        published = Counter.builder("danvan.outbox.published").description("Events relayed to Kafka").register(metrics);
        Gauge.builder("danvan.outbox.pending", this, OutboxRelay::countPending)
                .description("Events committed but not yet relayed").register(metrics);
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended appended) {
        wakeUp.release();
    }

    private void loop() {
        long failures = 0;
        while (running) {
            try {
                int relayed = relayBatch();
                failures = 0;
                if (relayed >= batchSize) {
                    continue;
                }
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures++;
                long backoff = Math.min(30_000, 200L << Math.min(failures, 8));
                if (failures == 1 || failures % 20 == 0) {
                    LOG.warnf("outbox relay cannot publish (attempt %d, next in %d ms): %s", failures, backoff, e.getMessage());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One pass: publish up to a batch of unpublished events in commit order; returns how many. */
    int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<UUID> ids = new ArrayList<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                try (PreparedStatement select = CustomPlans.prepare(connection,
                        "SELECT id, aggregatetype, aggregateid, type, payload::text FROM outbox_event "
                                + "WHERE published_at IS NULL ORDER BY seq LIMIT ?")) {
                    select.setInt(1, batchSize);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            UUID id = rs.getObject(1, UUID.class);
                            ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                                    rs.getString(5));
                            record.headers().add("ce_id", id.toString().getBytes(StandardCharsets.UTF_8));
                            record.headers().add("ce_type", rs.getString(4).getBytes(StandardCharsets.UTF_8));
                            ids.add(id);
                            sends.add(producer.send(record));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(15, TimeUnit.SECONDS);
                }
                markPublished(connection, ids);
                connection.commit();
                published.increment(ids.size());
                return ids.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    double countPending() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void markPublished(Connection connection, List<UUID> ids) throws SQLException {
        try (PreparedStatement update = CustomPlans.prepare(connection,
                "UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }
}
