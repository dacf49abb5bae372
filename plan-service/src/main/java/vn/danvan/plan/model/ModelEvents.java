package vn.danvan.plan.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.danvan.common.outbox.Outbox;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The model events on topic {@code models}; schemas in src/main/resources/events. */
@ApplicationScoped
public class ModelEvents {
    public static final String TOPIC = "models";
    public static final String REGISTERED = "model-registered";
    public static final String UPDATED = "model-updated";
    public static final String RECOGNIZED = "model-recognized";

    @Inject
    Outbox outbox;

    /** Data of model-registered: everything a report needs, so consumers never call back. */
    public record Registered(UUID modelId, String name, UUID unitId, ModelField field, ModelOrigin origin,
                             UUID replicatedFromId, boolean collective, LocalDate registeredOn, String description,
                             String actor) {
    }

    /** Data of model-updated: the model as it now stands, and the unit and date it had before (a report may move it). */
    public record Updated(UUID modelId, String name, UUID unitId, ModelField field, ModelOrigin origin,
                          UUID replicatedFromId, boolean collective, LocalDate registeredOn, String description,
                          UUID previousUnitId, LocalDate previousRegisteredOn, List<String> recognitionIds,
                          long version, String actor) {
    }

    /** Data of model-recognized: the recognition and the model facts a report groups it by. */
    public record Recognized(UUID modelId, UUID recognitionId, String name, UUID unitId, RecognitionLevel level,
                             LocalDate recognizedOn, String decisionRef, ModelField field, ModelOrigin origin,
                             boolean collective, LocalDate registeredOn, String actor) {
    }

    void registered(Model model, String actor) {
        outbox.append(TOPIC, model.id(), REGISTERED, new Registered(model.id(), model.name(), model.unitId(),
                model.field(), model.origin(), model.replicatedFromId(), model.collective(), model.registeredOn(),
                model.description(), actor));
    }

    void updated(Model model, UUID previousUnitId, LocalDate previousRegisteredOn, String actor) {
        outbox.append(TOPIC, model.id(), UPDATED, new Updated(model.id(), model.name(), model.unitId(), model.field(),
                model.origin(), model.replicatedFromId(), model.collective(), model.registeredOn(), model.description(),
                previousUnitId, previousRegisteredOn,
                model.recognitions().stream().map(r -> r.id().toString()).toList(), model.version(), actor));
    }

    void recognized(Model model, Recognition recognition, String actor) {
        outbox.append(TOPIC, model.id(), RECOGNIZED, new Recognized(model.id(), recognition.id(), model.name(),
                model.unitId(), recognition.level(), recognition.recognizedOn(), recognition.decisionRef(), model.field(),
                model.origin(), model.collective(), model.registeredOn(), actor));
    }
}
