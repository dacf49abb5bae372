package vn.danvan.plan.plan;

import vn.danvan.plan.plan.PlanParts.Amendment;
import vn.danvan.plan.plan.PlanParts.Review;
import vn.danvan.plan.plan.PlanParts.Signing;
import vn.danvan.plan.plan.PlanParts.Task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A plan as the API shows it, with its reviews, amendments and who created and last changed it. */
public record PlanView(UUID id, String title, String documentNumber, UUID ownerUnitId, List<UUID> partnerUnitIds,
                       Integer year, LocalDate startDate, LocalDate endDate, PlanStatus status, List<Task> tasks,
                       Signing signing, List<Review> reviews, List<Amendment> amendments, long version,
                       String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
    static PlanView of(Plan p) {
        return new PlanView(p.id(), p.title(), p.documentNumber(), p.ownerUnitId(), p.partnerUnitIds(), p.year(),
                p.startDate(), p.endDate(), p.status(), p.tasks(), p.signing(), p.reviews(), p.amendments(), p.version(),
                p.createdBy(), p.createdAt(), p.updatedBy(), p.updatedAt());
    }
}
