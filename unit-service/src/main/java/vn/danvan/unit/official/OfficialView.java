package vn.danvan.unit.official;

import java.time.LocalDate;
import java.util.UUID;

public record OfficialView(UUID id, String fullName, String position, UUID unitId, String username,
                           LocalDate validFrom, LocalDate validTo, long version) {
}
