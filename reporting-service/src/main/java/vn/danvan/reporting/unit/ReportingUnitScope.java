package vn.danvan.reporting.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;

import java.util.UUID;

/** Scope from reporting-service's copy of the tree: the subtree as it stands today, merged-away units included. */
@ApplicationScoped
public class ReportingUnitScope implements UnitScope {
    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    @Override
    @Transactional
    public boolean contains(UUID root, UUID unit) {
        if (root.equals(unit)) {
            return true;
        }
        return !em.createNativeQuery(Structure.MEMBERS + "SELECT 1 FROM members WHERE id = :target LIMIT 1")
                .setParameter("unit", root).setParameter("asOf", structure.todayOrLastDay(root)).setParameter("target", unit)
                .getResultList().isEmpty();
    }
}
