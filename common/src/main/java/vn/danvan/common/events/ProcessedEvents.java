package vn.danvan.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The message log of a consumer: an event id is recorded in the same transaction as the projection change it
 * causes, so a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** Records the event; false when it was processed before (then the caller must do nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(CloudEvent event) {
        int inserted = em.createNativeQuery(
                        "INSERT INTO processed_event (event_id, event_type) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Records many events in one statement (a replay); returns the ids delivered here for the first time. An id that
     * appears twice in the list is returned once: the caller applies its first occurrence only.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Set<UUID> firstDeliveries(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        String rows;
        try {
            rows = mapper.writeValueAsString(events.stream().map(e -> Map.of("id", e.id().toString(), "type", e.type())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<UUID> inserted = em.createNativeQuery("""
                        INSERT INTO processed_event (event_id, event_type)
                        SELECT id, type FROM jsonb_to_recordset(cast(?1 AS jsonb)) AS x(id uuid, type varchar)
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .setParameter(1, rows)
                .getResultList();
        return new HashSet<>(inserted);
    }

    @Transactional
    public boolean seen(UUID eventId) {
        return !em.createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getResultList().isEmpty();
    }
}
