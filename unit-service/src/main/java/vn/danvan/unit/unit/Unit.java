package vn.danvan.unit.unit;

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

/** A body of the organisational tree, valid from a date until (the day before) it ends. */
@Entity
@Table(name = "unit")
public class Unit {
    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_folded", nullable = false)
    private String nameFolded;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UnitKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UnitLevel level;

    @Column(name = "parent_id")
    private UUID parentId;

    private String code;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @Version
    private long version;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Unit() {
    }

    public Unit(UUID id, String name, UnitKind kind, UnitLevel level, UUID parentId, String code, LocalDate validFrom,
                String actor) {
        this.id = id;
        rename(name);
        this.kind = kind;
        this.level = level;
        this.parentId = parentId;
        this.code = code == null || code.isBlank() ? null : code.trim();
        this.validFrom = validFrom;
        this.createdBy = actor;
        this.createdAt = Instant.now();
        this.updatedBy = actor;
        this.updatedAt = this.createdAt;
    }

    private void rename(String newName) {
        this.name = VietnameseText.normalize(newName);
        this.nameFolded = VietnameseText.fold(newName);
    }

    /** Whether the unit exists on that date (validTo is the last day it exists). */
    public boolean existsOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UnitKind kind() {
        return kind;
    }

    public UnitLevel level() {
        return level;
    }

    public UUID parentId() {
        return parentId;
    }

    public String code() {
        return code;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validTo() {
        return validTo;
    }

    public long version() {
        return version;
    }
}
