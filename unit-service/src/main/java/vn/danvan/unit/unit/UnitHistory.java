package vn.danvan.unit.unit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A unit's whole life as the unit events carry it: a consumer keeps the history with the highest revision and
 * replaces it whole, so redelivered or reordered events never roll it back.
 */
public record UnitHistory(UUID id, UnitKind kind, String code, LocalDate validFrom, LocalDate validTo,
                          List<String> formerNames, long revision, List<Period> periods) {
    public record Period(LocalDate from, LocalDate to, String name, UUID parentId, UnitLevel level, UnitKind kind,
                         String code) {
    }

    public static UnitHistory of(Unit unit) {
        UnitPeriod latest = unit.latest();
        return new UnitHistory(unit.id(), latest.kind(), latest.code(), unit.validFrom(), unit.validTo(),
                latest.formerNames(), unit.version(), unit.periods().stream()
                .map(p -> new Period(p.validFrom(), p.validTo(), p.name(), p.parentId(), p.level(), p.kind(), p.code()))
                .toList());
    }
}
