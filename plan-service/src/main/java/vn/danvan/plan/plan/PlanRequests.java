package vn.danvan.plan.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request bodies of the plan API. */
public final class PlanRequests {
    private PlanRequests() {
    }

    /** POST /api/plans and PUT /api/plans/{id}; {@code id} is optional on POST (demo data bring fixed ids). */
    public record PlanRequest(
            UUID id,
            @NotBlank(message = "must not be blank") @Size(max = 500, message = "must be at most 500 characters") String title,
            @Size(max = 100, message = "must be at most 100 characters") String documentNumber,
            @NotNull(message = "is required") UUID ownerUnitId,
            @NotEmpty(message = "must name at least one partner") @Size(max = 100, message = "must have at most 100 partners")
            List<@NotNull(message = "must not be null") UUID> partnerUnitIds,
            @Min(value = 1945, message = "must be between 1945 and 2100") @Max(value = 2100, message = "must be between 1945 and 2100") Integer year,
            LocalDate startDate,
            LocalDate endDate,
            @Size(max = 200, message = "must have at most 200 tasks") List<@NotNull(message = "must not be null") @Valid TaskRequest> tasks) {
    }

    public record TaskRequest(
            UUID id,
            @NotBlank(message = "must not be blank") @Size(max = 2000, message = "must be at most 2000 characters") String title,
            @NotNull(message = "is required") UUID responsibleUnitId) {
    }

    public record SigningRequest(
            @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate signedOn,
            @NotBlank(message = "must not be blank") @Size(max = 500, message = "must be at most 500 characters") String place,
            @NotEmpty(message = "must name who signed") @Size(max = 100, message = "must have at most 100 signatories")
            List<@NotNull(message = "must not be null") @Valid SignatoryRequest> signatories,
            @Size(max = 100, message = "must have at most 100 witnesses") List<@NotNull(message = "must not be null") @Valid WitnessRequest> witnesses) {
    }

    public record SignatoryRequest(
            @NotNull(message = "is required") UUID unitId,
            UUID officialId,
            @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String name,
            @NotBlank(message = "must not be blank") @Size(max = 300, message = "must be at most 300 characters") String position) {
    }

    public record WitnessRequest(
            @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String name,
            @Size(max = 300, message = "must be at most 300 characters") String position) {
    }

    public record ReviewRequest(
            UUID id,
            @NotNull(message = "is required") ReviewKind kind,
            @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate heldOn,
            @NotBlank(message = "must not be blank") @Size(max = 20_000, message = "must be at most 20000 characters") String summary,
            @Size(max = 20_000, message = "must be at most 20000 characters") String assessment,
            @Size(max = 200, message = "must have at most 200 entries") List<@NotNull(message = "must not be null") @Valid ProgressRequest> taskProgress) {
    }

    public record ProgressRequest(
            @NotNull(message = "is required") UUID taskId,
            @NotNull(message = "is required") TaskStatus status,
            @Size(max = 5000, message = "must be at most 5000 characters") String note) {
    }

    /** POST /api/plans/{id}/amendments: the terms to change (absent = unchanged), with the amendment's own decision. */
    public record AmendmentRequest(
            UUID id,
            @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") LocalDate amendedOn,
            @NotBlank(message = "must not be blank") @Size(max = 5000, message = "must be at most 5000 characters") String reason,
            @Size(max = 100, message = "must be at most 100 characters") String decisionRef,
            @Size(min = 1, max = 500, message = "must be 1 to 500 characters") String title,
            @Size(max = 100, message = "must be at most 100 characters") String documentNumber,
            LocalDate endDate,
            @Size(min = 1, max = 100, message = "must have 1 to 100 partners") List<@NotNull(message = "must not be null") UUID> partnerUnitIds,
            @Size(max = 200, message = "must have at most 200 tasks") List<@NotNull(message = "must not be null") @Valid TaskRequest> tasks) {
    }
}
