package vn.danvan.plan.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.danvan.common.outbox.Outbox;
import vn.danvan.plan.plan.PlanParts.Amendment;
import vn.danvan.plan.plan.PlanParts.Review;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan events on topic {@code plans}; schemas in src/main/resources/events. Every event carries the plan as it
 * now stands (ids, parties, term, tasks, status), so a consumer never calls back, plus what the step added.
 */
@ApplicationScoped
public class PlanEvents {
    public static final String TOPIC = "plans";
    public static final String CREATED = "plan-created";
    public static final String UPDATED = "plan-updated";
    public static final String SIGNED = "plan-signed";
    public static final String REVIEWED = "plan-reviewed";
    public static final String AMENDED = "plan-amended";
    public static final String CLOSED = "plan-closed";
    public static final String CANCELLED = "plan-cancelled";

    @Inject
    Outbox outbox;

    void created(Plan plan, String actor) {
        append(plan, CREATED, actor, Map.of());
    }

    void updated(Plan plan, String actor) {
        append(plan, UPDATED, actor, Map.of());
    }

    void signed(Plan plan, String actor) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("signedOn", plan.signing().signedOn());
        extra.put("place", plan.signing().place());
        extra.put("signatories", plan.signing().signatories());
        extra.put("witnesses", plan.signing().witnesses());
        append(plan, SIGNED, actor, extra);
    }

    void reviewed(Plan plan, Review review, String actor) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reviewId", review.id());
        extra.put("kind", review.kind());
        extra.put("heldOn", review.heldOn());
        extra.put("summary", review.summary());
        extra.put("assessment", review.assessment());
        extra.put("taskProgress", review.taskProgress());
        extra.put("reviewCount", plan.reviews().size());
        append(plan, REVIEWED, actor, extra);
    }

    void amended(Plan plan, Amendment amendment, String actor) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("amendmentId", amendment.id());
        extra.put("amendmentNumber", amendment.number());
        extra.put("amendedOn", amendment.amendedOn());
        extra.put("reason", amendment.reason());
        extra.put("decisionRef", amendment.decisionRef());
        extra.put("changed", amendment.changed());
        extra.put("before", amendment.before());
        append(plan, AMENDED, actor, extra);
    }

    void closed(Plan plan, String actor) {
        append(plan, CLOSED, actor, Map.of());
    }

    void cancelled(Plan plan, String actor) {
        append(plan, CANCELLED, actor, Map.of());
    }

    private void append(Plan plan, String type, String actor, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("planId", plan.id());
        data.put("title", plan.title());
        data.put("documentNumber", plan.documentNumber());
        data.put("ownerUnitId", plan.ownerUnitId());
        data.put("partnerUnitIds", plan.partnerUnitIds());
        data.put("year", plan.year());
        data.put("startDate", plan.startDate());
        data.put("endDate", plan.endDate());
        data.put("status", plan.status());
        data.put("tasks", plan.tasks());
        data.put("taskIds", plan.tasks().stream().map(t -> t.id()).toList());
        data.put("signedOn", plan.signing() == null ? null : plan.signing().signedOn());
        data.put("version", plan.version());
        data.putAll(extra);
        data.put("actor", actor);
        outbox.append(TOPIC, plan.id(), type, data);
    }
}
