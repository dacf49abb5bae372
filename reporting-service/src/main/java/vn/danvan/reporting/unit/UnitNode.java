package vn.danvan.reporting.unit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/** reporting-service's own copy of a unit, fed by the units topic. */
@Entity
@Table(name = "unit_node")
public class UnitNode {
    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String level;

    @Column(name = "parent_id")
    private UUID parentId;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    protected UnitNode() {
    }

    public UnitNode(UUID id, String name, String level, UUID parentId, LocalDate validFrom, LocalDate validTo) {
        this.id = id;
        this.name = name;
        this.level = level;
        this.parentId = parentId;
        this.validFrom = validFrom;
        this.validTo = validTo;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }
}
