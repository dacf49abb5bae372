package vn.danvan.unit.reorganization;

import java.time.LocalDate;
import java.util.UUID;

/** "predecessor became (part of) successor on effectiveDate", as carried by unit-reorganized. */
public record LineageLink(UUID predecessorId, UUID successorId, LocalDate effectiveDate, ReorganizationType type) {
}
