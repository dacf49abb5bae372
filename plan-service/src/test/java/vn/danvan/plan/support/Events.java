package vn.danvan.plan.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.danvan.embedded.TopicClient;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads events back from the real broker, as a consumer would, and checks each against its published schema. */
public final class Events {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private final TopicClient topics;

    public Events(String kafka) {
        this.topics = new TopicClient(kafka);
    }

    /** Waits for exactly {@code expected} events of the aggregate (0.7 s more to catch an extra one). */
    public List<JsonNode> exactly(String topic, Object aggregateId, int expected) {
        List<JsonNode> found = topics.await(topic, r -> aggregateId.toString().equals(r.key()), expected,
                        Duration.ofSeconds(10)).stream().map(r -> Json.read(r.value())).toList();
        if (found.size() == expected) {
            found = topics.await(topic, r -> aggregateId.toString().equals(r.key()), expected + 1,
                    Duration.ofMillis(700)).stream().map(r -> Json.read(r.value())).toList();
        }
        assertEquals(expected, found.size(), "events of " + aggregateId + " on " + topic + ": " + found);
        found.forEach(Events::assertValid);
        return found;
    }

    public static void assertValid(JsonNode event) {
        String type = event.path("type").asText();
        Schema schema = SCHEMAS.computeIfAbsent(type, t -> {
            InputStream in = Events.class.getResourceAsStream("/events/" + t + ".schema.json");
            assertNotNull(in, "no schema for event type " + t);
            return REGISTRY.getSchema(in);
        });
        List<Error> errors = schema.validate(event.toString(), InputFormat.JSON);
        assertTrue(errors.isEmpty(), type + " does not match its schema: " + errors + "\n" + event);
    }
}
