package vn.danvan.common.events;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A message of a batch consumer that can never be processed goes to its dead-letter topic the way SmallRye's
 * {@code dead-letter-queue} strategy sends a single one: same key and value, the reason in {@code dead-letter-reason},
 * where it came from in {@code dead-letter-topic/-partition/-offset}. Sent before the batch is acknowledged.
 */
@ApplicationScoped
public class DeadLetters {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private KafkaProducer<String, String> producer;

    public void send(String topic, KafkaRecord<String, String> record, Throwable reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, record.getKey(), record.getPayload());
        header(dead, "dead-letter-reason", reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage());
        header(dead, "dead-letter-exception-class-name", reason.getClass().getName());
        header(dead, "dead-letter-topic", record.getTopic());
        header(dead, "dead-letter-partition", Integer.toString(record.getPartition()));
        header(dead, "dead-letter-offset", Long.toString(DeadLetters.offset(record)));
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send a dead letter to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending a dead letter to " + topic, e);
        }
    }

    /** The record's offset in its partition (-1 if the connector did not say). */
    static long offset(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = KafkaClients.producerConfig(kafkaConfig);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
