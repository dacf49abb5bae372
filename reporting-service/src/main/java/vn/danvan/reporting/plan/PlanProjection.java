package vn.danvan.reporting.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.IdempotentConsumer;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.reporting.activity.Activity;
import vn.danvan.reporting.report.Labels;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Coordination plans from the plans topic: who owns a plan, its partners, year, status and signing, its focus tasks
 * and how far they are according to the latest review. Tolerant of events that carry only what changed.
 */
@ApplicationScoped
public class PlanProjection {
    @Inject
    EventReader reader;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    Activity activity;

    @Incoming("plans-in")
    @Blocking
    @Transactional
    public void on(String message) {
        consumer.once(message, this::apply);
    }

    public void apply(CloudEvent event) {
        JsonNode data = event.data();
        UUID planId = uuid(data, "planId", event);
        if (planId == null) {
            planId = parse(event.subject(), event);
        }
        switch (event.type()) {
            case "plan-created", "plan-updated", "plan-amended", "plan-signed", "plan-closed", "plan-cancelled" -> {
                upsertPlan(planId, data, statusOf(event.type(), data), event);
                upsertTasks(planId, data, event);
                activity.record(event, ownerOf(planId), summary(event.type(), planId));
            }
            case "plan-reviewed" -> {
                if (!exists(planId)) {
                    throw new EventReader.UnreadableEventException("plan-reviewed " + event.id() + " for unknown plan " + planId);
                }
                applyReview(planId, data, event);
                activity.record(event, ownerOf(planId), summary(event.type(), planId) + " – "
                        + Labels.of(data.path("kind").asText(null)));
            }
            default -> {
                // other plan event types carry nothing the reports use
                return;
            }
        }
        em.createNativeQuery("UPDATE plan_version SET version = version + 1").executeUpdate();
    }

    private void upsertPlan(UUID planId, JsonNode data, String status, CloudEvent event) {
        UUID owner = uuid(data, "ownerUnitId", event);
        if (owner == null && !exists(planId)) {
            throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + " lacks ownerUnitId");
        }
        List<UUID> partners = uuids(data.path("partnerUnitIds"), event);
        JsonNode signing = data.path("signing");
        LocalDate signedOn = date(data.hasNonNull("signedOn") ? data.path("signedOn") : signing.path("signedOn"), event);
        String place = text(data.hasNonNull("place") ? data.path("place") : signing.path("place"));
        boolean known = exists(planId);
        String sql = known ? """
                        UPDATE plan_fact SET
                            title = COALESCE(?2, title),
                            document_number = COALESCE(?3, document_number),
                            owner_unit_id = COALESCE(?4, owner_unit_id),
                            partner_unit_ids = CASE WHEN ?12 THEN CAST(?5 AS uuid[]) ELSE partner_unit_ids END,
                            year = COALESCE(?6, year),
                            start_date = COALESCE(?7, start_date),
                            end_date = COALESCE(?8, end_date),
                            status = ?9,
                            signed_on = COALESCE(?10, signed_on),
                            place = COALESCE(?11, place)
                        WHERE plan_id = ?1""" : """
                        INSERT INTO plan_fact (plan_id, title, document_number, owner_unit_id, partner_unit_ids, year,
                            start_date, end_date, status, signed_on, place)
                        SELECT ?1, ?2, ?3, ?4, CAST(?5 AS uuid[]), ?6, ?7, ?8, ?9, ?10, ?11""";
        var query = em.createNativeQuery(sql)
                .setParameter(1, planId).setParameter(2, text(data.path("title")))
                .setParameter(3, text(data.path("documentNumber"))).setParameter(4, owner)
                .setParameter(5, SqlArrays.literal(partners))
                .setParameter(6, data.hasNonNull("year") ? data.path("year").asInt() : null)
                .setParameter(7, date(data.path("startDate"), event)).setParameter(8, date(data.path("endDate"), event))
                .setParameter(9, status).setParameter(10, signedOn).setParameter(11, place);
        if (known) {
            query.setParameter(12, data.path("partnerUnitIds").isArray());
        }
        query.executeUpdate();
    }

    private void upsertTasks(UUID planId, JsonNode data, CloudEvent event) {
        if (!data.path("tasks").isArray()) {
            return;
        }
        List<UUID> kept = new ArrayList<>();
        for (JsonNode task : data.path("tasks")) {
            UUID taskId = uuid(task, task.has("taskId") ? "taskId" : "id", event);
            if (taskId == null) {
                throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + ": a task lacks its id");
            }
            kept.add(taskId);
            em.createNativeQuery("""
                            INSERT INTO plan_task (plan_id, task_id, title, responsible_unit_id) VALUES (?1, ?2, ?3, ?4)
                            ON CONFLICT (plan_id, task_id) DO UPDATE SET title = excluded.title,
                                responsible_unit_id = excluded.responsible_unit_id""")
                    .setParameter(1, planId).setParameter(2, taskId).setParameter(3, text(task.path("title")))
                    .setParameter(4, uuid(task, "responsibleUnitId", event)).executeUpdate();
        }
        em.createNativeQuery("DELETE FROM plan_task WHERE plan_id = ?1 AND NOT (task_id = ANY(CAST(?2 AS uuid[])))")
                .setParameter(1, planId)
                .setParameter(2, SqlArrays.literal(kept))
                .executeUpdate();
    }

    private void applyReview(UUID planId, JsonNode data, CloudEvent event) {
        UUID reviewId = uuid(data, "reviewId", event);
        LocalDate heldOn = date(data.path("heldOn"), event);
        String kind = text(data.path("kind"));
        if (heldOn == null || kind == null) {
            throw new EventReader.UnreadableEventException("plan-reviewed " + event.id() + " lacks kind or heldOn");
        }
        Object latest = em.createNativeQuery("SELECT max(held_on) FROM plan_review WHERE plan_id = ?1")
                .setParameter(1, planId).getSingleResult();
        em.createNativeQuery("""
                        INSERT INTO plan_review (review_id, plan_id, kind, held_on, summary) VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (review_id) DO NOTHING""")
                .setParameter(1, reviewId == null ? event.id() : reviewId).setParameter(2, planId).setParameter(3, kind)
                .setParameter(4, heldOn).setParameter(5, text(data.hasNonNull("summary") ? data.path("summary") : data.path("assessment")))
                .executeUpdate();
        boolean newest = latest == null || !heldOn.isBefore(((java.sql.Date) latest).toLocalDate());
        if (!newest) {
            return;
        }
        for (JsonNode progress : data.path("taskProgress")) {
            UUID taskId = uuid(progress, "taskId", event);
            String status = text(progress.path("status"));
            if (taskId == null || status == null) {
                throw new EventReader.UnreadableEventException("plan-reviewed " + event.id() + ": task progress needs taskId and status");
            }
            em.createNativeQuery("UPDATE plan_task SET status = ?3, note = ?4 WHERE plan_id = ?1 AND task_id = ?2")
                    .setParameter(1, planId).setParameter(2, taskId).setParameter(3, status)
                    .setParameter(4, text(progress.path("note"))).executeUpdate();
        }
    }

    private static String statusOf(String type, JsonNode data) {
        if (data.hasNonNull("status")) {
            return data.path("status").asText();
        }
        return switch (type) {
            case "plan-signed", "plan-amended" -> "SIGNED";
            case "plan-closed" -> "CLOSED";
            case "plan-cancelled" -> "CANCELLED";
            default -> "DRAFT";
        };
    }

    private String summary(String type, UUID planId) {
        Object title = em.createNativeQuery("SELECT coalesce(title, document_number, '') FROM plan_fact WHERE plan_id = ?1")
                .setParameter(1, planId).getResultList().stream().findFirst().orElse("");
        String verb = switch (type) {
            case "plan-created" -> "Soạn kế hoạch";
            case "plan-signed" -> "Ký kết kế hoạch";
            case "plan-reviewed" -> "Đánh giá kế hoạch";
            case "plan-closed" -> "Tổng kết kế hoạch";
            case "plan-cancelled" -> "Hủy kế hoạch";
            default -> "Cập nhật kế hoạch";
        };
        return verb + " “" + title + "”";
    }

    private boolean exists(UUID planId) {
        return !em.createNativeQuery("SELECT 1 FROM plan_fact WHERE plan_id = ?1").setParameter(1, planId).getResultList().isEmpty();
    }

    private UUID ownerOf(UUID planId) {
        return (UUID) em.createNativeQuery("SELECT owner_unit_id FROM plan_fact WHERE plan_id = ?1")
                .setParameter(1, planId).getResultList().stream().findFirst().orElse(null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static UUID uuid(JsonNode node, String field, CloudEvent event) {
        return node.hasNonNull(field) ? parse(node.path(field).asText(), event) : null;
    }

    private static List<UUID> uuids(JsonNode array, CloudEvent event) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(n -> ids.add(parse(n.isObject() ? n.path("unitId").asText() : n.asText(), event)));
        return ids;
    }

    private static UUID parse(String text, CloudEvent event) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + ": '" + text + "' is not a UUID");
        }
    }

    private static LocalDate date(JsonNode node, CloudEvent event) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (java.time.DateTimeException e) {
            throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + ": '" + node.asText() + "' is not a date");
        }
    }
}
