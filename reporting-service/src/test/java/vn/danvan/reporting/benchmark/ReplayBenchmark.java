package vn.danvan.reporting.benchmark;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.danvan.reporting.projection.Rebuild;
import vn.danvan.reporting.report.EventFixtures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay throughput of the projection rebuild, next to the speed of merely reading the same records from the broker
 * in the same run. The national tree (34 provinces, 705 districts, 3,321 communes) and {@code bench.events} model
 * events (registrations and recognitions, 45 : 55) are published to the real topics, then
 * {@link Rebuild#run(boolean)} replays everything into a fresh schema and compares it with the live one. The live
 * consumers are switched off so that they do not compete for the two cores. Run with
 * {@code ./mvnw -pl reporting-service verify -Dgroups=benchmark -DexcludedGroups= -Dtest=ReplayBenchmark
 * -Dbench.events=1000000}.
 */
@QuarkusTest
@TestProfile(ReplayBenchmark.WithoutLiveConsumers.class)
@Tag("benchmark")
class ReplayBenchmark {
    static final int PROVINCES = 34;
    static final int DISTRICTS = 705;
    static final int COMMUNES = 3321;
    static final String[] FIELDS = {"ECONOMY", "CULTURE_SOCIETY", "DEFENCE_SECURITY", "POLITICAL_SYSTEM", "OTHER"};
    static final String[] LEVELS = {"COMMUNE", "DISTRICT", "PROVINCE"};

    final int events = Integer.getInteger("bench.events", 1_000_000);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Rebuild rebuild;

    public static class WithoutLiveConsumers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.units-in.enabled", "false",
                    "mp.messaging.incoming.plans-in.enabled", "false",
                    "mp.messaging.incoming.models-in.enabled", "false");
        }
    }

    @Test
    void replayAgainstReadingTheLog() {
        long begin = System.nanoTime();
        long published = publish();
        System.out.printf(Locale.ROOT, "BENCH published %,d events in %.1f s%n", published, seconds(begin));

        long readBegin = System.nanoTime();
        long read = readEverything();
        double readSeconds = seconds(readBegin);
        assertTrue(read >= published, "read " + read + " of " + published);

        Rebuild.Result result = rebuild.run(false);
        assertEquals(0, result.poison());
        assertTrue(result.events() >= published, "replayed " + result.events() + " of " + published);
        long facts = result.tables().stream().filter(t -> t.table().equals("model_fact") || t.table().equals("recognition_fact"))
                .mapToLong(Rebuild.TableDifference::rebuilt).sum();
        assertEquals(published - PROVINCES - DISTRICTS - COMMUNES, facts, "every model event became a fact");

        double replaySeconds = result.millis() / 1000.0;
        System.out.printf(Locale.ROOT, "BENCH reading the log (baseline): %,d records in %.1f s = %,.0f records/s%n",
                read, readSeconds, read / readSeconds);
        System.out.printf(Locale.ROOT, "BENCH rebuild (replay + compare): %,d events in %.1f s = %,.0f events/s "
                + "(x%.1f the time of reading the log)%n", result.events(), replaySeconds, result.events() / replaySeconds,
                replaySeconds / readSeconds);
    }

    private long publish() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "1");
        long count = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<UUID> communes = new ArrayList<>();
            for (int p = 1; p <= PROVINCES; p++) {
                count += unit(producer, id("p", p), "Tỉnh " + p, "PROVINCE", null);
            }
            for (int d = 1; d <= DISTRICTS; d++) {
                count += unit(producer, id("d", d), "Huyện " + d, "DISTRICT", id("p", (d - 1) % PROVINCES + 1));
            }
            for (int c = 1; c <= COMMUNES; c++) {
                UUID commune = id("c", c);
                communes.add(commune);
                count += unit(producer, commune, "Xã " + c, "COMMUNE", id("d", (c - 1) % DISTRICTS + 1));
            }
            int registrations = (events - (int) count) * 45 / 100;
            int recognitions = events - (int) count - registrations;
            for (int m = 0; m < registrations; m++) {
                UUID model = id("m", m);
                producer.send(new ProducerRecord<>("models", model.toString(), EventFixtures.modelRegistered(UUID.randomUUID(),
                        model, communes.get(m % COMMUNES), FIELDS[m % FIELDS.length], m % 3 == 0 ? "REPLICATED" : "NEW",
                        "2021-01-01")));
                count++;
            }
            for (int r = 0; r < recognitions; r++) {
                int m = r % registrations;
                UUID model = id("m", m);
                producer.send(new ProducerRecord<>("models", model.toString(), EventFixtures.modelRecognized(model,
                        communes.get(m % COMMUNES), LEVELS[r % LEVELS.length], "2022-0" + (r % 9 + 1) + "-15", "QĐ " + r)));
                count++;
            }
            producer.flush();
        }
        return count;
    }

    private static int unit(KafkaProducer<String, String> producer, UUID id, String name, String level, UUID parent) {
        producer.send(new ProducerRecord<>("units", id.toString(),
                EventFixtures.unitCreated(UUID.randomUUID(), id, name, level, parent, "2020-01-01")));
        return 1;
    }

    /** The baseline: every record of the three topics polled from the beginning, nothing done with it. */
    private long readEverything() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("units", "plans", "models")) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read;
        }
    }

    private static UUID id(String prefix, int i) {
        return UUID.nameUUIDFromBytes((prefix + i).getBytes());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
