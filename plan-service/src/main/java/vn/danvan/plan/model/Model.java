package vn.danvan.plan.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A "Dân vận khéo" model registered by a unit, with the recognitions it received over the years. */
@Entity
@Table(name = "model")
public class Model {
    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "unit_id", nullable = false)
    private UUID unitId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ModelField field;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ModelOrigin origin;

    @Column(name = "replicated_from_id")
    private UUID replicatedFromId;

    @Column(nullable = false)
    private boolean collective;

    @Column(name = "registered_on", nullable = false)
    private LocalDate registeredOn;

    private String description;

    @Embedded
    private ModelForm form;

    @OneToMany(mappedBy = "model", cascade = CascadeType.ALL)
    @OrderBy("recognizedOn, level")
    private List<Recognition> recognitions = new ArrayList<>();

    @Version
    private long version;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Model() {
    }

    public Model(UUID id, String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                 boolean collective, LocalDate registeredOn, String description, String actor) {
        this(id, name, unitId, field, origin, replicatedFromId, collective, registeredOn, description, ModelForm.EMPTY,
                actor);
    }

    public Model(UUID id, String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                 boolean collective, LocalDate registeredOn, String description, ModelForm form, String actor) {
        this.id = id;
        this.createdBy = actor;
        this.createdAt = Instant.now();
        describe(name, unitId, field, origin, replicatedFromId, collective, registeredOn, description, form);
    }

    /** Replaces what the registration says; the recognitions stay. */
    public void update(String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                       boolean collective, LocalDate registeredOn, String description, ModelForm form, String actor) {
        if (!recognitions.isEmpty() && recognitions.stream().anyMatch(r -> r.recognizedOn().isBefore(registeredOn))) {
            throw ProblemException.unprocessable("registeredOn", "the model was recognised before that date");
        }
        describe(name, unitId, field, origin, replicatedFromId, collective, registeredOn, description, form);
        touch(actor);
    }

    private void describe(String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                          boolean collective, LocalDate registeredOn, String description, ModelForm form) {
        if (origin == ModelOrigin.NEW && replicatedFromId != null) {
            throw ProblemException.unprocessable("replicatedFromId", "a NEW model is not replicated from another");
        }
        if (id.equals(replicatedFromId)) {
            throw ProblemException.unprocessable("replicatedFromId", "a model does not replicate itself");
        }
        this.name = VietnameseText.normalize(name);
        this.unitId = unitId;
        this.field = field;
        this.origin = origin;
        this.replicatedFromId = replicatedFromId;
        this.collective = collective;
        this.registeredOn = registeredOn;
        this.description = VietnameseText.normalize(description);
        this.form = form == null ? ModelForm.EMPTY : form.normalized();
    }

    /** A recognition at a level by a decision; the same level and decision twice is a conflict. */
    public Recognition recognize(UUID recognitionId, RecognitionLevel level, LocalDate recognizedOn, String decisionRef,
                                 String actor) {
        String decision = VietnameseText.normalize(decisionRef);
        if (recognizedOn.isBefore(registeredOn)) {
            throw ProblemException.unprocessable("recognizedOn", "a model is recognised on or after its registration ("
                    + registeredOn + ")");
        }
        for (Recognition existing : recognitions) {
            if (existing.id().equals(recognitionId)) {
                throw ProblemException.conflict("recognition " + recognitionId + " exists already");
            }
            if (existing.level() == level && existing.decisionRef().equalsIgnoreCase(decision)) {
                throw ProblemException.conflict("the model is already recognised at " + level + " level by decision "
                        + decision);
            }
        }
        Recognition recognition = new Recognition(recognitionId, this, level, recognizedOn, decision, actor, Instant.now());
        recognitions.add(recognition);
        touch(actor);
        return recognition;
    }

    private void touch(String actor) {
        this.updatedBy = actor;
        this.updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID unitId() {
        return unitId;
    }

    public ModelField field() {
        return field;
    }

    public ModelOrigin origin() {
        return origin;
    }

    public UUID replicatedFromId() {
        return replicatedFromId;
    }

    public boolean collective() {
        return collective;
    }

    public LocalDate registeredOn() {
        return registeredOn;
    }

    public String description() {
        return description;
    }

    public ModelForm form() {
        return form == null ? ModelForm.EMPTY : form;
    }

    public List<Recognition> recognitions() {
        return List.copyOf(recognitions);
    }

    public long version() {
        return version;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
