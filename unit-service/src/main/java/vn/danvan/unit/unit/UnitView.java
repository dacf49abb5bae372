package vn.danvan.unit.unit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A unit as the API shows it, and as the unit events carry it. */
public record UnitView(UUID id, String name, UnitKind kind, UnitLevel level, UUID parentId, String code,
                       LocalDate validFrom, LocalDate validTo, List<String> formerNames, long version) {
    static UnitView of(Unit unit) {
        return new UnitView(unit.id(), unit.name(), unit.kind(), unit.level(), unit.parentId(), unit.code(),
                unit.validFrom(), unit.validTo(), List.of(), unit.version());
    }
}
