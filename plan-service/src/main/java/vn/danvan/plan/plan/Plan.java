package vn.danvan.plan.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;
import vn.danvan.plan.plan.PlanParts.Amendment;
import vn.danvan.plan.plan.PlanParts.Review;
import vn.danvan.plan.plan.PlanParts.Signatory;
import vn.danvan.plan.plan.PlanParts.Signing;
import vn.danvan.plan.plan.PlanParts.Task;
import vn.danvan.plan.plan.PlanParts.TaskProgress;
import vn.danvan.plan.plan.PlanParts.Terms;
import vn.danvan.plan.plan.PlanParts.Witness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A coordination plan (kế hoạch / chương trình phối hợp công tác dân vận) and its lifecycle rules. Its content is
 * frozen once signed: later changes are amendments with their own history. Illegal transitions are conflicts and
 * change nothing.
 */
@Entity
@Table(name = "plan")
public class Plan {
    @Id
    private UUID id;

    @Column(nullable = false)
    private String title;

    @Column(name = "document_number")
    private String documentNumber;

    @Column(name = "owner_unit_id", nullable = false)
    private UUID ownerUnitId;

    @Convert(converter = PlanParts.UnitIdsColumn.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "partner_unit_ids", nullable = false, columnDefinition = "jsonb")
    private List<UUID> partnerUnitIds;

    private Integer year;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    private LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PlanStatus status;

    @Convert(converter = PlanParts.TasksColumn.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<Task> tasks;

    @Convert(converter = PlanParts.SigningColumn.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(columnDefinition = "jsonb")
    private Signing signing;

    @Convert(converter = PlanParts.ReviewsColumn.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<Review> reviews;

    @Convert(converter = PlanParts.AmendmentsColumn.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<Amendment> amendments;

    @Version
    private long version;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Plan() {
    }

    public Plan(UUID id, PlanContent content, String actor) {
        this.id = id;
        this.status = PlanStatus.DRAFT;
        this.reviews = List.of();
        this.amendments = List.of();
        this.createdBy = actor;
        this.createdAt = Instant.now();
        apply(content);
    }

    /** The content of a draft, as the request states it; tasks without an id get one. */
    public record PlanContent(String title, String documentNumber, UUID ownerUnitId, List<UUID> partnerUnitIds,
                              Integer year, LocalDate startDate, LocalDate endDate, List<Task> tasks) {
    }

    public void update(PlanContent content, String actor) {
        requireStatus("changed", PlanStatus.DRAFT);
        apply(content);
        touch(actor);
    }

    public void sign(LocalDate signedOn, String place, List<Signatory> signatories, List<Witness> witnesses, String actor) {
        if (status == PlanStatus.SIGNED || signing != null) {
            throw ProblemException.conflict("plan " + id + " is signed already (" + signing.signedOn() + ")");
        }
        requireStatus("signed", PlanStatus.DRAFT);
        if (signedOn.isAfter(endDate)) {
            throw ProblemException.unprocessable("signedOn", "the plan ends on " + endDate + ", before it would be signed");
        }
        Set<UUID> parties = parties();
        Set<UUID> signed = new HashSet<>();
        for (int i = 0; i < signatories.size(); i++) {
            UUID unit = signatories.get(i).unitId();
            if (!parties.contains(unit)) {
                throw ProblemException.unprocessable("signatories[" + i + "].unitId",
                        "unit " + unit + " is neither the owner nor a partner of the plan");
            }
            signed.add(unit);
        }
        for (UUID party : parties) {
            if (!signed.contains(party)) {
                throw ProblemException.unprocessable("signatories", "nobody signs for party " + party);
            }
        }
        this.signing = new Signing(signedOn, VietnameseText.normalize(place),
                signatories.stream().map(s -> new Signatory(s.unitId(), s.officialId(), VietnameseText.normalize(s.name()),
                        VietnameseText.normalize(s.position()))).toList(),
                witnesses.stream().map(w -> new Witness(VietnameseText.normalize(w.name()),
                        VietnameseText.normalize(w.position()))).toList(),
                actor, Instant.now());
        this.status = PlanStatus.SIGNED;
        touch(actor);
    }

    public Review review(UUID reviewId, ReviewKind kind, LocalDate heldOn, String summary, String assessment,
                         List<TaskProgress> progress, String actor) {
        requireStatus("reviewed", PlanStatus.SIGNED);
        if (heldOn.isBefore(signing.signedOn())) {
            throw ProblemException.unprocessable("heldOn", "the plan was signed on " + signing.signedOn()
                    + ", after this review");
        }
        Set<UUID> taskIds = new HashSet<>();
        tasks.forEach(t -> taskIds.add(t.id()));
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < progress.size(); i++) {
            UUID taskId = progress.get(i).taskId();
            if (!taskIds.contains(taskId)) {
                throw ProblemException.unprocessable("taskProgress[" + i + "].taskId", "the plan has no task " + taskId);
            }
            if (!seen.add(taskId)) {
                throw ProblemException.unprocessable("taskProgress[" + i + "].taskId", "task " + taskId + " is reported twice");
            }
        }
        Review review = new Review(reviewId, kind, heldOn, VietnameseText.normalize(summary),
                VietnameseText.normalize(assessment),
                progress.stream().map(p -> new TaskProgress(p.taskId(), p.status(), VietnameseText.normalize(p.note()))).toList(),
                actor, Instant.now());
        List<Review> all = new ArrayList<>(reviews);
        all.add(review);
        this.reviews = List.copyOf(all);
        touch(actor);
        return review;
    }

    /** Changes the terms of a signed plan, keeping what they were before in the amendment's history. */
    public Amendment amend(UUID amendmentId, LocalDate amendedOn, String reason, String decisionRef, String title,
                           String documentNumber, LocalDate newEndDate, List<UUID> newPartners, List<Task> newTasks,
                           String actor) {
        requireStatus("amended", PlanStatus.SIGNED);
        if (amendedOn.isBefore(signing.signedOn())) {
            throw ProblemException.unprocessable("amendedOn", "the plan was signed on " + signing.signedOn());
        }
        Terms before = terms();
        List<String> changed = new ArrayList<>();
        if (title != null && !VietnameseText.normalize(title).equals(this.title)) {
            this.title = VietnameseText.normalize(title);
            changed.add("title");
        }
        if (documentNumber != null && !VietnameseText.normalize(documentNumber).equals(this.documentNumber)) {
            this.documentNumber = VietnameseText.normalize(documentNumber);
            changed.add("documentNumber");
        }
        if (newEndDate != null && !newEndDate.equals(endDate)) {
            if (newEndDate.isBefore(startDate)) {
                throw ProblemException.unprocessable("endDate", "must not be before the start " + startDate);
            }
            this.endDate = newEndDate;
            changed.add("endDate");
        }
        if (newPartners != null && !newPartners.equals(partnerUnitIds)) {
            this.partnerUnitIds = checkedPartners(ownerUnitId, newPartners);
            changed.add("partnerUnitIds");
        }
        if (newTasks != null) {
            List<Task> tasksNow = checkedTasks(newTasks);
            if (!tasksNow.equals(tasks)) {
                Set<UUID> reported = new HashSet<>();
                reviews.forEach(r -> r.taskProgress().forEach(p -> reported.add(p.taskId())));
                Set<UUID> kept = new HashSet<>();
                tasksNow.forEach(t -> kept.add(t.id()));
                for (UUID taskId : reported) {
                    if (!kept.contains(taskId)) {
                        throw ProblemException.unprocessable("tasks", "task " + taskId
                                + " has review progress and cannot be removed");
                    }
                }
                this.tasks = tasksNow;
                changed.add("tasks");
            }
        }
        if (changed.isEmpty()) {
            throw ProblemException.unprocessable(null, "the amendment changes nothing");
        }
        Amendment amendment = new Amendment(amendmentId, amendments.size() + 1, amendedOn, VietnameseText.normalize(reason),
                VietnameseText.normalize(decisionRef), List.copyOf(changed), before, terms(), actor, Instant.now());
        List<Amendment> all = new ArrayList<>(amendments);
        all.add(amendment);
        this.amendments = List.copyOf(all);
        touch(actor);
        return amendment;
    }

    public void close(String actor) {
        requireStatus("closed", PlanStatus.SIGNED);
        this.status = PlanStatus.CLOSED;
        touch(actor);
    }

    public void cancel(String actor) {
        requireStatus("cancelled", PlanStatus.DRAFT);
        this.status = PlanStatus.CANCELLED;
        touch(actor);
    }

    private void requireStatus(String what, PlanStatus required) {
        if (status != required) {
            throw ProblemException.conflict("plan " + id + " is " + status + "; only a " + required + " plan can be " + what);
        }
    }

    private void apply(PlanContent content) {
        LocalDate start = content.startDate();
        LocalDate end = content.endDate();
        Integer y = content.year();
        if (y != null) {
            start = start == null ? LocalDate.of(y, 1, 1) : start;
            end = end == null ? LocalDate.of(y, 12, 31) : end;
            if (start.getYear() != y) {
                throw ProblemException.unprocessable("startDate", "a plan for " + y + " starts in " + y);
            }
        } else if (start == null || end == null) {
            throw ProblemException.unprocessable("year", "give the year, or startDate and endDate for a term");
        } else if (start.getYear() == end.getYear()) {
            y = start.getYear();
        }
        if (end.isBefore(start)) {
            throw ProblemException.unprocessable("endDate", "must not be before startDate " + start);
        }
        this.title = VietnameseText.normalize(content.title());
        this.documentNumber = VietnameseText.normalize(content.documentNumber());
        this.ownerUnitId = content.ownerUnitId();
        this.partnerUnitIds = checkedPartners(content.ownerUnitId(), content.partnerUnitIds());
        this.year = y;
        this.startDate = start;
        this.endDate = end;
        this.tasks = checkedTasks(content.tasks() == null ? List.of() : content.tasks());
    }

    private static List<UUID> checkedPartners(UUID owner, List<UUID> partners) {
        if (partners == null || partners.isEmpty()) {
            throw ProblemException.unprocessable("partnerUnitIds", "a coordination plan has at least one partner");
        }
        Set<UUID> distinct = new LinkedHashSet<>(partners);
        if (distinct.size() != partners.size()) {
            throw ProblemException.unprocessable("partnerUnitIds", "a partner is named twice");
        }
        if (distinct.contains(owner)) {
            throw ProblemException.unprocessable("partnerUnitIds", "the owner is not its own partner");
        }
        return List.copyOf(partners);
    }

    private static List<Task> checkedTasks(List<Task> requested) {
        Set<UUID> ids = new HashSet<>();
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Task t = requested.get(i);
            UUID taskId = t.id() == null ? UUID.randomUUID() : t.id();
            if (!ids.add(taskId)) {
                throw ProblemException.unprocessable("tasks[" + i + "].id", "task " + taskId + " is listed twice");
            }
            out.add(new Task(taskId, VietnameseText.normalize(t.title()), t.responsibleUnitId()));
        }
        return List.copyOf(out);
    }

    private Terms terms() {
        return new Terms(title, documentNumber, endDate, partnerUnitIds, tasks);
    }

    private void touch(String actor) {
        this.updatedBy = actor;
        this.updatedAt = Instant.now();
    }

    /** The owner first, then the partners. */
    public Set<UUID> parties() {
        Set<UUID> parties = new LinkedHashSet<>();
        parties.add(ownerUnitId);
        parties.addAll(partnerUnitIds);
        return parties;
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String documentNumber() {
        return documentNumber;
    }

    public UUID ownerUnitId() {
        return ownerUnitId;
    }

    public List<UUID> partnerUnitIds() {
        return partnerUnitIds;
    }

    public Integer year() {
        return year;
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    public PlanStatus status() {
        return status;
    }

    public List<Task> tasks() {
        return tasks;
    }

    public Signing signing() {
        return signing;
    }

    public List<Review> reviews() {
        return reviews;
    }

    public List<Amendment> amendments() {
        return amendments;
    }

    public long version() {
        return version;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
