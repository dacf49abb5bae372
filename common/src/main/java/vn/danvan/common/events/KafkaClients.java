package vn.danvan.common.events;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;

/** Settings for the plain Kafka producers next to SmallRye's (the outbox relay, dead letters of batch consumers). */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** The producer's share of the {@code kafka.*} settings ({@code default-kafka-broker}), SASL and TLS included. */
    public static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        return config;
    }
}
