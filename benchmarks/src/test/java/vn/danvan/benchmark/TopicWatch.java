package vn.danvan.benchmark;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits the lag in two: a plain consumer of one topic (no group, every partition, from the end) notes when the first
 * record of each key (for {@code models}, the model id) reaches this JVM, on the same clock as the 201s and the
 * stream, so "201 → on Kafka" is the outbox relay's share and "on Kafka → on the stream" is reporting-service's.
 */
final class TopicWatch implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean open = true;

    TopicWatch(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "topic-watch-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    Optional<Long> seenAt(String key) {
        return Optional.ofNullable(firstSeen.get(key));
    }

    private void read() {
        try {
            while (open) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null) {
                        firstSeen.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        open = false;
        consumer.wakeup();
    }
}
