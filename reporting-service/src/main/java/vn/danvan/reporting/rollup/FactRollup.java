package vn.danvan.reporting.rollup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import vn.danvan.common.sql.CustomPlans;
import vn.danvan.reporting.projection.Rows;
import vn.danvan.reporting.unit.Structure;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The facts of each unit counted per calendar year, quarter and month (table {@code fact_rollup}), kept in the same
 * transaction as the facts, so that a province's year reads one row per unit instead of every model and recognition
 * (ADR 0012). A row's {@code counts} holds one counter per {@link #CELLS cell}: registrations and recognitions per
 * level, each also by field and by origin. Rows are per unit, so the tree through time (restated or as reported
 * then, merges, splits) is applied at query time exactly as for the facts. The days of a period that do not fill a
 * calendar month (custom ranges, reporting cycles from the 15th) are counted from the facts themselves.
 */
@ApplicationScoped
public class FactRollup {
    public static final List<String> FIELDS = List.of("ECONOMY", "CULTURE_SOCIETY", "DEFENCE_SECURITY", "POLITICAL_SYSTEM", "OTHER");
    public static final List<String> ORIGINS = List.of("NEW", "REPLICATED");
    public static final List<String> LEVELS = List.of("COMMUNE", "DISTRICT", "PROVINCE", "NATIONAL");
    /** The measure of a registration; a recognition's measure is its level. */
    static final String REGISTERED = "REG";

    /** One counter of a rollup row: the facts of one measure, optionally of one field or one origin. */
    record Cell(String measure, String field, String origin) {
        /** Over the coded facts of {@link #FACTS}: measure 0 for registrations, 1.. for the levels; fields and origins from 1. */
        String predicate() {
            int code = REGISTERED.equals(measure) ? 0 : LEVELS.indexOf(measure) + 1;
            return "m = " + code + (field == null ? "" : " AND f = " + (FIELDS.indexOf(field) + 1))
                    + (origin == null ? "" : " AND o = " + (ORIGINS.indexOf(origin) + 1));
        }
    }

    /** Registrations: all, by origin, by field, by field and origin. Recognitions per level: all, by field, by origin. */
    static final List<Cell> CELLS = cells();
    private static final Map<Cell, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < CELLS.size(); i++) {
            INDEX.put(CELLS.get(i), i);
        }
    }

    /**
     * Facts as rows (k, day, m, f, o): k the unit, or the group {@code %8$s} names; measure, field and origin coded as
     * small integers once, so that the fifty counters compare integers. {@code %1$s} and {@code %2$s} restrict each
     * table (model_fact f, recognition_fact r).
     */
    private static final String FACTS = """
            SELECT %8$s AS k, f.registered_on AS day, 0 AS m, %3$s AS f, %4$s AS o FROM model_fact f %1$s
            UNION ALL
            SELECT %9$s, r.recognized_on, %5$s, %6$s, %7$s FROM recognition_fact r %2$s""";

    private static final Logger LOG = Logger.getLogger(FactRollup.class);

    /** Each fact with its unit. */
    private static String facts(String models, String recognitions) {
        return facts("f.unit_id", "r.unit_id", models, recognitions);
    }

    static String facts(String modelKey, String recognitionKey, String models, String recognitions) {
        return FACTS.formatted(models, recognitions, code("f.field", FIELDS), code("f.origin", ORIGINS),
                code("r.level", LEVELS), code("r.field", FIELDS), code("r.origin", ORIGINS), modelKey, recognitionKey);
    }

    /** 1 for the first value, 2 for the second…; null for anything else. */
    private static String code(String column, List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(",",
                "array_position(ARRAY[", "]::text[], " + column + "::text)"));
    }

    @Inject
    EntityManager em;

    @Inject
    Rows rows;

    @Inject
    Subtrees subtrees;

    /** The counters of a group of facts, read from {@link #counts}. */
    public static final class Counts {
        private final long[] values;

        Counts(long[] values) {
            this.values = values;
        }

        public long registered(String field, String origin) {
            return values[INDEX.get(new Cell(REGISTERED, field, origin))];
        }

        public long recognized(String level, String field, String origin) {
            return values[INDEX.get(new Cell(level, field, origin))];
        }
    }

    /** A fact as the rollup counts it: its unit, its day, and its measure, field and origin coded as in {@link #FACTS}. */
    public record Fact(UUID unitId, LocalDate day, int m, Integer f, Integer o) {
    }

    /**
     * These models (with their recognitions) and these recognitions as the rollup counts them. Taken before and after a
     * change, the difference is what the change adds to and takes from the rollup ({@link #apply}).
     */
    public List<Fact> factsOf(Collection<UUID> modelIds, Collection<UUID> recognitionIds) {
        if (modelIds.isEmpty() && recognitionIds.isEmpty()) {
            return List.of();
        }
        // Ids joined rather than compared with "= ANY(array)": under a generic plan and a table whose statistics still
        // say it is small (a platform filling up), the array was searched row by row of a sequential scan, and a
        // batch's lookup grew to seconds (the platform benchmark's lag at 200 writes/s). Planned at each call too: a
        // generic plan, not knowing how many ids come, hash-joined the whole of model_fact while it held some ten
        // thousand rows (a province's models), at every batch.
        String facts = facts("JOIN (SELECT DISTINCT unnest(cast(? AS uuid[])) AS id) ids ON f.model_id = ids.id",
                """
                WHERE r.recognition_id IN (
                    SELECT r2.recognition_id FROM unnest(cast(? AS uuid[])) AS ids(id)
                    JOIN recognition_fact r2 ON r2.model_id = ids.id
                    UNION SELECT unnest(cast(? AS uuid[])))""");
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = CustomPlans.prepare(connection, facts)) {
                // Bound as uuid[] (not text cast in SQL): the planner then sees the array itself and how many ids.
                Array models = connection.createArrayOf("uuid", modelIds.toArray());
                statement.setArray(1, models);
                statement.setArray(2, models);
                statement.setArray(3, connection.createArrayOf("uuid", recognitionIds.toArray()));
                List<Fact> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new Fact(rows.getObject(1, UUID.class), rows.getObject(2, LocalDate.class),
                                rows.getInt(3), rows.getObject(4, Integer.class), rows.getObject(5, Integer.class)));
                    }
                }
                return result;
            }
        });
    }

    /**
     * Adds the facts after a change and takes away those before it, bucket by bucket, in one statement; rows left with
     * nothing counted are removed, so the rollup stays what a recount from the facts gives.
     */
    public void apply(List<Fact> before, List<Fact> after) {
        Map<List<Object>, long[]> deltas = new LinkedHashMap<>();
        before.forEach(fact -> add(deltas, fact, -1));
        after.forEach(fact -> add(deltas, fact, 1));
        List<Map<String, Object>> changes = new ArrayList<>();
        deltas.forEach((key, counts) -> {
            if (java.util.Arrays.stream(counts).anyMatch(c -> c != 0)) {
                changes.add(Map.of("unit_id", key.get(0).toString(), "grain", key.get(1), "bucket", key.get(2).toString(),
                        "counts", counts));
            }
        });
        if (changes.isEmpty()) {
            return;
        }
        subtrees.apply(changes);
        // The units' rollup keeps calendar buckets only; single days are kept for subtrees.
        String json = this.rows.json(changes.stream().filter(change -> !"D".equals(change.get("grain"))).toList());
        em.createNativeQuery("""
                        INSERT INTO fact_rollup (unit_id, grain, bucket, counts)
                        SELECT unit_id, grain, bucket, counts FROM jsonb_to_recordset(cast(?1 AS jsonb))
                            AS x(unit_id uuid, grain text, bucket date, counts int[])
                        ON CONFLICT (unit_id, grain, bucket) DO UPDATE SET counts = (
                            SELECT array_agg(a + b ORDER BY i)
                            FROM unnest(fact_rollup.counts, excluded.counts) WITH ORDINALITY AS t(a, b, i))""")
                .setParameter(1, json).executeUpdate();
        em.createNativeQuery("""
                        DELETE FROM fact_rollup r USING jsonb_to_recordset(cast(?1 AS jsonb)) AS x(unit_id uuid, grain text, bucket date)
                        WHERE r.unit_id = x.unit_id AND r.grain = x.grain AND r.bucket = x.bucket AND 0 = ALL(r.counts)""")
                .setParameter(1, json).executeUpdate();
    }

    private static void add(Map<List<Object>, long[]> deltas, Fact fact, int sign) {
        LocalDate month = fact.day().withDayOfMonth(1);
        LocalDate quarter = month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1);
        LocalDate year = month.withMonth(1);
        List<Integer> cells = cellsOf(fact);
        for (List<Object> key : List.of(List.<Object>of(fact.unitId(), "D", fact.day()), List.<Object>of(fact.unitId(), "M", month),
                List.<Object>of(fact.unitId(), "Q", quarter), List.<Object>of(fact.unitId(), "Y", year))) {
            long[] counts = deltas.computeIfAbsent(key, k -> new long[CELLS.size()]);
            cells.forEach(cell -> counts[cell] += sign);
        }
    }

    /** The cells a fact is counted in: those whose measure it has, and whose field and origin are its own or any. */
    private static List<Integer> cellsOf(Fact fact) {
        String measure = fact.m() == 0 ? REGISTERED : LEVELS.get(fact.m() - 1);
        String field = fact.f() == null ? null : FIELDS.get(fact.f() - 1);
        String origin = fact.o() == null ? null : ORIGINS.get(fact.o() - 1);
        List<Integer> cells = new ArrayList<>();
        for (String f : java.util.Arrays.asList(null, field)) {
            for (String o : java.util.Arrays.asList(null, origin)) {
                Integer index = INDEX.get(new Cell(measure, f, o));
                if (index != null && !cells.contains(index)) {
                    cells.add(index);
                }
            }
        }
        return cells;
    }

    /** Facts recorded before the rollup existed (a database migrated to V3) are counted once, at start-up. */
    void countExistingFacts(@Observes StartupEvent startup) {
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            Object missing = em.createNativeQuery("""
                    SELECT NOT EXISTS (SELECT 1 FROM fact_rollup)
                       AND (EXISTS (SELECT 1 FROM model_fact) OR EXISTS (SELECT 1 FROM recognition_fact))""")
                    .getSingleResult();
            if (Boolean.TRUE.equals(missing)) {
                long start = System.nanoTime();
                refreshAll();
                LOG.infof("counted the existing facts into fact_rollup in %d ms", (System.nanoTime() - start) / 1_000_000);
            }
        });
    }

    /** Recounts everything from the facts (a rebuild's swap, or facts written by other means than the consumers). */
    public void refreshAll() {
        subtrees.clear();
        em.createNativeQuery("TRUNCATE fact_rollup").executeUpdate();
        em.createNativeQuery(insert(facts("", ""))).executeUpdate();
    }

    /** Months, quarters and years in one pass over the facts. */
    private static String insert(String facts) {
        return """
                INSERT INTO fact_rollup (unit_id, grain, bucket, counts)
                SELECT k, CASE WHEN month IS NOT NULL THEN 'M' WHEN quarter IS NOT NULL THEN 'Q' ELSE 'Y' END,
                       COALESCE(month, quarter, year), %2$s
                FROM (SELECT *, date_trunc('month', day)::date AS month, date_trunc('quarter', day)::date AS quarter,
                             date_trunc('year', day)::date AS year FROM (%1$s) x) facts
                GROUP BY GROUPING SETS ((k, month), (k, quarter), (k, year))"""
                .formatted(facts, counters());
    }

    /**
     * The counters of a period over a report's members: all together (key "total") or per branch (key the child of the
     * root each member lies under). Read from the totals kept per subtree ({@link Subtrees}); groups with nothing
     * counted are left out.
     */
    public Map<String, Counts> count(Structure.Members members, boolean byBranch, LocalDate from, LocalDate to) {
        return count(Subtrees.groups(members, byBranch), from, to);
    }

    /**
     * The counters of a period over groups of units (ids as text, each list sorted by id), per key; groups with
     * nothing counted are left out.
     */
    public Map<String, Counts> count(Map<String, List<String>> groups, LocalDate from, LocalDate to) {
        return count(Subtrees.groups(groups), from, to);
    }

    private Map<String, Counts> count(List<Subtrees.Group> groups, LocalDate from, LocalDate to) {
        Map<String, Counts> counts = new HashMap<>();
        subtrees.count(groups, Subtrees.buckets(from, to)).forEach((key, values) -> counts.put(key, new Counts(values)));
        return counts;
    }

    /** Every cell as a count over rows of {@link #FACTS}, in the order of {@link #CELLS}. */
    static String counters() {
        return CELLS.stream().map(c -> "count(*) FILTER (WHERE " + c.predicate() + ")")
                .collect(Collectors.joining(", ", "ARRAY[", "]::int[]"));
    }

    private static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(REGISTERED, null, null));
        ORIGINS.forEach(origin -> cells.add(new Cell(REGISTERED, null, origin)));
        for (String field : FIELDS) {
            cells.add(new Cell(REGISTERED, field, null));
            ORIGINS.forEach(origin -> cells.add(new Cell(REGISTERED, field, origin)));
        }
        for (String level : LEVELS) {
            cells.add(new Cell(level, null, null));
            FIELDS.forEach(field -> cells.add(new Cell(level, field, null)));
            ORIGINS.forEach(origin -> cells.add(new Cell(level, null, origin)));
        }
        return List.copyOf(cells);
    }

    /** A period cut into whole calendar years, quarters and months, and the days left over at either end. */
    record Slices(List<Bucket> buckets, List<Days> days) {
        record Bucket(char grain, LocalDate start) {
        }

        record Days(LocalDate from, LocalDate to) {
        }

        static Slices of(LocalDate from, LocalDate to) {
            List<Bucket> buckets = new ArrayList<>();
            List<Days> days = new ArrayList<>();
            LocalDate day = from;
            while (!day.isAfter(to)) {
                if (day.getDayOfYear() == 1 && !day.plusYears(1).isAfter(to.plusDays(1))) {
                    buckets.add(new Bucket('Y', day));
                    day = day.plusYears(1);
                } else if (day.getDayOfMonth() == 1 && day.getMonthValue() % 3 == 1 && !day.plusMonths(3).isAfter(to.plusDays(1))) {
                    buckets.add(new Bucket('Q', day));
                    day = day.plusMonths(3);
                } else if (day.getDayOfMonth() == 1 && !day.plusMonths(1).isAfter(to.plusDays(1))) {
                    buckets.add(new Bucket('M', day));
                    day = day.plusMonths(1);
                } else {
                    LocalDate end = day.withDayOfMonth(day.lengthOfMonth());
                    end = end.isAfter(to) ? to : end;
                    days.add(new Days(day, end));
                    day = end.plusDays(1);
                }
            }
            return new Slices(buckets, days);
        }
    }
}
