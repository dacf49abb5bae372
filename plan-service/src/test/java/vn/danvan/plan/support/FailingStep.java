package vn.danvan.plan.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.danvan.common.outbox.Outbox;

/**
 * Test-only: a step that fails inside the transaction right after the change was written and its event appended,
 * to show that both are rolled back together.
 */
@ApplicationScoped
public class FailingStep {
    private static volatile boolean armed;

    public static void arm() {
        armed = true;
    }

    public static void disarm() {
        armed = false;
    }

    void afterAppend(@Observes Outbox.Appended appended) {
        if (armed) {
            throw new IllegalStateException("deliberate failure after event " + appended.eventId() + " was appended");
        }
    }
}
