package vn.danvan.plan.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.danvan.common.outbox.Outbox;

import java.time.LocalDate;
import java.util.UUID;

/** The model events on topic {@code models}; schemas in src/main/resources/events. */
@ApplicationScoped
public class ModelEvents {
    public static final String TOPIC = "models";
    public static final String REGISTERED = "model-registered";

    @Inject
    Outbox outbox;

    /** Data of model-registered: everything a report needs, so consumers never call back. */
    public record Registered(UUID modelId, String name, UUID unitId, ModelField field, ModelOrigin origin,
                             UUID replicatedFromId, boolean collective, LocalDate registeredOn, String actor) {
    }

    void registered(Model model, String actor) {
        outbox.append(TOPIC, model.id(), REGISTERED, new Registered(model.id(), model.name(), model.unitId(),
                model.field(), model.origin(), model.replicatedFromId(), model.collective(), model.registeredOn(), actor));
    }
}
