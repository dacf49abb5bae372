package vn.danvan.unit.reorganization;

import io.quarkus.security.ForbiddenException;
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
import vn.danvan.common.security.Access;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;
import vn.danvan.common.web.ProblemException;

import java.util.List;
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

    @Inject
    Access access;

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
        if (!access.isAdmin() && involved(id).stream().noneMatch(access::allows)) {
            throw new ForbiddenException();
        }
        return ReorganizationView.of(reorganization);
    }

    /**
     * The units a reorganisation concerns: its sources and targets as requested ({@code sourceIds}, {@code sourceId},
     * {@code targetId}, {@code unitId}, {@code newParentId}), its lineage (predecessors and successors, the targets a
     * merge or split created) and its results. Its officials may read it when one of them is in their scope.
     */
    @SuppressWarnings("unchecked")
    private List<UUID> involved(UUID id) {
        return em.createNativeQuery("""
                        SELECT DISTINCT CAST(u.id AS uuid) FROM reorganization r
                        CROSS JOIN LATERAL (
                            SELECT jsonb_array_elements_text(r.result_unit_ids)
                            UNION ALL SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.request -> 'sourceIds') = 'array'
                                                                       THEN r.request -> 'sourceIds' ELSE '[]' END)
                            UNION ALL SELECT r.request ->> 'sourceId'
                            UNION ALL SELECT r.request ->> 'targetId'
                            UNION ALL SELECT r.request ->> 'unitId'
                            UNION ALL SELECT r.request ->> 'newParentId'
                            UNION ALL SELECT CAST(l.predecessor_id AS text) FROM lineage l WHERE l.reorganization_id = r.id
                            UNION ALL SELECT CAST(l.successor_id AS text) FROM lineage l WHERE l.reorganization_id = r.id
                        ) AS u(id)
                        WHERE r.id = ?1 AND u.id IS NOT NULL""", UUID.class)
                .setParameter(1, id).getResultList();
    }
}
