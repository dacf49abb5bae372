package vn.danvan.unit.official;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
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
import vn.danvan.common.text.VietnameseText;
import vn.danvan.unit.security.UnitTreeScope;
import vn.danvan.common.web.Etags;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.PageRequest;
import vn.danvan.common.web.ProblemException;
import vn.danvan.unit.audit.AuditTrail;
import vn.danvan.common.web.QueryParams;
import vn.danvan.unit.unit.Unit;
import vn.danvan.unit.unit.UnitRepository;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Officials: who holds which position in which unit, when; linked to their SSO account by {@code username}. */
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
@Path("/api/officials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OfficialResource {
    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    @Inject
    AuditTrail audit;

    @Inject
    CurrentUser user;

    @Inject
    Access access;

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Transactional
    public Response create(@NotNull(message = "a body is required") @Valid OfficialRequest request, @Context UriInfo uri) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (em.find(Official.class, id) != null) {
            throw ProblemException.conflict("official " + id + " exists already");
        }
        check(request);
        Official official = new Official(id, request, user.subject());
        em.persist(official);
        audit.record(user.subject(), "official-created", id, official.view());
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(official.view()).tag(Etags.of(official.version())).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        Official official = em.find(Official.class, id);
        if (official == null) {
            throw ProblemException.notFound("official", id);
        }
        access.require(official.view().unitId());
        return Etags.ok(official.view(), official.version()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{id}")
    @Transactional
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull(message = "a body is required") @Valid OfficialRequest request) {
        Official official = em.find(Official.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (official == null) {
            throw ProblemException.notFound("official", id);
        }
        Etags.checkIfMatch(ifMatch, official.version());
        check(request);
        official.apply(request, user.subject());
        audit.record(user.subject(), "official-updated", id, official.view());
        return Etags.ok(official.view(), official.version()).build();
    }

    /**
     * Officials matching the filters. {@code unitId} (a unit the caller may read) names the unit they serve in; without
     * it, officials other than administrators see those of their own scope only (as {@code Access} decides it: their
     * unit's subtree as the tree stands today, or on its last day if it has ended, and the units merged into it).
     */
    @GET
    public Page<OfficialView> list(@QueryParam("unitId") String unitId, @QueryParam("asOf") String asOf,
                                   @QueryParam("q") String q, @BeanParam PageRequest page) {
        UUID unit = QueryParams.uuid("unitId", unitId);
        LocalDate date = QueryParams.date("asOf", asOf);
        UUID within = null;
        if (unit != null) {
            access.require(unit);
        } else {
            within = access.root().orElse(null);
        }
        StringBuilder where = new StringBuilder(" FROM official o WHERE 1 = 1");
        if (unit != null) {
            where.append(" AND o.unit_id = :unit");
        }
        LocalDate scopeDay = null;
        if (within != null) {
            Unit root = units.findById(within);
            if (root == null) {
                where.append(" AND o.unit_id = :root");
            } else {
                scopeDay = UnitTreeScope.scopeDay(root);
                where.append(" AND (o.unit_id = :root OR o.unit_id IN (").append(UnitTreeScope.MEMBERS).append("))");
            }
        }
        if (date != null) {
            where.append(" AND o.valid_from <= :date AND (o.valid_to IS NULL OR o.valid_to >= :date)");
        }
        String folded = VietnameseText.fold(q);
        if (folded != null && !folded.isEmpty()) {
            where.append(" AND (o.name_folded LIKE :q OR lower(o.username) LIKE :q)");
        }
        Query query = em.createNativeQuery("SELECT o.*" + where, Official.class);
        Query count = em.createNativeQuery("SELECT count(*)" + where);
        for (Query each : List.of(query, count)) {
            if (unit != null) {
                each.setParameter("unit", unit);
            }
            if (within != null) {
                each.setParameter("root", within);
            }
            if (scopeDay != null) {
                each.setParameter("scopeDay", scopeDay);
            }
            if (date != null) {
                each.setParameter("date", date);
            }
            if (folded != null && !folded.isEmpty()) {
                each.setParameter("q", "%" + folded.replace("%", "").replace("_", "") + "%");
            }
        }
        @SuppressWarnings("unchecked")
        List<Official> found = query.getResultList();
        Comparator<String> names = VietnameseText.collation();
        List<OfficialView> all = found.stream().map(Official::view)
                .sorted(Comparator.comparing(OfficialView::fullName, names).thenComparing(OfficialView::id)).toList();
        int from = Math.min(all.size(), page.offset());
        return new Page<>(all.subList(from, Math.min(all.size(), from + page.size())),
                ((Number) count.getSingleResult()).longValue());
    }

    private void check(OfficialRequest request) {
        if (request.validTo() != null && request.validTo().isBefore(request.validFrom())) {
            throw ProblemException.badRequest("validTo", "must not be before validFrom");
        }
        Unit unit = units.findById(request.unitId());
        if (unit == null) {
            throw ProblemException.unprocessable("unitId", "unit " + request.unitId() + " does not exist");
        }
        if (!unit.existsOn(request.validFrom())) {
            throw ProblemException.unprocessable("unitId", "unit " + request.unitId() + " does not exist on "
                    + request.validFrom());
        }
    }
}
