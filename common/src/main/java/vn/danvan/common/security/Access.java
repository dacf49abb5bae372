package vn.danvan.common.security;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * The one authorisation decision of a service: may the caller act on this unit? Administrators act everywhere;
 * editors and viewers only inside the subtree of the unit named by their token's {@code unit_id}, as the tree stands
 * today. Roles per endpoint are declared with {@code @RolesAllowed}; this answers the scope question for the units a
 * request concerns. A refusal is 403, never an empty answer.
 */
@RequestScoped
public class Access {
    @Inject
    CurrentUser user;

    @Inject
    UnitScope scope;

    public boolean isAdmin() {
        return user.hasRole(Roles.ADMIN);
    }

    /** 403 unless the caller may act on the unit. */
    public void require(UUID unitId) {
        if (!allows(unitId)) {
            throw new ForbiddenException();
        }
    }

    public void requireAll(Collection<UUID> unitIds) {
        unitIds.stream().filter(Objects::nonNull).forEach(this::require);
    }

    public boolean allows(UUID unitId) {
        if (isAdmin()) {
            return true;
        }
        return unitId != null && user.unitId().map(root -> scope.contains(root, unitId)).orElse(false);
    }

    /** The caller's own unit, the root of their scope; empty for administrators (who see everything). */
    public java.util.Optional<UUID> root() {
        return isAdmin() ? java.util.Optional.empty() : user.unitId();
    }
}
