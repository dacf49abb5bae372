package vn.danvan.unit.reorganization;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Response of POST /api/reorganizations, and the {@code reorganization} of the unit-reorganized event. */
public record ReorganizationView(UUID id, ReorganizationType type, LocalDate effectiveDate, String decisionRef,
                                 List<UUID> resultUnitIds) {
    static ReorganizationView of(Reorganization reorganization) {
        return new ReorganizationView(reorganization.id(), reorganization.type(), reorganization.effectiveDate(),
                reorganization.decisionRef(), reorganization.resultUnitIds());
    }
}
