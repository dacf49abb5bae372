package vn.danvan.unit.unit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A unit as the API shows it, as it stood on one date (its period of that date). */
public record UnitView(UUID id, String name, UnitKind kind, UnitLevel level, UUID parentId, String code,
                       LocalDate validFrom, LocalDate validTo, List<String> formerNames, long version) {
    public static UnitView of(Unit unit, UnitPeriod period) {
        return new UnitView(unit.id(), period.name(), period.kind(), period.level(), period.parentId(), period.code(),
                unit.validFrom(), unit.validTo(), period.formerNames(), unit.version());
    }

    public static UnitView of(Unit unit) {
        return of(unit, unit.current());
    }
}
