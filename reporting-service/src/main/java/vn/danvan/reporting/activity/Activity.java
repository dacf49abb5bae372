package vn.danvan.reporting.activity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.reporting.projection.Rows;

import java.time.Instant;
import java.util.List;
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
    Rows rows;

    /** What changed, for live updates (SSE) and the timeline. */
    public record Changed(UUID eventId, String type, UUID subject, UUID unitId, String summary, Instant occurredAt) {
    }

    /** One line of the timeline: the event, the unit concerned, what happened in Vietnamese. */
    public record Line(CloudEvent event, UUID unitId, String summary) {
    }

    public void record(CloudEvent event, UUID unitId, String summary) {
        recordAll(List.of(new Line(event, unitId, summary)));
    }

    /** The lines of many applied events in one statement, and one notification each (delivered at commit). */
    public void recordAll(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<Changed> changes = lines.stream().map(line -> new Changed(line.event().id(), line.event().type(),
                subject(line.event()), line.unitId(), line.summary().length() > 1000 ? line.summary().substring(0, 1000)
                : line.summary(), line.event().time() == null ? Instant.now() : line.event().time())).toList();
        String payload = rows.json(changes);
        em.createNativeQuery("""
                        INSERT INTO activity (event_id, type, subject, unit_id, summary, occurred_at)
                        SELECT "eventId", type, subject, "unitId", summary, "occurredAt"
                        FROM jsonb_to_recordset(cast(?1 AS jsonb)) AS x("eventId" uuid, type varchar, subject uuid,
                            "unitId" uuid, summary varchar, "occurredAt" timestamptz)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, payload).executeUpdate();
        // Delivered by PostgreSQL at commit only, to every replica's change feed; a replay is not news.
        em.createNativeQuery("""
                        SELECT CASE WHEN current_setting('danvan.replay', true) = 'on' THEN 0 ELSE (
                            SELECT count(pg_notify('danvan_activity', change::text))
                            FROM jsonb_array_elements(cast(?1 AS jsonb)) change) END""")
                .setParameter(1, payload).getResultList();
    }

    private static UUID subject(CloudEvent event) {
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }
}
