package vn.danvan.unit.unit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import org.hibernate.Session;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.Page;
import vn.danvan.common.web.ProblemException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Units and their reads as of a date. Reads go straight to the period table: the period that covers the date,
 * children by the (parent_id, valid_from) index, subtrees by one range of the closure table through time
 * {@code unit_ancestor} (ADR 0010), which every change of the tree refreshes in its own transaction. The recursive walk
 * of the period table that it replaces stays here as the reference the closure is tested against.
 */
@ApplicationScoped
public class UnitRepository implements PanacheRepositoryBase<Unit, UUID> {
    private static final String COLUMNS = "p.unit_id, p.name, p.kind, p.level, p.parent_id, p.code, u.valid_from, "
            + "u.valid_to, CAST(p.former_names AS text), u.version";
    private static final String COVERS = "p.valid_from <= :asOf AND (p.valid_to IS NULL OR p.valid_to >= :asOf)";
    /** {@link #COVERS} with JDBC parameters: the date twice. */
    private static final String JDBC_COVERS = "p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to >= ?)";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    VietnameseCollation collation;

    public Unit require(UUID id) {
        return findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("unit", id));
    }

    /** The units, locked for the rest of the transaction, in id order so that two changes never deadlock. */
    public Map<UUID, Unit> lockAll(Collection<UUID> ids) {
        Map<UUID, Unit> locked = new LinkedHashMap<>();
        ids.stream().distinct().sorted().forEach(id -> {
            Unit unit = em.find(Unit.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (unit != null) {
                locked.put(id, unit);
            }
        });
        return locked;
    }

    public Unit lock(UUID id) {
        Unit unit = em.find(Unit.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (unit == null) {
            throw ProblemException.notFound("unit", id);
        }
        return unit;
    }

    /** Ids of the units that hang directly under the parent on that date. */
    @SuppressWarnings("unchecked")
    public List<UUID> childIds(UUID parentId, LocalDate asOf) {
        return em.createNativeQuery("SELECT p.unit_id FROM unit_period p WHERE p.parent_id = :parent AND " + COVERS)
                .setParameter("parent", parentId).setParameter("asOf", asOf).getResultList();
    }

    /** The unit's ancestors on that date, nearest first (for cycle checks). */
    @SuppressWarnings("unchecked")
    public List<UUID> ancestorIds(UUID unitId, LocalDate asOf) {
        return em.createNativeQuery("""
                        WITH RECURSIVE up(id, depth) AS (
                          SELECT p.parent_id, 1 FROM unit_period p WHERE p.unit_id = :unit AND %s
                          UNION ALL
                          SELECT p.parent_id, up.depth + 1 FROM up JOIN unit_period p ON p.unit_id = up.id AND %s
                          WHERE up.depth < 64
                        )
                        SELECT id FROM up WHERE id IS NOT NULL ORDER BY depth""".formatted(COVERS, COVERS))
                .setParameter("unit", unitId).setParameter("asOf", asOf).getResultList();
    }

    public List<UnitView> children(UUID parentId, LocalDate asOf) {
        Query query = em.createNativeQuery("SELECT " + COLUMNS + " FROM unit_period p JOIN unit u ON u.id = p.unit_id "
                        + "WHERE p.parent_id = :parent AND " + COVERS + " ORDER BY " + collation.orderBy("p.name") + ", p.unit_id")
                .setParameter("parent", parentId).setParameter("asOf", asOf);
        return collation.sorted(views(query));
    }

    /**
     * The unit and everything under it on that date: the root first, then level by level, siblings by name. One range
     * of {@code unit_ancestor (ancestor_id, valid_from)}, whose rows carry each member as it stood, mapped straight
     * to views.
     */
    public List<UnitView> subtree(UUID rootId, LocalDate asOf) {
        return select("""
                SELECT a.descendant_id, a.name, a.kind, a.level, a.parent_id, a.code, a.unit_valid_from,
                  a.unit_valid_to, CAST(a.former_names AS text), a.version
                FROM unit_ancestor a
                WHERE a.ancestor_id = ? AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to >= ?)
                ORDER BY a.depth, %s, a.descendant_id""".formatted(collation.orderBy("a.name")), rootId, asOf, asOf);
    }

    /**
     * The same answer as {@link #subtree} by a recursive walk of the period table (parent_id, valid_from): what the
     * closure table must always agree with (tests compare both).
     */
    public List<UnitView> subtreeByWalk(UUID rootId, LocalDate asOf) {
        return select("""
                WITH RECURSIVE t AS (
                  SELECT p.*, 0 AS depth FROM unit_period p WHERE p.unit_id = ? AND %1$s
                  UNION ALL
                  SELECT p.*, t.depth + 1 FROM t JOIN unit_period p ON p.parent_id = t.unit_id AND %1$s
                  WHERE t.depth < 64
                )
                SELECT %2$s FROM t p JOIN unit u ON u.id = p.unit_id ORDER BY p.depth, %3$s, p.unit_id"""
                .formatted(JDBC_COVERS, COLUMNS, collation.orderBy("p.name")), rootId, asOf, asOf, asOf, asOf);
    }

    /**
     * Takes the lock that orders changes of the tree (held to the end of the transaction): a change takes it before it
     * reads the tree, so that its refresh of {@code unit_ancestor} sees every change committed before it.
     */
    public void lockTree() {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext('unit_ancestor'))").getSingleResult();
    }

    /**
     * Refreshes the closure table in the transaction of a change, its periods and units written (it flushes first):
     * the rows of every unit it {@code touched} in any way (its own rows carry its name, version…), and for those
     * {@code reshaped} (created, moved or ended from {@code since} on) the rows of every unit under them from that
     * date.
     *
     * @return the number of closure rows written
     */
    public int refreshAncestry(Collection<UUID> touched, Collection<UUID> reshaped, LocalDate since) {
        if (touched.isEmpty() && reshaped.isEmpty()) {
            return 0;
        }
        em.flush();
        return ((Number) em.createNativeQuery("SELECT unit_ancestor_refresh(CAST(:touched AS uuid[]), "
                        + "CAST(:reshaped AS uuid[]), CAST(:since AS date))")
                .setParameter("touched", SqlArrays.literal(touched)).setParameter("reshaped", SqlArrays.literal(reshaped))
                .setParameter("since", since).getSingleResult()).intValue();
    }

    /** {@code within}: only units of that unit's subtree (an official's scope); null for everything. */
    public record Criteria(String q, UnitLevel level, UnitKind kind, UUID parentId, LocalDate asOf, UUID within) {
    }

    /** Search as of a date: q matches current and former names without case, marks or đ; Vietnamese order. */
    public Page<UnitView> search(Criteria criteria, int page, int size) {
        StringBuilder where = new StringBuilder(" FROM unit_period p JOIN unit u ON u.id = p.unit_id WHERE " + COVERS);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("asOf", criteria.asOf());
        String folded = VietnameseText.fold(criteria.q());
        if (folded != null && !folded.isEmpty()) {
            where.append(" AND p.search_key LIKE :q");
            parameters.put("q", "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (criteria.level() != null) {
            where.append(" AND p.level = :level");
            parameters.put("level", criteria.level().name());
        }
        if (criteria.kind() != null) {
            where.append(" AND p.kind = :kind");
            parameters.put("kind", criteria.kind().name());
        }
        if (criteria.parentId() != null) {
            where.append(" AND p.parent_id = :parent");
            parameters.put("parent", criteria.parentId());
        }
        if (criteria.within() != null) {
            // The official's subtree as it stands today (or on their unit's last day, if it has ended).
            Unit root = require(criteria.within());
            LocalDate today = LocalDate.now();
            LocalDate on = root.validTo() != null && root.validTo().isBefore(today) ? root.validTo() : today;
            List<UnitView> scope = root.existsOn(on) ? subtree(root.id(), on) : List.of();
            where.append(" AND p.unit_id = ANY(CAST(:within AS uuid[]))");
            parameters.put("within", SqlArrays.literal(scope.stream().map(UnitView::id).toList()));
        }
        Query count = em.createNativeQuery("SELECT count(*)" + where);
        parameters.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (!collation.available()) {
            // Without an ICU collation the database cannot page in Vietnamese order: sort the matches here.
            Query all = em.createNativeQuery("SELECT " + COLUMNS + where);
            parameters.forEach(all::setParameter);
            List<UnitView> sorted = collation.sorted(views(all));
            int from = Math.min(sorted.size(), page * size);
            return new Page<>(sorted.subList(from, Math.min(sorted.size(), from + size)), total);
        }
        Query query = em.createNativeQuery("SELECT " + COLUMNS + where + " ORDER BY " + collation.orderBy("p.name")
                + ", p.unit_id LIMIT :limit OFFSET :offset");
        parameters.forEach(query::setParameter);
        query.setParameter("limit", size).setParameter("offset", (long) page * size);
        return new Page<>(views(query), total);
    }

    /**
     * Runs a read of {@link #COLUMNS} over the session's JDBC connection and maps each row straight to a view: no
     * entity, no intermediate Object[] per row, and no JSON parsing for the usual empty list of former names.
     */
    private List<UnitView> select(String sql, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<UnitView> views = new ArrayList<>();
                    while (rows.next()) {
                        views.add(new UnitView(rows.getObject(1, UUID.class), rows.getString(2),
                                UnitKind.valueOf(rows.getString(3)), UnitLevel.valueOf(rows.getString(4)),
                                rows.getObject(5, UUID.class), rows.getString(6), rows.getObject(7, LocalDate.class),
                                rows.getObject(8, LocalDate.class), names(rows.getString(9)), rows.getLong(10)));
                    }
                    return views;
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<UnitView> views(Query query) {
        List<Object[]> rows = query.getResultList();
        List<UnitView> views = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            views.add(new UnitView((UUID) row[0], (String) row[1], UnitKind.valueOf((String) row[2]),
                    UnitLevel.valueOf((String) row[3]), (UUID) row[4], (String) row[5], date(row[6]), date(row[7]),
                    names((String) row[8]), ((Number) row[9]).longValue()));
        }
        return views;
    }

    private List<String> names(String text) {
        try {
            return text == null || text.equals("[]") ? List.of() : json.readValue(text, NAMES);
        } catch (Exception e) {
            throw new IllegalStateException("former_names is not a JSON array of strings: " + text, e);
        }
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    static Comparator<UnitView> byName(Comparator<String> names) {
        return Comparator.comparing(UnitView::name, names).thenComparing(UnitView::id);
    }
}
