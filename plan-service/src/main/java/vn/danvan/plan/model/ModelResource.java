package vn.danvan.plan.model;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
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
import vn.danvan.common.web.Etags;
import vn.danvan.common.web.ProblemException;

import java.util.UUID;

@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelResource {
    @Inject
    ModelRepository models;

    @Inject
    ModelEvents events;

    @Inject
    CurrentUser user;

    @POST
    @Transactional
    public Response register(@NotNull(message = "a body is required") @Valid ModelRequest request, @Context UriInfo uri) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        if (models.findById(id) != null) {
            throw ProblemException.conflict("model " + id + " exists already");
        }
        if (request.origin() == ModelOrigin.NEW && request.replicatedFromId() != null) {
            throw ProblemException.unprocessable("replicatedFromId", "a NEW model is not replicated from another");
        }
        if (request.replicatedFromId() != null && models.findById(request.replicatedFromId()) == null) {
            throw ProblemException.unprocessable("replicatedFromId", "no such model");
        }
        Model model = new Model(id, request.name(), request.unitId(), request.field(), request.origin(),
                request.replicatedFromId(), Boolean.TRUE.equals(request.collective()), request.registeredOn(),
                request.description(), user.subject());
        models.persistAndFlush(model);
        events.registered(model, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(ModelView.of(model)).tag(Etags.of(model.version())).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        Model model = models.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("model", id));
        return Etags.ok(ModelView.of(model), model.version()).build();
    }
}
