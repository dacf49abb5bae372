package vn.danvan.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that turns the caller's token into who they are: subject, name, roles and the unit whose subtree
 * they act in (claim {@code unit_id}). Recorded on every change and carried in events.
 */
@RequestScoped
public class CurrentUser {
    static final String SYSTEM = "system";

    @Inject
    SecurityIdentity identity;

    /** Who acts: the token's subject, or "system" when security is off (local runs without Keycloak, tests). */
    public String subject() {
        if (identity == null || identity.isAnonymous()) {
            return SYSTEM;
        }
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return principal.getName();
    }

    /** A name a person reads in an audit trail. */
    public String displayName() {
        if (identity == null || identity.isAnonymous()) {
            return SYSTEM;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String preferred = jwt.getClaim("preferred_username");
            if (preferred != null) {
                return preferred;
            }
        }
        return identity.getPrincipal().getName();
    }

    public Optional<UUID> unitId() {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim("unit_id");
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean hasRole(String role) {
        return identity != null && identity.hasRole(role);
    }

    public boolean isAuthenticated() {
        return identity != null && !identity.isAnonymous();
    }
}
