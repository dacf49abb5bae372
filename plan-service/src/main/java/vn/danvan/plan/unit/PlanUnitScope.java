package vn.danvan.plan.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.danvan.common.security.UnitScope;

import java.util.List;
import java.util.UUID;

/**
 * The one scope decision of plan-service, from its own copy of the tree, decided as unit-service decides it: a root's
 * scope is its subtree as the tree stands today (or, for a root that has ended — a dissolved district whose officials'
 * accounts still name it — on its last day, so its officials keep what their unit had), plus every unit that became
 * part of a member through lineage, at any depth (a commune merged into a member, the source of a split). So after a
 * merge the absorbing unit's officials see the merged unit's history, and the merged unit's former district no longer
 * does. {@link #contains} answers for one unit (walking up from it), {@link #members} lists the same set (walking down
 * from the root) for list filters.
 */
@ApplicationScoped
public class PlanUnitScope implements UnitScope {
    /**
     * The day the root's scope is read on: today, or the root's last day if it has ended. Parameter :root; yields
     * {@code scope_day(on_day)}, no row when the root is not known or does not exist on that day.
     */
    private static final String SCOPE_DAY = """
            scope_day(on_day) AS (
                SELECT d.on_day FROM (SELECT LEAST(current_date, max(COALESCE(to_date, DATE '9999-12-31'))) AS on_day
                                   FROM unit_period WHERE unit_id = :root) d
                WHERE EXISTS (SELECT 1 FROM unit_period p WHERE p.unit_id = :root
                              AND p.from_date <= d.on_day AND (p.to_date IS NULL OR p.to_date >= d.on_day))
            )""";

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
        // The unit and every unit it became part of (its successors, at any depth); one of them must lie under the
        // root on the scope day.
        return !em.createNativeQuery("""
                        WITH RECURSIVE %s,
                        later(id) AS (
                            SELECT CAST(:unit AS uuid)
                            UNION
                            SELECT l.successor_id FROM unit_lineage l JOIN later ON l.predecessor_id = later.id
                        ),
                        up(id, depth) AS (
                            SELECT id, 0 FROM later
                            UNION ALL
                            SELECT p.parent_id, up.depth + 1 FROM up
                            JOIN unit_period p ON p.unit_id = up.id
                            JOIN scope_day s ON p.from_date <= s.on_day AND (p.to_date IS NULL OR p.to_date >= s.on_day)
                            WHERE p.parent_id IS NOT NULL AND up.depth < 64
                        )
                        SELECT 1 FROM up, scope_day WHERE up.id = :root LIMIT 1""".formatted(SCOPE_DAY))
                .setParameter("root", root).setParameter("unit", unit).getResultList().isEmpty();
    }

    /** Every unit inside the root's scope (the root first), as {@link #contains} decides: for list filters. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<UUID> members(UUID root) {
        List<UUID> members = em.createNativeQuery("""
                        WITH RECURSIVE %s,
                        sub(id, depth) AS (
                            SELECT CAST(:root AS uuid), 0 FROM scope_day
                            UNION ALL
                            SELECT p.unit_id, sub.depth + 1 FROM sub
                            JOIN unit_period p ON p.parent_id = sub.id
                            JOIN scope_day s ON p.from_date <= s.on_day AND (p.to_date IS NULL OR p.to_date >= s.on_day)
                            WHERE sub.depth < 64
                        ),
                        history(id) AS (
                            SELECT id FROM sub
                            UNION
                            SELECT l.predecessor_id FROM history h JOIN unit_lineage l ON l.successor_id = h.id
                        )
                        SELECT id FROM history""".formatted(SCOPE_DAY), UUID.class)
                .setParameter("root", root).getResultList();
        return members.isEmpty() ? List.of(root) : members;
    }
}
