package vn.danvan.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.events.CloudEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends an event in the caller's transaction: the change and its event commit together or not at all.
 * The {@link OutboxRelay} publishes it to Kafka after the commit.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Event<Appended> appended;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    /** Fired after each append; the relay observes it after commit to publish without waiting for its next poll. */
    public record Appended(UUID eventId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(String topic, UUID aggregateId, String type, Object data) {
        JsonNode payload = json.valueToTree(data);
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID(), "/danvan/" + serviceName, type,
                aggregateId.toString(), Instant.now().truncatedTo(ChronoUnit.MICROS), CloudEvent.CONTENT_TYPE, payload);
        try {
            em.persist(new OutboxEvent(event.id(), topic, aggregateId.toString(), type, json.writeValueAsString(event),
                    event.time()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + type + " cannot be written as JSON", e);
        }
        appended.fire(new Appended(event.id()));
        return event;
    }
}
