package vn.danvan.unit.unit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * Body of PUT /api/units/{id}: a correction of the unit's attributes as it stands. Where it hangs and when it
 * changed name are reorganisations (MOVE, RENAME), which keep history; {@code parentId}, if sent, must be unchanged.
 */
public record UnitUpdate(
        @NotBlank(message = "must not be blank") @Size(max = 255, message = "must be at most 255 characters") String name,
        @NotNull(message = "is required") UnitKind kind,
        @NotNull(message = "is required") UnitLevel level,
        UUID parentId,
        @Size(max = 32, message = "must be at most 32 characters")
        @Pattern(regexp = "[0-9A-Za-z._-]*", message = "may contain only letters, digits, '.', '_' and '-'") String code) {
}
