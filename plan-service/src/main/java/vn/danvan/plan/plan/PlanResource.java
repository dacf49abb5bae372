package vn.danvan.plan.plan;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import vn.danvan.common.security.Access;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;
import vn.danvan.common.web.Etags;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.PageRequest;
import vn.danvan.common.web.ProblemException;
import vn.danvan.plan.plan.PlanParts.Amendment;
import vn.danvan.plan.plan.PlanParts.Review;
import vn.danvan.plan.plan.PlanParts.Signatory;
import vn.danvan.plan.plan.PlanParts.Task;
import vn.danvan.plan.plan.PlanParts.TaskProgress;
import vn.danvan.plan.plan.PlanParts.Witness;
import vn.danvan.plan.plan.PlanRequests.AmendmentRequest;
import vn.danvan.plan.plan.PlanRequests.PlanRequest;
import vn.danvan.plan.plan.PlanRequests.ReviewRequest;
import vn.danvan.plan.plan.PlanRequests.SigningRequest;
import vn.danvan.plan.plan.PlanRequests.TaskRequest;
import vn.danvan.plan.unit.UnitDirectory;
import vn.danvan.common.web.QueryParams;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Coordination plans: the resource validates and checks unit references, the plan enforces its lifecycle. */
@Path("/api/plans")
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {
    @Inject
    PlanRepository plans;

    @Inject
    PlanEvents events;

    @Inject
    UnitDirectory units;

    @Inject
    CurrentUser user;

    @Inject
    Access access;

    @POST
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response createPlan(@NotNull(message = "a body is required") @Valid PlanRequest request, @Context UriInfo uri) {
        access.require(request.ownerUnitId());
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (plans.findById(id) != null) {
            throw ProblemException.conflict("plan " + id + " exists already");
        }
        Plan plan = new Plan(id, content(request), user.subject());
        checkUnits(plan);
        plans.persistAndFlush(plan);
        events.created(plan, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(PlanView.of(plan)).tag(Etags.of(plan.version())).build();
    }

    /**
     * {@code unitId}: plans where the unit, or a unit of its scope (its subtree as the tree stands today and the units
     * merged into it), is the owner or a partner; an official lists only inside their own scope.
     */
    @GET
    public Page<PlanView> listPlans(@QueryParam("unitId") String unitId, @QueryParam("year") String year,
                               @QueryParam("status") String status, @BeanParam PageRequest page) {
        return plans.find(units.listed(unitId), QueryParams.year("year", year),
                QueryParams.oneOf("status", status, PlanStatus.class), page).map(PlanView::of);
    }

    @GET
    @Path("{id}")
    public Response getPlan(@PathParam("id") UUID id) {
        Plan plan = find(id);
        return Etags.ok(PlanView.of(plan), plan.version()).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response updatePlan(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull(message = "a body is required") @Valid PlanRequest request) {
        Plan plan = owned(id);
        access.require(request.ownerUnitId());
        Etags.checkIfMatch(ifMatch, plan.version());
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.badRequest("id", "does not match the plan in the path");
        }
        plan.update(content(request), user.subject());
        checkUnits(plan);
        plans.flush();
        events.updated(plan, user.subject());
        return ok(plan);
    }

    /** The signing of a plan; 404 while it is not signed (lets a loader see that a signing was recorded). */
    @GET
    @Path("{id}/signing")
    public PlanParts.Signing getSigning(@PathParam("id") UUID id) {
        PlanParts.Signing signing = find(id).signing();
        if (signing == null) {
            throw ProblemException.notFound("signing of plan", id);
        }
        return signing;
    }

    @POST
    @Path("{id}/signing")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response signPlan(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                         @NotNull(message = "a body is required") @Valid SigningRequest request) {
        Plan plan = owned(id);
        Etags.checkIfMatch(ifMatch, plan.version());
        List<Signatory> signatories = request.signatories().stream()
                .map(s -> new Signatory(s.unitId(), s.officialId(), s.name(), s.position())).toList();
        List<Witness> witnesses = request.witnesses() == null ? List.of()
                : request.witnesses().stream().map(w -> new Witness(w.name(), w.position())).toList();
        plan.sign(request.signedOn(), request.place(), signatories, witnesses, user.subject());
        for (int i = 0; i < signatories.size(); i++) {
            units.requireExisting("signatories[" + i + "].unitId", signatories.get(i).unitId(), request.signedOn());
        }
        plans.flush();
        events.signed(plan, user.subject());
        return ok(plan);
    }

    @POST
    @Path("{id}/reviews")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response reviewPlan(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull(message = "a body is required") @Valid ReviewRequest request, @Context UriInfo uri) {
        Plan plan = owned(id);
        Etags.checkIfMatch(ifMatch, plan.version());
        UUID reviewId = request.id() == null ? UUID.randomUUID() : request.id();
        if (plan.reviews().stream().anyMatch(r -> r.id().equals(reviewId))) {
            throw ProblemException.conflict("review " + reviewId + " exists already");
        }
        List<TaskProgress> progress = request.taskProgress() == null ? List.of()
                : request.taskProgress().stream().map(p -> new TaskProgress(p.taskId(), p.status(), p.note())).toList();
        Review review = plan.review(reviewId, request.kind(), request.heldOn(), request.summary(), request.assessment(),
                progress, user.subject());
        plans.flush();
        events.reviewed(plan, review, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(reviewId.toString()).build())
                .entity(PlanView.of(plan)).tag(Etags.of(plan.version())).build();
    }

    @POST
    @Path("{id}/amendments")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response amendPlan(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                          @NotNull(message = "a body is required") @Valid AmendmentRequest request, @Context UriInfo uri) {
        Plan plan = owned(id);
        Etags.checkIfMatch(ifMatch, plan.version());
        UUID amendmentId = request.id() == null ? UUID.randomUUID() : request.id();
        if (plan.amendments().stream().anyMatch(a -> a.id().equals(amendmentId))) {
            throw ProblemException.conflict("amendment " + amendmentId + " exists already");
        }
        Amendment amendment = plan.amend(amendmentId, request.amendedOn(), request.reason(), request.decisionRef(),
                request.title(), request.documentNumber(), request.endDate(), request.partnerUnitIds(),
                request.tasks() == null ? null : tasks(request.tasks()), user.subject());
        if (amendment.changed().contains("partnerUnitIds")) {
            UnitDirectory.requireAll(units, "partnerUnitIds", plan.partnerUnitIds(), request.amendedOn());
        }
        if (amendment.changed().contains("tasks")) {
            for (int i = 0; i < plan.tasks().size(); i++) {
                units.requireExisting("tasks[" + i + "].responsibleUnitId", plan.tasks().get(i).responsibleUnitId(),
                        request.amendedOn());
            }
        }
        plans.flush();
        events.amended(plan, amendment, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(amendmentId.toString()).build())
                .entity(PlanView.of(plan)).tag(Etags.of(plan.version())).build();
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response closePlan(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Plan plan = owned(id);
        Etags.checkIfMatch(ifMatch, plan.version());
        plan.close(user.subject());
        plans.flush();
        events.closed(plan, user.subject());
        return ok(plan);
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response cancelPlan(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Plan plan = owned(id);
        Etags.checkIfMatch(ifMatch, plan.version());
        plan.cancel(user.subject());
        plans.flush();
        events.cancelled(plan, user.subject());
        return ok(plan);
    }

    private void checkUnits(Plan plan) {
        LocalDate on = plan.startDate();
        units.requireExisting("ownerUnitId", plan.ownerUnitId(), on);
        UnitDirectory.requireAll(units, "partnerUnitIds", plan.partnerUnitIds(), on);
        for (int i = 0; i < plan.tasks().size(); i++) {
            units.requireExisting("tasks[" + i + "].responsibleUnitId", plan.tasks().get(i).responsibleUnitId(), on);
        }
    }

    private static Plan.PlanContent content(PlanRequest r) {
        return new Plan.PlanContent(r.title(), r.documentNumber(), r.ownerUnitId(), r.partnerUnitIds(), r.year(),
                r.startDate(), r.endDate(), r.tasks() == null ? List.of() : tasks(r.tasks()));
    }

    private static List<Task> tasks(List<TaskRequest> requests) {
        return requests.stream().map(t -> new Task(t.id(), t.title(), t.responsibleUnitId())).toList();
    }

    private static Response ok(Plan plan) {
        return Etags.ok(PlanView.of(plan), plan.version()).build();
    }

    /**
     * The plan, if the caller may see it (owner or a partner inside their scope): 404 when it does not exist, 403
     * otherwise. Changes additionally need the owner in scope ({@link #owned}).
     */
    private Plan find(UUID id) {
        Plan plan = plans.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("plan", id));
        if (plan.parties().stream().noneMatch(access::allows)) {
            access.require(plan.ownerUnitId());
        }
        return plan;
    }

    /** A plan the caller may change: its owner unit is inside their scope. */
    private Plan owned(UUID id) {
        Plan plan = find(id);
        access.require(plan.ownerUnitId());
        return plan;
    }
}
