package vn.danvan.reporting.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One registered model as reports count it. It keeps the unit id it was registered by; the tree decides at query
 * time where that unit sits, so a fact that arrives before its unit is simply counted once the unit arrives.
 */
@Entity
@Table(name = "model_fact")
public class ModelFact {
    @Id
    @Column(name = "model_id")
    private UUID modelId;

    @Column(name = "unit_id", nullable = false)
    private UUID unitId;

    @Column(nullable = false)
    private String field;

    @Column(nullable = false)
    private String origin;

    @Column(name = "registered_on", nullable = false)
    private LocalDate registeredOn;

    protected ModelFact() {
    }

    public ModelFact(UUID modelId, UUID unitId, String field, String origin, LocalDate registeredOn) {
        this.modelId = modelId;
        this.unitId = unitId;
        this.field = field;
        this.origin = origin;
        this.registeredOn = registeredOn;
    }
}
