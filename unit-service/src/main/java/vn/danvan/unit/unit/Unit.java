package vn.danvan.unit.unit;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import vn.danvan.common.web.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A body of the organisational tree through time: it exists from {@code validFrom} to {@code validTo} (the last day,
 * inclusive; null while it lives), and its name, parent, level, kind and code are kept per period so that every
 * question "as of" a date has the answer of that date. Changes are recorded in date order: a change never rewrites
 * a period that starts after it.
 */
@Entity
@Table(name = "unit")
public class Unit {
    @Id
    private UUID id;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    /** Incremented on every change of the unit: the ETag of the API and the revision of the events. */
    @Column(nullable = false)
    private long version;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(mappedBy = "unit", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("validFrom")
    private List<UnitPeriod> periods = new ArrayList<>();

    protected Unit() {
    }

    public Unit(UUID id, String name, UnitKind kind, UnitLevel level, UUID parentId, String code, LocalDate validFrom,
                String actor) {
        this.id = id;
        this.validFrom = validFrom;
        this.createdBy = actor;
        this.createdAt = Instant.now();
        this.updatedBy = actor;
        this.updatedAt = this.createdAt;
        periods.add(new UnitPeriod(this, validFrom, name, kind, level, parentId, blankToNull(code), List.of()));
    }

    static String blankToNull(String code) {
        return code == null || code.isBlank() ? null : code.trim();
    }

    /** Whether the unit exists on that date. */
    public boolean existsOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    public Optional<UnitPeriod> periodOn(LocalDate date) {
        return periods.stream().filter(p -> p.covers(date)).findFirst();
    }

    /** The period shown when no date is asked: today's, else the last one (ended unit) or the first (future unit). */
    public UnitPeriod current() {
        LocalDate today = LocalDate.now();
        return periodOn(today).orElseGet(() -> today.isBefore(validFrom) ? periods.get(0) : latest());
    }

    public UnitPeriod latest() {
        return periods.get(periods.size() - 1);
    }

    /**
     * Applies {@code change} from {@code date} on: the period covering the date is cut in two, unless it starts on
     * that very date. Refused when the unit does not live on that date or has a later recorded change.
     */
    public void changeFrom(LocalDate date, Consumer<UnitPeriod> change, String actor) {
        UnitPeriod covering = requireChangeableOn(date);
        if (covering.validFrom().equals(date)) {
            change.accept(covering);
        } else {
            UnitPeriod next = covering.continuedFrom(date);
            covering.endOn(date.minusDays(1));
            change.accept(next);
            periods.add(next);
        }
        touch(actor);
    }

    /** Ends the unit's life the day before {@code date} (it no longer exists from that date). */
    public void endBefore(LocalDate date, String actor) {
        requireChangeableOn(date);
        if (!date.isAfter(validFrom)) {
            throw ProblemException.unprocessable("effectiveDate",
                    "unit " + id + " starts on " + validFrom + "; it can only end after that day");
        }
        LocalDate lastDay = date.minusDays(1);
        if (latest().validFrom().equals(date)) {
            // a change recorded for that very day (e.g. the move of a merge) never takes effect: the unit ends first
            periods.remove(periods.size() - 1);
        }
        latest().endOn(lastDay);
        validTo = lastDay;
        touch(actor);
    }

    private UnitPeriod requireChangeableOn(LocalDate date) {
        if (validTo != null && date.isAfter(validTo)) {
            throw ProblemException.unprocessable("effectiveDate",
                    "unit " + id + " no longer exists on " + date + " (it ended on " + validTo + ")");
        }
        UnitPeriod covering = periodOn(date).orElseThrow(() -> ProblemException.unprocessable("effectiveDate",
                "unit " + id + " does not exist on " + date));
        if (covering != latest()) {
            throw ProblemException.unprocessable("effectiveDate", "unit " + id + " has a change recorded from "
                    + latest().validFrom() + "; changes must be recorded in date order");
        }
        return covering;
    }

    /** A correction of the unit as it stands (its latest period), without a date: PUT /api/units/{id}. */
    public void correct(String name, UnitKind kind, UnitLevel level, String code, String actor) {
        latest().correct(name, kind, level, blankToNull(code));
        touch(actor);
    }

    public void touch(String actor) {
        version++;
        updatedBy = actor;
        updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
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

    public List<UnitPeriod> periods() {
        return List.copyOf(periods);
    }

    /** Every name the unit carried before its latest one, oldest first. */
    public List<String> formerNames() {
        return latest().formerNames();
    }
}
