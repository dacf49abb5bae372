package vn.danvan.plan.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;

import java.util.UUID;

/**
 * Scope from plan-service's copy of the tree: a unit is inside a root's subtree when the root is among its ancestors
 * as the tree stands today; a unit that no longer exists is placed where its last period put it.
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
        return !em.createNativeQuery("""
                        WITH RECURSIVE up(id, depth) AS (
                            SELECT CAST(?1 AS uuid), 0
                            UNION ALL
                            SELECT (SELECT p.parent_id FROM unit_period p WHERE p.unit_id = up.id
                                    ORDER BY (p.from_date <= current_date AND (p.to_date IS NULL OR p.to_date >= current_date)) DESC,
                                             p.from_date DESC LIMIT 1), up.depth + 1
                            FROM up WHERE up.id IS NOT NULL AND up.depth < 20
                        ) SELECT 1 FROM up WHERE id = ?2 LIMIT 1""")
                .setParameter(1, unit).setParameter(2, root).getResultList().isEmpty();
    }
}
