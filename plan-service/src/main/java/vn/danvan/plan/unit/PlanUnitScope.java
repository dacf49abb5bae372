package vn.danvan.plan.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Scope from plan-service's copy of the tree: a unit is inside a root's subtree when the root is among its ancestors
 * as the tree stands today (or on the root's last day, if the root has ended); a unit that no longer exists is placed
 * where its last period put it.
 */
@ApplicationScoped
public class PlanUnitScope implements UnitScope {
    @Inject
    EntityManager em;

    @Override
    @Transactional
    public boolean contains(UUID root, UUID unit) {
        if (root == null || unit == null) {
            return false;
        }
        if (root.equals(unit)) {
            return true;
        }
        // Today; for a root that has ended (a dissolved district whose officials' accounts still name it), its last
        // day, so its officials keep what their unit had.
        Object end = em.createNativeQuery("""
                        SELECT LEAST(current_date, max(COALESCE(to_date, DATE '9999-12-31'))) FROM unit_period WHERE unit_id = ?1""")
                .setParameter(1, root).getSingleResult();
        LocalDate on = end == null ? LocalDate.now() : end instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) end;
        return !em.createNativeQuery("""
                        WITH RECURSIVE up(id, depth) AS (
                            SELECT CAST(?1 AS uuid), 0
                            UNION ALL
                            SELECT (SELECT p.parent_id FROM unit_period p WHERE p.unit_id = up.id
                                    ORDER BY (p.from_date <= ?3 AND (p.to_date IS NULL OR p.to_date >= ?3)) DESC,
                                             p.from_date DESC LIMIT 1), up.depth + 1
                            FROM up WHERE up.id IS NOT NULL AND up.depth < 20
                        ) SELECT 1 FROM up WHERE id = ?2 LIMIT 1""")
                .setParameter(1, unit).setParameter(2, root).setParameter(3, on).getResultList().isEmpty();
    }
}
