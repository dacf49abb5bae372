package vn.danvan.unit.official;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
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
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;
import vn.danvan.common.text.VietnameseText;
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

    @GET
    public Page<OfficialView> list(@QueryParam("unitId") String unitId, @QueryParam("asOf") String asOf,
                                   @QueryParam("q") String q, @BeanParam PageRequest page) {
        UUID unit = QueryParams.uuid("unitId", unitId);
        LocalDate date = QueryParams.date("asOf", asOf);
        StringBuilder where = new StringBuilder(" FROM Official o WHERE 1 = 1");
        if (unit != null) {
            where.append(" AND o.unitId = :unit");
        }
        if (date != null) {
            where.append(" AND o.validFrom <= :date AND (o.validTo IS NULL OR o.validTo >= :date)");
        }
        String folded = VietnameseText.fold(q);
        if (folded != null && !folded.isEmpty()) {
            where.append(" AND (o.nameFolded LIKE :q OR lower(o.username) LIKE :q)");
        }
        TypedQuery<Official> query = em.createQuery("SELECT o" + where, Official.class);
        TypedQuery<Long> count = em.createQuery("SELECT count(o)" + where, Long.class);
        for (TypedQuery<?> each : List.of(query, count)) {
            if (unit != null) {
                each.setParameter("unit", unit);
            }
            if (date != null) {
                each.setParameter("date", date);
            }
            if (folded != null && !folded.isEmpty()) {
                each.setParameter("q", "%" + folded.replace("%", "").replace("_", "") + "%");
            }
        }
        Comparator<String> names = VietnameseText.collation();
        List<OfficialView> all = query.getResultList().stream().map(Official::view)
                .sorted(Comparator.comparing(OfficialView::fullName, names).thenComparing(OfficialView::id)).toList();
        int from = Math.min(all.size(), page.offset());
        return new Page<>(all.subList(from, Math.min(all.size(), from + page.size())), count.getSingleResult());
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
