package vn.danvan.unit.unit;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.web.Etags;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.PageRequest;
import vn.danvan.common.web.ProblemException;

import java.time.LocalDate;
import java.util.UUID;

@Path("/api/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UnitResource {
    @Inject
    UnitRepository units;

    @Inject
    UnitEvents events;

    @Inject
    CurrentUser user;

    @POST
    @Transactional
    public Response create(@NotNull(message = "a body is required") @Valid UnitRequest request, @Context UriInfo uri) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (units.findById(id) != null) {
            throw ProblemException.conflict("unit " + id + " exists already");
        }
        LocalDate validFrom = request.validFrom() == null ? LocalDate.now() : request.validFrom();
        if (request.parentId() != null) {
            Unit parent = units.findById(request.parentId());
            if (parent == null || !parent.existsOn(validFrom)) {
                throw ProblemException.unprocessable("parentId", "no such unit on " + validFrom);
            }
        }
        if (units.codeTaken(request.code(), validFrom)) {
            throw ProblemException.unprocessable("code", "is used by another unit on " + validFrom);
        }
        Unit unit = new Unit(id, request.name(), request.kind(), request.level(), request.parentId(), request.code(),
                validFrom, user.subject());
        units.persistAndFlush(unit);
        events.created(unit, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(UnitView.of(unit)).tag(Etags.of(unit.version())).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        Unit unit = units.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("unit", id));
        return Etags.ok(UnitView.of(unit), unit.version()).build();
    }

    @GET
    public Page<UnitView> list(@QueryParam("parentId") UUID parentId, @BeanParam @Valid PageRequest page) {
        var query = parentId == null ? units.find("order by name") : units.find("parentId = ?1 order by name", parentId);
        return new Page<>(query.page(page.page, page.size).list().stream().map(UnitView::of).toList(), query.count());
    }
}
