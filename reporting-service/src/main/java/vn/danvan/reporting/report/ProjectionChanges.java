package vn.danvan.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import vn.danvan.common.events.CloudEvent;

/** Announces a projection change; observers that act after commit (live updates) see only committed changes. */
@ApplicationScoped
public class ProjectionChanges {
    @Inject
    Event<Changed> changed;

    public record Changed(String projection, String eventType, String subject) {
    }

    public void changed(String projection, CloudEvent cause) {
        changed.fire(new Changed(projection, cause.type(), cause.subject()));
    }
}
