package vn.danvan.reporting.projection;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import vn.danvan.common.security.Roles;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The rebuild command: {@code POST /api/admin/projections/rebuild[?apply=true]} (administrators only). */
@Path("/api/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ProjectionResource {
    @Inject
    Rebuild rebuild;

    @POST
    @Path("rebuild")
    public Rebuild.Result rebuild(@QueryParam("apply") boolean apply) {
        return rebuild.run(apply);
    }
}
