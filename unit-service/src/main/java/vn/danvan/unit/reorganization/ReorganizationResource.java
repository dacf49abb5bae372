package vn.danvan.unit.reorganization;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;
import vn.danvan.common.web.ProblemException;

import java.util.UUID;

@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
@Path("/api/reorganizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReorganizationResource {
    @Inject
    Reorganizer reorganizer;

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Transactional
    public Response reorganize(@NotNull(message = "a body is required") ReorganizationRequest request,
                               @Context UriInfo uri) {
        Reorganization reorganization = reorganizer.apply(request, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(reorganization.id().toString()).build())
                .entity(ReorganizationView.of(reorganization)).build();
    }

    @GET
    @Path("{id}")
    public ReorganizationView get(@PathParam("id") UUID id) {
        Reorganization reorganization = em.find(Reorganization.class, id);
        if (reorganization == null) {
            throw ProblemException.notFound("reorganization", id);
        }
        return ReorganizationView.of(reorganization);
    }
}
