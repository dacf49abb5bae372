package vn.danvan.plan.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import vn.danvan.plan.web.JsonColumn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The value objects of a plan, kept with it as jsonb documents. */
public final class PlanParts {
    private PlanParts() {
    }

    /** A focus task (nhiệm vụ trọng tâm) and the unit responsible for it. */
    public record Task(UUID id, String title, UUID responsibleUnitId) {
    }

    /** Who signed for a party: an official by id when known, always a name and position as printed. */
    public record Signatory(UUID unitId, UUID officialId, String name, String position) {
    }

    public record Witness(String name, String position) {
    }

    public record Signing(LocalDate signedOn, String place, List<Signatory> signatories, List<Witness> witnesses,
                          String signedBy, Instant recordedAt) {
    }

    public record TaskProgress(UUID taskId, TaskStatus status, String note) {
    }

    public record Review(UUID id, ReviewKind kind, LocalDate heldOn, String summary, String assessment,
                         List<TaskProgress> taskProgress, String recordedBy, Instant recordedAt) {
    }

    /** The terms an amendment may change, before and after. */
    public record Terms(String title, String documentNumber, LocalDate endDate, List<UUID> partnerUnitIds,
                        List<Task> tasks) {
    }

    /** A change to a signed plan (phụ lục / điều chỉnh): its own decision, date and reason, and what it changed. */
    public record Amendment(UUID id, int number, LocalDate amendedOn, String reason, String decisionRef,
                            List<String> changed, Terms before, Terms after, String amendedBy, Instant recordedAt) {
    }

    public static class UnitIdsColumn extends JsonColumn<List<UUID>> {
        public UnitIdsColumn() {
            super(new TypeReference<>() { });
        }
    }

    public static class TasksColumn extends JsonColumn<List<Task>> {
        public TasksColumn() {
            super(new TypeReference<>() { });
        }
    }

    public static class SigningColumn extends JsonColumn<Signing> {
        public SigningColumn() {
            super(new TypeReference<>() { });
        }
    }

    public static class ReviewsColumn extends JsonColumn<List<Review>> {
        public ReviewsColumn() {
            super(new TypeReference<>() { });
        }
    }

    public static class AmendmentsColumn extends JsonColumn<List<Amendment>> {
        public AmendmentsColumn() {
            super(new TypeReference<>() { });
        }
    }
}
