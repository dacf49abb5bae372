package vn.danvan.reporting.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the web dashboard (static files under {@code META-INF/resources}) needs to start the sign-in: the OIDC issuer
 * this service trusts and the public client the browser signs in with. Open to everybody: it holds no secret.
 */
@Path("/config.json")
public class DashboardConfigResource {
    @ConfigProperty(name = "danvan.dashboard.issuer")
    String issuer;

    @ConfigProperty(name = "danvan.dashboard.client-id", defaultValue = "danvan-dashboard")
    String clientId;

    @ConfigProperty(name = "danvan.security.enabled", defaultValue = "true")
    boolean securityEnabled;

    public record DashboardConfig(String issuer, String clientId, boolean securityEnabled) {
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return Response.ok(new DashboardConfig(trimmed, clientId, securityEnabled)).cacheControl(noStore).build();
    }
}
