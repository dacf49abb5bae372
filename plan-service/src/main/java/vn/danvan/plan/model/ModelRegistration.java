package vn.danvan.plan.model;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.web.ProblemException;
import vn.danvan.common.write.GroupCommit;
import vn.danvan.plan.unit.UnitDirectory;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The write path of models, shared by the API and the bulk import: check, change the entity, append the event, all
 * in the caller's transaction. Registrations through the API are committed together with those of concurrent
 * requests ({@link #registerWithOthers}, ADR 0015).
 */
@ApplicationScoped
public class ModelRegistration {
    @Inject
    ModelRepository models;

    @Inject
    ModelEvents events;

    @Inject
    UnitDirectory units;

    @Inject
    MeterRegistry metrics;

    /** The most registrations of concurrent requests committed in one transaction. */
    @ConfigProperty(name = "danvan.models.group-commit.max-batch", defaultValue = "64")
    int maxBatch;

    private GroupCommit<Submitted, Model> registrations;

    /** A registration asked for through the API, waiting for its batch. */
    private record Submitted(ModelRequest request, String actor) {
    }

    @PostConstruct
    void start() {
        registrations = new GroupCommit<>("model-registrations", maxBatch,
                batch -> units.prefetch(batch.stream().map(s -> new UnitDirectory.UnitOn(s.request().unitId(),
                        s.request().registeredOn())).toList()),
                submitted -> registerUnflushed(submitted.request(), submitted.actor()),
                submitted -> register(submitted.request(), submitted.actor()));
        Gauge.builder("danvan.group.commit.waiting", registrations, GroupCommit::waiting)
                .description("Requests waiting for their batch to be written").tag("writes", "model-registrations")
                .register(metrics);
    }

    @PreDestroy
    void stop() {
        registrations.close();
    }

    /**
     * Registers a model in a transaction of its own, shared with the registrations of requests that arrive meanwhile
     * (one commit for all); returns once it is committed, or throws its own refusal. The caller has no transaction.
     */
    public Model registerWithOthers(ModelRequest request, String actor) {
        return registrations.submit(new Submitted(request, actor));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Model register(ModelRequest request, String actor) {
        Model model = registerUnflushed(request, actor);
        models.flush();
        return model;
    }

    /** As {@link #register}, without the flush: a batch's commit writes every model and event of the batch at once. */
    private Model registerUnflushed(ModelRequest request, String actor) {
        checkNew(request.id(), request, Map.of());
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        Model model = new Model(id, request.name(), request.unitId(), request.field(), request.origin(),
                request.replicatedFromId(), Boolean.TRUE.equals(request.collective()), request.registeredOn(),
                request.description(), request.form(), actor);
        models.persist(model);
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
     * {@code id} is the one the caller chose, or null when the service draws it (then it cannot exist yet).
     */
    public void checkNew(UUID id, ModelRequest request, Map<UUID, LocalDate> pending) {
        if (id != null && (pending.containsKey(id) || models.findById(id) != null)) {
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
