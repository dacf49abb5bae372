package vn.danvan.common.security;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Only when {@code danvan.security.enabled=false} (a local run without Keycloak, most service tests): every request
 * acts as the administrator "system". The endpoints keep their role declarations, so the same code path is exercised.
 */
@ApplicationScoped
@LookupIfProperty(name = "danvan.security.enabled", stringValue = "false")
public class LocalTrust implements HttpAuthenticationMechanism {
    private static final SecurityIdentity SYSTEM = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(CurrentUser.SYSTEM))
            .addRoles(Set.of(Roles.ADMIN, Roles.EDITOR, Roles.VIEWER))
            .build();

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().item(SYSTEM);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
