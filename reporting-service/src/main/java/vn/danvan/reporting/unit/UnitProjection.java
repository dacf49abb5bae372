package vn.danvan.reporting.unit;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.ProcessedEvents;
import vn.danvan.reporting.report.ProjectionChanges;

import java.time.LocalDate;
import java.util.UUID;

/** Keeps the copy of the unit tree from the units topic; each event applied once. */
@ApplicationScoped
public class UnitProjection {
    @Inject
    EventReader reader;

    @Inject
    ProcessedEvents processed;

    @Inject
    EntityManager em;

    @Inject
    ProjectionChanges changes;

    record UnitPayload(UUID id, String name, String level, UUID parentId, LocalDate validFrom, LocalDate validTo) {
    }

    record UnitData(UnitPayload unit) {
    }

    @Incoming("units-in")
    @Blocking(ordered = true)
    @Transactional
    public void on(String message) {
        CloudEvent event = reader.read(message);
        if (!processed.firstDelivery(event)) {
            return;
        }
        switch (event.type()) {
            case "unit-created", "unit-updated" -> {
                UnitPayload unit = reader.data(event, UnitData.class).unit();
                if (unit == null || unit.id() == null || unit.name() == null || unit.level() == null || unit.validFrom() == null) {
                    throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + " lacks the unit's id, name, level or validFrom");
                }
                em.merge(new UnitNode(unit.id(), unit.name(), unit.level(), unit.parentId(), unit.validFrom(), unit.validTo()));
                changes.changed("units", event);
            }
            default -> {
                // Event types this projection does not use are recorded and skipped.
            }
        }
    }
}
