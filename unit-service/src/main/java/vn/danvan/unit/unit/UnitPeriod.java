package vn.danvan.unit.unit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import vn.danvan.common.text.VietnameseText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a unit was called, where it hung and what it was, from one date to another (inclusive; null = open). */
@Entity
@Table(name = "unit_period")
public class UnitPeriod {
    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "unit_id")
    private Unit unit;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UnitKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UnitLevel level;

    @Column(name = "parent_id")
    private UUID parentId;

    private String code;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "former_names", nullable = false, columnDefinition = "jsonb")
    private List<String> formerNames = new ArrayList<>();

    @Column(name = "search_key", nullable = false)
    private String searchKey;

    protected UnitPeriod() {
    }

    UnitPeriod(Unit unit, LocalDate validFrom, String name, UnitKind kind, UnitLevel level, UUID parentId, String code,
               List<String> formerNames) {
        this.id = UUID.randomUUID();
        this.unit = unit;
        this.validFrom = validFrom;
        this.kind = kind;
        this.level = level;
        this.parentId = parentId;
        this.code = code;
        this.formerNames = new ArrayList<>(formerNames);
        this.name = VietnameseText.normalize(name);
        refreshSearchKey();
    }

    /** The same unit from {@code from} on, with nothing changed yet. */
    UnitPeriod continuedFrom(LocalDate from) {
        UnitPeriod next = new UnitPeriod(unit, from, name, kind, level, parentId, code, formerNames);
        next.validTo = validTo;
        return next;
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** Used inside {@link Unit#changeFrom}: a new name from that date, the old one kept as former name. */
    public void rename(String newName) {
        String normalized = VietnameseText.normalize(newName);
        if (!normalized.equals(name) && !formerNames.contains(name)) {
            formerNames.add(name);
        }
        formerNames.remove(normalized);
        name = normalized;
        refreshSearchKey();
    }

    /** A correction of what the period says (PUT): no former name is kept, the old one was a mistake. */
    void correct(String newName, UnitKind newKind, UnitLevel newLevel, String newCode) {
        name = VietnameseText.normalize(newName);
        kind = newKind;
        level = newLevel;
        code = newCode;
        refreshSearchKey();
    }

    /** Used inside {@link Unit#changeFrom}. */
    public void moveUnder(UUID newParentId) {
        parentId = newParentId;
    }

    void endOn(LocalDate lastDay) {
        validTo = lastDay;
    }

    private void refreshSearchKey() {
        StringBuilder key = new StringBuilder(VietnameseText.fold(name));
        for (String former : formerNames) {
            key.append(" | ").append(VietnameseText.fold(former));
        }
        searchKey = key.toString();
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validTo() {
        return validTo;
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

    public List<String> formerNames() {
        return List.copyOf(formerNames);
    }
}
