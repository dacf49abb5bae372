package vn.danvan.unit.unit;

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
import vn.danvan.common.web.QueryParams;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.PageRequest;
import vn.danvan.common.web.ProblemException;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
@Path("/api/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitResource {
    @Inject
    UnitRepository units;

    @Inject
    UnitChanges changes;

    @Inject
    CurrentUser user;

    @Inject
    Access access;

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Transactional
    public Response create(@NotNull(message = "a body is required") @Valid UnitRequest request, @Context UriInfo uri) {
        Unit unit = changes.create(request, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(unit.id().toString()).build())
                .entity(UnitView.of(unit)).tag(Etags.of(unit.version())).build();
    }

    /** The unit as it stood on {@code asOf} (default: today, or its last/first state if it does not live today). */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id, @QueryParam("asOf") String asOfParam) {
        LocalDate asOf = QueryParams.date("asOf", asOfParam);
        Unit unit = units.require(id);
        access.require(id);
        UnitPeriod period = asOf == null ? unit.current() : unit.periodOn(asOf).orElseThrow(() ->
                new ProblemException(404, "Not found", "unit " + id + " does not exist on " + asOf, null));
        return Etags.ok(UnitView.of(unit, period), unit.version()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{id}")
    @Transactional
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull(message = "a body is required") @Valid UnitUpdate update) {
        Unit unit = changes.correct(id, update, ifMatch, user.subject());
        return Etags.ok(UnitView.of(unit), unit.version()).build();
    }

    /** Units matching the filters; officials other than administrators see their own subtree only. */
    @GET
    public Page<UnitView> list(@QueryParam("q") String q, @QueryParam("level") String level,
                               @QueryParam("kind") String kind, @QueryParam("parentId") String parentId,
                               @QueryParam("asOf") String asOf, @BeanParam PageRequest page) {
        UUID parent = QueryParams.uuid("parentId", parentId);
        if (parent != null) {
            access.require(parent);
        }
        return units.search(new UnitRepository.Criteria(q, QueryParams.oneOf("level", level, UnitLevel.class),
                QueryParams.oneOf("kind", kind, UnitKind.class), QueryParams.uuid("parentId", parentId),
                QueryParams.dateOrToday("asOf", asOf), access.root().orElse(null)), page.page(), page.size());
    }

    @GET
    @Path("{id}/children")
    public Page<UnitView> children(@PathParam("id") UUID id, @QueryParam("asOf") String asOf) {
        LocalDate date = QueryParams.dateOrToday("asOf", asOf);
        units.require(id);
        access.require(id);
        List<UnitView> children = units.children(id, date);
        return new Page<>(children, children.size());
    }

    /** The unit and its whole subtree on the date, root first, level by level. */
    @GET
    @Path("{id}/subtree")
    public Page<UnitView> subtree(@PathParam("id") UUID id, @QueryParam("asOf") String asOf) {
        LocalDate date = QueryParams.dateOrToday("asOf", asOf);
        Unit unit = units.require(id);
        access.require(id);
        if (!unit.existsOn(date)) {
            throw new ProblemException(404, "Not found", "unit " + id + " does not exist on " + date, null);
        }
        List<UnitView> subtree = units.subtree(id, date);
        return new Page<>(subtree, subtree.size());
    }
}
