package vn.danvan.unit.unit;

import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The closure table through time against its reference, the recursive walk of the period table, over the whole
 * database: on every date where something starts or ends and on the day before it (so on both sides of every
 * effective date), and today.
 * <ul>
 * <li>every (ancestor, descendant, depth) the walk finds from every living unit is one closure row covering the date,
 * and there is no other (so every subtree has the same members at the same depths);</li>
 * <li>for every unit without a parent on that date (their subtrees hold every unit), {@code GET subtree}'s list by the
 * closure equals the list by the walk: same views, same order.</li>
 * </ul>
 */
public final class AncestryCheck {
    private AncestryCheck() {
    }

    public static void assertClosureMatchesWalk(EntityManager em, UnitRepository units) {
        for (LocalDate date : dates(em)) {
            List<?> differences = em.createNativeQuery("""
                            WITH RECURSIVE walk(ancestor_id, descendant_id, depth) AS (
                              SELECT p.unit_id, p.unit_id, 0 FROM unit_period p
                              WHERE p.valid_from <= :d AND (p.valid_to IS NULL OR p.valid_to >= :d)
                              UNION ALL
                              SELECT w.ancestor_id, p.unit_id, w.depth + 1 FROM walk w JOIN unit_period p
                                ON p.parent_id = w.descendant_id AND p.valid_from <= :d AND (p.valid_to IS NULL OR p.valid_to >= :d)
                              WHERE w.depth < 64
                            ), closure AS (
                              SELECT a.ancestor_id, a.descendant_id, CAST(a.depth AS int) AS depth FROM unit_ancestor a
                              WHERE a.valid_from <= :d AND (a.valid_to IS NULL OR a.valid_to >= :d)
                            )
                            (SELECT 'only in walk: ' || w.ancestor_id || ' > ' || w.descendant_id || ' @' || w.depth
                             FROM (SELECT * FROM walk EXCEPT ALL SELECT * FROM closure) w)
                            UNION ALL
                            (SELECT 'only in closure: ' || c.ancestor_id || ' > ' || c.descendant_id || ' @' || c.depth
                             FROM (SELECT * FROM closure EXCEPT ALL SELECT * FROM walk) c)
                            LIMIT 20""")
                    .setParameter("d", date).getResultList();
            assertEquals(List.of(), differences, "closure and walk differ on " + date);
            @SuppressWarnings("unchecked")
            List<UUID> tops = em.createNativeQuery("""
                            SELECT p.unit_id FROM unit_period p WHERE p.parent_id IS NULL
                              AND p.valid_from <= :d AND (p.valid_to IS NULL OR p.valid_to >= :d)""")
                    .setParameter("d", date).getResultList();
            for (UUID top : tops) {
                assertEquals(units.subtreeByWalk(top, date), units.subtree(top, date),
                        "subtree of " + top + " on " + date);
            }
        }
    }

    /** Every first day and every day after a last day in the period table, each with the day before; and today. */
    @SuppressWarnings("unchecked")
    static TreeSet<LocalDate> dates(EntityManager em) {
        List<Object> bounds = em.createNativeQuery("""
                SELECT valid_from FROM unit_period
                UNION SELECT valid_to + 1 FROM unit_period WHERE valid_to IS NOT NULL
                UNION SELECT valid_from FROM unit_ancestor
                UNION SELECT valid_to + 1 FROM unit_ancestor WHERE valid_to IS NOT NULL""").getResultList();
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Object bound : bounds) {
            LocalDate date = bound instanceof LocalDate d ? d : ((java.sql.Date) bound).toLocalDate();
            dates.add(date);
            dates.add(date.minusDays(1));
        }
        dates.add(LocalDate.now());
        return dates;
    }
}
