package vn.danvan.plan.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.danvan.common.web.ProblemException;
import vn.danvan.plan.unit.UnitDirectory;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The write path of models, shared by the API and the bulk import: check, change the entity, append the event, all
 * in the caller's transaction.
 */
@ApplicationScoped
public class ModelRegistration {
    @Inject
    ModelRepository models;

    @Inject
    ModelEvents events;

    @Inject
    UnitDirectory units;

    @Transactional(Transactional.TxType.MANDATORY)
    public Model register(ModelRequest request, String actor) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        checkNew(id, request, Map.of());
        Model model = new Model(id, request.name(), request.unitId(), request.field(), request.origin(),
                request.replicatedFromId(), Boolean.TRUE.equals(request.collective()), request.registeredOn(),
                request.description(), request.form(), actor);
        models.persistAndFlush(model);
        events.registered(model, actor);
        return model;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Model update(Model model, ModelRequest request, String actor) {
        checkReferences(model.id(), request);
        UUID previousUnit = model.unitId();
        LocalDate previousDate = model.registeredOn();
        model.update(request.name(), request.unitId(), request.field(), request.origin(), request.replicatedFromId(),
                Boolean.TRUE.equals(request.collective()), request.registeredOn(), request.description(), request.form(),
                actor);
        models.flush();
        events.updated(model, previousUnit, previousDate, actor);
        return model;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Recognition recognize(Model model, RecognitionRequest request, String actor) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (models.getEntityManager().find(Recognition.class, id) != null) {
            throw ProblemException.conflict("recognition " + id + " exists already");
        }
        Recognition recognition = model.recognize(id, request.level(), request.recognizedOn(), request.decisionRef(), actor);
        models.flush();
        events.recognized(model, recognition, actor);
        return recognition;
    }

    /**
     * Every rule a new model must meet, without writing anything and without marking the transaction (the bulk import
     * checks all rows first); {@code pending} are models registered earlier in the same import, with their dates.
     */
    public void checkNew(UUID id, ModelRequest request, Map<UUID, LocalDate> pending) {
        if (pending.containsKey(id) || models.findById(id) != null) {
            throw ProblemException.conflict("model " + id + " exists already");
        }
        if (request.origin() == ModelOrigin.NEW && request.replicatedFromId() != null) {
            throw ProblemException.unprocessable("replicatedFromId", "a NEW model is not replicated from another");
        }
        if (request.replicatedFromId() != null && pending.containsKey(request.replicatedFromId())) {
            if (pending.get(request.replicatedFromId()).isAfter(request.registeredOn())) {
                throw ProblemException.unprocessable("replicatedFromId", "the model replicated was registered later ("
                        + pending.get(request.replicatedFromId()) + ")");
            }
            units.requireExisting("unitId", request.unitId(), request.registeredOn());
            return;
        }
        checkReferences(id, request);
    }

    private void checkReferences(UUID id, ModelRequest request) {
        if (request.origin() == ModelOrigin.NEW && request.replicatedFromId() != null) {
            throw ProblemException.unprocessable("replicatedFromId", "a NEW model is not replicated from another");
        }
        if (request.replicatedFromId() != null) {
            Model source = models.findById(request.replicatedFromId());
            if (source == null || source.id().equals(id)) {
                throw ProblemException.unprocessable("replicatedFromId", "no such model");
            }
            if (source.registeredOn().isAfter(request.registeredOn())) {
                throw ProblemException.unprocessable("replicatedFromId", "the model replicated was registered later ("
                        + source.registeredOn() + ")");
            }
        }
        units.requireExisting("unitId", request.unitId(), request.registeredOn());
    }
}
