package vn.danvan.reporting.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;

import java.util.UUID;

/** Scope from reporting-service's copy of the tree: the subtree as it stands today, merged-away units included. */
@ApplicationScoped
public class ReportingUnitScope implements UnitScope {
    @Inject
    Structure structure;

    @Override
    @Transactional
    public boolean contains(UUID root, UUID unit) {
        if (root.equals(unit)) {
            return true;
        }
        return structure.members(root, structure.todayOrLastDay(root)).contains(unit);
    }
}
