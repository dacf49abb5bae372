package vn.danvan.plan.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.UUID;

/** Body of POST /api/models/{id}/recognitions; {@code id} is optional (demo data bring fixed ids). */
public record RecognitionRequest(
        UUID id,
        @NotNull(message = "is required") RecognitionLevel level,
        @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate recognizedOn,
        @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String decisionRef) {
}
