package vn.danvan.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The message log of a consumer: an event id is recorded in the same transaction as the projection change it
 * causes, so a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {
    @Inject
    EntityManager em;

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

    @Transactional
    public boolean seen(UUID eventId) {
        return !em.createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getResultList().isEmpty();
    }
}
