package vn.danvan.reporting.model;

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

/** Model facts from the models topic; each event applied once, in the transaction that records its id. */
@ApplicationScoped
public class ModelProjection {
    @Inject
    EventReader reader;

    @Inject
    ProcessedEvents processed;

    @Inject
    EntityManager em;

    @Inject
    ProjectionChanges changes;

    record Registered(UUID modelId, UUID unitId, String field, String origin, LocalDate registeredOn) {
    }

    @Incoming("models-in")
    @Blocking(ordered = true)
    @Transactional
    public void on(String message) {
        CloudEvent event = reader.read(message);
        if (!processed.firstDelivery(event)) {
            return;
        }
        if ("model-registered".equals(event.type())) {
            Registered data = reader.data(event, Registered.class);
            if (data.modelId() == null || data.unitId() == null || data.field() == null || data.origin() == null
                    || data.registeredOn() == null) {
                throw new EventReader.UnreadableEventException("model-registered " + event.id()
                        + " lacks modelId, unitId, field, origin or registeredOn");
            }
            em.merge(new ModelFact(data.modelId(), data.unitId(), data.field(), data.origin(), data.registeredOn()));
            changes.changed("models", event);
        }
    }
}
