package vn.danvan.unit.official;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.UUID;

/** Body of POST and PUT /api/officials ({@code id} optional on POST). */
public record OfficialRequest(
        UUID id,
        @NotBlank(message = "must not be blank") @Size(max = 255, message = "must be at most 255 characters") String fullName,
        @NotBlank(message = "must not be blank") @Size(max = 255, message = "must be at most 255 characters") String position,
        @NotNull(message = "is required") UUID unitId,
        @Size(max = 255, message = "must be at most 255 characters") String username,
        @NotNull(message = "is required") LocalDate validFrom,
        LocalDate validTo) {
}
