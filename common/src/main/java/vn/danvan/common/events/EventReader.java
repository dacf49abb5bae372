package vn.danvan.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads a message value into a CloudEvent, refusing what is not one (it then goes to the dead-letter topic). */
@ApplicationScoped
public class EventReader {
    @Inject
    ObjectMapper json;

    public CloudEvent read(String value) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("empty message");
        }
        CloudEvent event;
        try {
            event = json.readValue(value, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not a CloudEvents JSON message: " + e.getOriginalMessage());
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new UnreadableEventException("unsupported specversion " + event.specversion());
        }
        if (event.id() == null || event.type() == null || event.subject() == null || event.data() == null
                || !event.data().isObject()) {
            throw new UnreadableEventException("id, type, subject and an object data are required");
        }
        return event;
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("data of " + event.type() + " " + event.id() + " is not readable: "
                    + e.getMessage());
        }
    }

    /** Reads a part of an event's data; a part that does not fit is a poison message, not a crash. */
    public <T> T treeToValue(com.fasterxml.jackson.databind.JsonNode node, Class<T> type, CloudEvent event) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("part of " + event.type() + " " + event.id() + " is not readable: "
                    + e.getMessage());
        }
    }

    /** A message that can never be processed; thrown so that the connector routes it to the dead-letter topic. */
    public static class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message) {
            super(message);
        }
    }
}
