package vn.danvan.plan.plan;

public enum TaskStatus {
    NOT_STARTED, IN_PROGRESS, DONE
}
