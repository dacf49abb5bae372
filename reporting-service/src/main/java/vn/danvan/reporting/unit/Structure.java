package vn.danvan.reporting.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.common.web.ProblemException;
import vn.danvan.reporting.projection.Kept;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tree as it stood on a date, for reports: the subtree of a unit, each member tagged with the child of the root
 * it lies under ({@code branch}), plus the units merged away before that date whose history their successors now
 * carry. Facts join {@link #MEMBERS} on their unit id; nothing is lost or counted twice across a merge.
 */
@ApplicationScoped
public class Structure {
    /** Parameters :unit and :asOf. Yields members(id, branch). */
    public static final String MEMBERS = """
            WITH RECURSIVE sub(id, branch, depth) AS (
                SELECT p.unit_id, p.unit_id, 0 FROM unit_period p
                WHERE p.unit_id = :unit AND p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to >= :asOf)
              UNION ALL
                SELECT c.unit_id, CASE WHEN s.depth = 0 THEN c.unit_id ELSE s.branch END, s.depth + 1
                FROM unit_period c JOIN sub s ON c.parent_id = s.id
                WHERE c.valid_from <= :asOf AND (c.valid_to IS NULL OR c.valid_to >= :asOf) AND s.depth < 64
            ),
            carried(id, branch, depth) AS (
                SELECT l.predecessor_id, s.branch, 0 FROM unit_lineage l JOIN sub s ON l.successor_id = s.id
                WHERE l.is_primary AND l.effective_date <= :asOf
              UNION ALL
                SELECT l.predecessor_id, c.branch, c.depth + 1 FROM unit_lineage l JOIN carried c ON l.successor_id = c.id
                WHERE l.is_primary AND l.effective_date <= :asOf AND c.depth < 64
            ),
            members(id, branch) AS (
                SELECT id, branch FROM sub
              UNION
                SELECT c.id, c.branch FROM carried c
                WHERE NOT EXISTS (SELECT 1 FROM unit_period p WHERE p.unit_id = c.id
                                  AND p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to >= :asOf))
            )
            """;

    /**
     * A prelude yielding members(id, branch) from a {@link Members} list: parameters {@link Members#parameters()}.
     */
    public static final String MEMBER_LIST = """
            WITH members(id, branch) AS (SELECT * FROM unnest(cast(:ids AS uuid[]), cast(:branches AS uuid[])))
            """;
    /** Subtrees kept between reports; larger ones (a whole country) are computed each time. */
    private static final int CACHED_SUBTREES = 128;
    private static final int CACHED_MEMBERS = 20_000;

    @Inject
    EntityManager em;

    private final Kept<List<Object>, Members> cache = new Kept<>(CACHED_SUBTREES);

    /**
     * The members of a subtree as {@link #MEMBERS} yields them, sorted by id. The tree changes seldom and a province's
     * subtree is a thousand units or more, so lists are kept until the tree version moves (any change of the tree,
     * committed by any replica, bumps it in its transaction).
     */
    public record Members(long version, List<String> units, List<String> branchOf, String ids, String branches,
                          Set<UUID> set) {
        public Map<String, Object> parameters() {
            return Map.of("ids", ids, "branches", branches);
        }

        public boolean contains(UUID unit) {
            return set.contains(unit);
        }
    }

    @SuppressWarnings("unchecked")
    public Members members(UUID unit, LocalDate asOf) {
        // The version is read first: a list computed after a change committed is at worst kept under the older version.
        long version = ((Number) em.createNativeQuery("SELECT version FROM tree_version").getSingleResult()).longValue();
        return cache.get(List.of(unit, asOf), version, () -> {
            List<Object[]> rows = em.createNativeQuery(MEMBERS + "SELECT id::text, branch::text FROM members ORDER BY 1")
                    .setParameter("unit", unit).setParameter("asOf", asOf).getResultList();
            List<String> units = rows.stream().map(r -> (String) r[0]).toList();
            List<String> branchOf = rows.stream().map(r -> (String) r[1]).toList();
            return new Members(version, units, branchOf, SqlArrays.literal(units), SqlArrays.literal(branchOf),
                    units.stream().map(UUID::fromString).collect(Collectors.toUnmodifiableSet()));
        }, members -> members.set().size() <= CACHED_MEMBERS);
    }

    private final Kept<List<Object>, Object> derived = new Kept<>(CACHED_SUBTREES);

    /**
     * Something computed from the tree alone for a subtree on a date (names and kinds of its members…), kept as long
     * as the subtree's list: until the tree version moves.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Members members, String what, UUID unit, LocalDate asOf, java.util.function.Supplier<T> compute) {
        return (T) derived.get(List.of(what, unit, asOf), members.version(), compute::get);
    }

    /** In the transaction of a change of the tree. */
    public void changed() {
        em.createNativeQuery("UPDATE tree_version SET version = version + 1").executeUpdate();
    }

    public record UnitAt(UUID id, String name, String level, String kind) {
    }

    /** The unit as it stood on the date: 404 when unknown, 422 when it did not exist then. */
    public UnitAt require(UUID unitId, LocalDate asOf) {
        List<?> rows = em.createNativeQuery("""
                        SELECT name, level, kind FROM unit_period WHERE unit_id = ?1
                        AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)""")
                .setParameter(1, unitId).setParameter(2, asOf).getResultList();
        if (rows.isEmpty()) {
            if (em.createNativeQuery("SELECT 1 FROM unit_node WHERE id = ?1").setParameter(1, unitId).getResultList().isEmpty()) {
                throw ProblemException.notFound("unit", unitId);
            }
            throw ProblemException.unprocessable("unitId", "the unit did not exist on " + asOf
                    + "; ask for its successor, or with structureAsOf on a date when it existed");
        }
        Object[] row = (Object[]) rows.get(0);
        return new UnitAt(unitId, (String) row[0], (String) row[1], (String) row[2]);
    }

    /**
     * Today; or, for a unit that has ended (a district dissolved in 2025 whose officials' accounts still name it), its
     * last day: the tree "as it stands" for that unit is the one it last had.
     */
    public LocalDate todayOrLastDay(UUID unitId) {
        LocalDate today = LocalDate.now();
        List<?> rows = em.createNativeQuery("SELECT valid_to FROM unit_node WHERE id = ?1").setParameter(1, unitId)
                .getResultList();
        Object lastDay = rows.isEmpty() ? null : rows.get(0);
        if (lastDay == null) {
            return today;
        }
        LocalDate end = lastDay instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) lastDay;
        return end.isBefore(today) ? end : today;
    }

    /** The children of the unit as they stood on the date: id and name. */
    @SuppressWarnings("unchecked")
    public List<Object[]> children(UUID unitId, LocalDate asOf) {
        return em.createNativeQuery("""
                        SELECT unit_id, name FROM unit_period
                        WHERE parent_id = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)""")
                .setParameter(1, unitId).setParameter(2, asOf).getResultList();
    }
}
