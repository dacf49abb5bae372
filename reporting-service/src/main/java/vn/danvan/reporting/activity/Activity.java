package vn.danvan.reporting.activity;

import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.events.CloudEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The timeline of projection changes: each applied event leaves one line (in Vietnamese, for the dashboard) and
 * announces itself with a NOTIFY that PostgreSQL delivers at commit (see ChangeFeed).
 */
@ApplicationScoped
public class Activity {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** What changed, for live updates (SSE) and the timeline. */
    public record Changed(UUID eventId, String type, UUID subject, UUID unitId, String summary, Instant occurredAt) {
    }

    public void record(CloudEvent event, UUID unitId, String summary) {
        Instant at = event.time() == null ? Instant.now() : event.time();
        String text = summary.length() > 1000 ? summary.substring(0, 1000) : summary;
        em.createNativeQuery("""
                        INSERT INTO activity (event_id, type, subject, unit_id, summary, occurred_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING""")
                .setParameter(1, event.id()).setParameter(2, event.type()).setParameter(3, subject(event))
                .setParameter(4, unitId).setParameter(5, text).setParameter(6, at)
                .executeUpdate();
        try {
            // Delivered by PostgreSQL at commit only, to every replica's change feed.
            em.createNativeQuery("SELECT pg_notify(?1, ?2) WHERE current_setting('danvan.replay', true) IS DISTINCT FROM 'on'")
                    .setParameter(1, "danvan_activity")
                    .setParameter(2, json.writeValueAsString(new Changed(event.id(), event.type(), subject(event), unitId,
                            text, at)))
                    .getResultList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID subject(CloudEvent event) {
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }
}
