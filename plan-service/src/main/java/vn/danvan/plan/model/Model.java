package vn.danvan.plan.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import vn.danvan.common.text.VietnameseText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A "Dân vận khéo" model registered by a unit. */
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

    @Version
    private long version;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Model() {
    }

    public Model(UUID id, String name, UUID unitId, ModelField field, ModelOrigin origin, UUID replicatedFromId,
                 boolean collective, LocalDate registeredOn, String description, String actor) {
        if (origin == ModelOrigin.NEW && replicatedFromId != null) {
            throw new IllegalArgumentException("a new model is not replicated from another");
        }
        this.id = id;
        this.name = VietnameseText.normalize(name);
        this.unitId = unitId;
        this.field = field;
        this.origin = origin;
        this.replicatedFromId = replicatedFromId;
        this.collective = collective;
        this.registeredOn = registeredOn;
        this.description = VietnameseText.normalize(description);
        this.createdBy = actor;
        this.createdAt = Instant.now();
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

    public long version() {
        return version;
    }
}
