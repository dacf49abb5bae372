package vn.danvan.reporting.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;

import java.util.List;
import java.util.UUID;

/** Who the caller is, as the services see their token: for the dashboard's header (and the cheapest authenticated call). */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
public class MeResource {
    @Inject
    CurrentUser user;

    public record Me(String subject, String name, UUID unitId, List<String> roles) {
    }

    @GET
    public Me me() {
        List<String> roles = List.of(Roles.ADMIN, Roles.EDITOR, Roles.VIEWER).stream().filter(user::hasRole).toList();
        return new Me(user.subject(), user.displayName(), user.unitId().orElse(null), roles);
    }
}
