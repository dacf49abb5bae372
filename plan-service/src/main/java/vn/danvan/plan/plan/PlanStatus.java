package vn.danvan.plan.plan;

/** DRAFT → SIGNED → CLOSED, or DRAFT → CANCELLED. */
public enum PlanStatus {
    DRAFT, SIGNED, CLOSED, CANCELLED
}
