package vn.danvan.plan.model;

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
import vn.danvan.plan.unit.UnitDirectory;
import vn.danvan.common.web.QueryParams;

import java.util.UUID;

@Path("/api/models")
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelResource {
    @Inject
    ModelRepository models;

    @Inject
    ModelRegistration registration;

    @Inject
    UnitDirectory units;

    @Inject
    CurrentUser user;

    @Inject
    Access access;

    /** Committed together with the registrations of concurrent requests (group commit, ADR 0015). */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response registerModel(@NotNull(message = "a body is required") @Valid ModelRequest request, @Context UriInfo uri) {
        access.require(request.unitId());
        Model model = registration.registerWithOthers(request, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(model.id().toString()).build())
                .entity(ModelView.of(model)).tag(Etags.of(model.version())).build();
    }

    /**
     * {@code unitId} takes in the unit's scope (its subtree as the tree stands today and the units merged into it);
     * an official lists only inside their own scope, with or without {@code unitId}.
     */
    @GET
    public Page<ModelView> listModels(@QueryParam("unitId") String unitId, @QueryParam("field") String field,
                                @QueryParam("origin") String origin, @QueryParam("year") String year,
                                @BeanParam PageRequest page) {
        return models.find(units.listed(unitId), QueryParams.oneOf("field", field, ModelField.class),
                QueryParams.oneOf("origin", origin, ModelOrigin.class), QueryParams.year("year", year), page).map(ModelView::of);
    }

    @GET
    @Path("{id}")
    public Response getModel(@PathParam("id") UUID id) {
        Model model = find(id);
        return Etags.ok(ModelView.of(model), model.version()).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response updateModel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull(message = "a body is required") @Valid ModelRequest request) {
        Model model = find(id);
        access.require(request.unitId());
        Etags.checkIfMatch(ifMatch, model.version());
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.badRequest("id", "does not match the model in the path");
        }
        registration.update(model, request, user.subject());
        return Etags.ok(ModelView.of(model), model.version()).build();
    }

    @POST
    @Path("{id}/recognitions")
    @Transactional
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    public Response recognizeModel(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                              @NotNull(message = "a body is required") @Valid RecognitionRequest request,
                              @Context UriInfo uri) {
        Model model = find(id);
        Etags.checkIfMatch(ifMatch, model.version());
        Recognition recognition = registration.recognize(model, request, user.subject());
        return Response.created(uri.getAbsolutePathBuilder().path(recognition.id().toString()).build())
                .entity(ModelView.of(model)).tag(Etags.of(model.version())).build();
    }

    @GET
    @Path("{id}/recognitions/{recognitionId}")
    public ModelView.RecognitionView getRecognition(@PathParam("id") UUID id, @PathParam("recognitionId") UUID recognitionId) {
        return find(id).recognitions().stream().filter(r -> r.id().equals(recognitionId)).findFirst()
                .map(ModelView.RecognitionView::of)
                .orElseThrow(() -> ProblemException.notFound("recognition", recognitionId));
    }

    /** The model, if the caller may see it: 404 when it does not exist, 403 when it is outside the caller's scope. */
    private Model find(UUID id) {
        Model model = models.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("model", id));
        access.require(model.unitId());
        return model;
    }
}
