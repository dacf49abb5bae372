package vn.danvan.unit.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;
import vn.danvan.unit.unit.Unit;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Scope from the tree itself: the root's subtree as it stands today (or, for a unit that no longer exists, on its last
 * day), plus every unit that became part of it (predecessors through lineage, at any depth), so that after a merge the
 * absorbing unit's officials see the history.
 */
@ApplicationScoped
public class UnitTreeScope implements UnitScope {
    /**
     * The ids in the scope of {@code :root} on {@code :scopeDay} ({@link #scopeDay}): its subtree that day, and every unit
     * that became part of a member (lineage, any depth). Lists filter with it in SQL.
     */
    public static final String MEMBERS = """
            WITH RECURSIVE members(id, depth) AS (
              SELECT p.unit_id, 0 FROM unit_period p WHERE p.unit_id = :root
                AND p.valid_from <= :scopeDay AND (p.valid_to IS NULL OR p.valid_to >= :scopeDay)
              UNION ALL
              SELECT p.unit_id, m.depth + 1 FROM members m JOIN unit_period p ON p.parent_id = m.id
                AND p.valid_from <= :scopeDay AND (p.valid_to IS NULL OR p.valid_to >= :scopeDay)
              WHERE m.depth < 64
            ), history(id) AS (
              SELECT id FROM members
              UNION
              SELECT l.predecessor_id FROM history h JOIN lineage l ON l.successor_id = h.id
            )
            SELECT id FROM history""";

    /** The day a root's scope is read on: today, or its last day if it no longer exists. */
    public static LocalDate scopeDay(Unit root) {
        LocalDate today = LocalDate.now();
        return root.validTo() != null && root.validTo().isBefore(today) ? root.validTo() : today;
    }

    @Inject
    EntityManager em;

    @Override
    @Transactional
    public boolean contains(UUID root, UUID unit) {
        if (root.equals(unit)) {
            return true;
        }
        Unit rootUnit = em.find(Unit.class, root);
        if (rootUnit == null) {
            return false;
        }
        return !em.createNativeQuery("SELECT 1 FROM (" + MEMBERS + ") m WHERE id = :unit LIMIT 1")
                .setParameter("root", root).setParameter("scopeDay", scopeDay(rootUnit)).setParameter("unit", unit)
                .getResultList().isEmpty();
    }
}
