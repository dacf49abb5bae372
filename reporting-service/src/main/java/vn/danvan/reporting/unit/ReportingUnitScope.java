package vn.danvan.reporting.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;

import java.time.LocalDate;
import java.util.UUID;

/** Scope from reporting-service's copy of the tree: the subtree as it stands today, merged-away units included. */
@ApplicationScoped
public class ReportingUnitScope implements UnitScope {
    @Inject
    EntityManager em;

    @Override
    @Transactional
    public boolean contains(UUID root, UUID unit) {
        if (root.equals(unit)) {
            return true;
        }
        return !em.createNativeQuery(Structure.MEMBERS + "SELECT 1 FROM members WHERE id = :target LIMIT 1")
                .setParameter("unit", root).setParameter("asOf", scopeDate(root)).setParameter("target", unit)
                .getResultList().isEmpty();
    }

    /**
     * Today; or, for an official whose unit was dissolved or merged away (an account not yet moved to the new unit),
     * the unit's last day, so they keep what their unit had rather than nothing.
     */
    private LocalDate scopeDate(UUID root) {
        LocalDate today = LocalDate.now();
        java.util.List<?> rows = em.createNativeQuery("SELECT valid_to FROM unit_node WHERE id = ?1").setParameter(1, root)
                .getResultList();
        Object lastDay = rows.isEmpty() ? null : rows.get(0);
        if (lastDay == null) {
            return today;
        }
        LocalDate end = lastDay instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) lastDay;
        return end.isBefore(today) ? end : today;
    }
}
