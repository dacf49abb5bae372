package vn.danvan.plan.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Body of POST /api/models and PUT /api/models/{id}; {@code id} is optional on POST (imports and demo data bring fixed
 * ids) and ignored on PUT.
 */
public record ModelRequest(
        UUID id,
        @NotBlank(message = "must not be blank") @Size(max = 500, message = "must be at most 500 characters") String name,
        @NotNull(message = "is required") UUID unitId,
        @NotNull(message = "is required") ModelField field,
        @NotNull(message = "is required") ModelOrigin origin,
        UUID replicatedFromId,
        Boolean collective,
        @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate registeredOn,
        @Size(max = 20_000, message = "must be at most 20000 characters") String description,
        @Valid ModelForm form) {
}
