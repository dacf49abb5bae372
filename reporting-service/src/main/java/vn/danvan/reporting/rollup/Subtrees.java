package vn.danvan.reporting.rollup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.reporting.projection.Rows;
import vn.danvan.reporting.unit.Structure;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Totals kept above the unit (ADR 0013). A report counts a set of units: a unit's subtree on the structure date, or
 * one branch of it. Such a set is a {@code subtree}, named by a digest of its members, so that the tree through time
 * needs nothing special: a merge or a restatement gives another set of units, hence another subtree, and the same set
 * asked for on another date shares the rows already kept. The counters of a subtree are computed the first time a
 * report asks for a bucket (from the units' rollup, or from the facts for single days) and kept from then on by the
 * models consumer, which adds each unit's difference to the subtrees the unit belongs to.
 *
 * <p>A bucket computed while a batch of events is being applied must neither miss nor count twice that batch: the
 * consumer holds a shared advisory lock while it applies, the computation the exclusive one, so a batch either
 * commits before the computation reads, or finds the computed rows when it adds its difference.
 */
@ApplicationScoped
public class Subtrees {
    /** The advisory lock between the consumer (shared) and the computation of new buckets (exclusive). */
    static final long LOCK = 0x64616e76616e5375L;

    @ConfigProperty(name = "danvan.reports.subtrees.max", defaultValue = "4096")
    int max;

    @Inject
    EntityManager em;

    @Inject
    Rows rows;

    /** Members counted together under one key of a report ("total", or a branch): the subtree they form. */
    record Group(String key, UUID id, List<String> units) {
        static Group of(String key, List<String> units) {
            String digest = String.join(",", units);
            return new Group(key, UUID.nameUUIDFromBytes(("subtree:" + digest).getBytes(StandardCharsets.UTF_8)), units);
        }
    }

    /** A bucket of a period: a calendar year, quarter or month by its first day, or a single day (grain D). */
    record Bucket(String grain, LocalDate start) {
    }

    /** A bucket a subtree lacks. */
    private record Need(UUID subtree, Bucket bucket) {
    }

    /** The members of a report as the groups it counts: all of them, or one group per branch (child of the root). */
    static List<Group> groups(Structure.Members members, boolean byBranch) {
        if (!byBranch) {
            return List.of(Group.of("total", members.units()));
        }
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < members.units().size(); i++) {
            byKey.computeIfAbsent(members.branchOf().get(i), k -> new ArrayList<>()).add(members.units().get(i));
        }
        return groups(byKey);
    }

    /** Groups of units by key; each list sorted as {@link Structure#members} sorts them, so that its digest is stable. */
    static List<Group> groups(Map<String, List<String>> byKey) {
        return byKey.entrySet().stream().map(e -> Group.of(e.getKey(), e.getValue())).toList();
    }

    /** The buckets that make up a period: whole years, quarters and months, then each day left over. */
    static List<Bucket> buckets(LocalDate from, LocalDate to) {
        FactRollup.Slices slices = FactRollup.Slices.of(from, to);
        List<Bucket> buckets = new ArrayList<>();
        slices.buckets().forEach(b -> buckets.add(new Bucket(String.valueOf(b.grain()), b.start())));
        for (FactRollup.Slices.Days days : slices.days()) {
            days.from().datesUntil(days.to().plusDays(1)).forEach(day -> buckets.add(new Bucket("D", day)));
        }
        return buckets;
    }

    /**
     * The counters of each group over the buckets, summed; groups with nothing counted are left out. Buckets no report
     * asked for before are computed first, in their own transaction.
     */
    Map<String, long[]> count(List<Group> groups, List<Bucket> buckets) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Set<List<Object>> found = read(groups, buckets, sums);
        // Computed rows may be evicted by another report before they are read (more than {@link #max} subtrees in use
        // at once): then computed again.
        for (int attempt = 0; found.size() < groups.size() * buckets.size(); attempt++) {
            if (attempt == 5) {
                throw new IllegalStateException("the totals of " + groups.size() + " subtrees were evicted before they were read;"
                        + " raise danvan.reports.subtrees.max (now " + max + ")");
            }
            List<Group> missing = new ArrayList<>();
            List<Need> needs = new ArrayList<>();
            for (Group group : groups) {
                boolean any = false;
                for (Bucket bucket : buckets) {
                    if (!found.contains(List.of(group.id(), bucket.grain(), bucket.start()))) {
                        needs.add(new Need(group.id(), bucket));
                        any = true;
                    }
                }
                if (any) {
                    missing.add(group);
                }
            }
            QuarkusTransaction.requiringNew().run(() -> compute(missing, needs));
            sums.clear();
            found = read(groups, buckets, sums);
        }
        sums.values().removeIf(counts -> Arrays.stream(counts).allMatch(c -> c == 0));
        return sums;
    }

    @SuppressWarnings("unchecked")
    private Set<List<Object>> read(List<Group> groups, List<Bucket> buckets, Map<String, long[]> sums) {
        Map<UUID, String> keys = new LinkedHashMap<>();
        groups.forEach(g -> keys.put(g.id(), g.key()));
        List<Object[]> result = em.createNativeQuery("""
                        SELECT r.subtree_id, r.grain, r.bucket, r.counts
                        FROM unnest(cast(?1 AS uuid[])) s(id)
                        CROSS JOIN unnest(cast(?2 AS text[]), cast(?3 AS date[])) b(grain, bucket)
                        JOIN subtree_rollup r ON r.subtree_id = s.id AND r.grain = b.grain AND r.bucket = b.bucket""")
                .setParameter(1, SqlArrays.literal(keys.keySet()))
                .setParameter(2, SqlArrays.literal(buckets.stream().map(Bucket::grain).toList()))
                .setParameter(3, SqlArrays.literal(buckets.stream().map(Bucket::start).toList()))
                .getResultList();
        Set<List<Object>> found = new HashSet<>();
        for (Object[] row : result) {
            LocalDate bucket = row[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[2];
            found.add(List.of(row[0], row[1], bucket));
            long[] sum = sums.computeIfAbsent(keys.get((UUID) row[0]), k -> new long[FactRollup.CELLS.size()]);
            Object counts = row[3];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += counts instanceof Integer[] boxed ? boxed[i] : ((int[]) counts)[i];
            }
        }
        return found;
    }

    /**
     * Registers the groups as subtrees (when new) and computes the buckets they lack, under the exclusive lock: years,
     * quarters and months from the units' rollup, days from the facts; a bucket with nothing gets zeros, which mark it
     * as kept from now on.
     */
    private void compute(List<Group> groups, List<Need> needs) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        List<String> subtrees = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (Group group : groups) {
            group.units().forEach(unit -> {
                subtrees.add(group.id().toString());
                units.add(unit);
            });
        }
        String pairs = "WITH g(subtree, unit) AS (SELECT * FROM unnest(cast(:subtrees AS uuid[]), cast(:units AS uuid[]))),\n"
                + "need(subtree, grain, bucket) AS (SELECT * FROM unnest(cast(:needSubtrees AS uuid[]), "
                + "cast(:needGrains AS text[]), cast(:needBuckets AS date[])))\n";
        Map<String, Object> parameters = Map.of("subtrees", SqlArrays.literal(subtrees), "units", SqlArrays.literal(units),
                "needSubtrees", SqlArrays.literal(needs.stream().map(Need::subtree).toList()),
                "needGrains", SqlArrays.literal(needs.stream().map(n -> n.bucket().grain()).toList()),
                "needBuckets", SqlArrays.literal(needs.stream().map(n -> n.bucket().start()).toList()));

        var registered = em.createNativeQuery("""
                        INSERT INTO subtree (id, size)
                        SELECT id, size FROM unnest(cast(?1 AS uuid[]), cast(?2 AS int[])) AS x(id, size)
                        ON CONFLICT (id) DO NOTHING RETURNING id""")
                .setParameter(1, SqlArrays.literal(groups.stream().map(Group::id).toList()))
                .setParameter(2, SqlArrays.literal(groups.stream().map(g -> g.units().size()).toList()))
                .getResultList();
        if (!registered.isEmpty()) {
            var query = em.createNativeQuery(pairs + """
                    INSERT INTO subtree_member (unit_id, subtree_id)
                    SELECT g.unit, g.subtree FROM g WHERE g.subtree = ANY(cast(:registered AS uuid[]))""");
            parameters.forEach(query::setParameter);
            query.setParameter("registered", SqlArrays.literal(registered)).executeUpdate();
        }

        String sums = IntStream.rangeClosed(1, FactRollup.CELLS.size()).mapToObj(i -> "sum(r.counts[" + i + "])")
                .collect(Collectors.joining(", ", "ARRAY[", "]::int[]"));
        String days = FactRollup.facts("d.subtree", "d.subtree",
                "JOIN days d ON f.unit_id = d.unit AND f.registered_on BETWEEN d.first AND d.last",
                "JOIN days d ON r.unit_id = d.unit AND r.recognized_on BETWEEN d.first AND d.last");
        // The days asked for, as ranges of consecutive days per subtree: each member's facts are read range by range.
        List<String> rangeSubtrees = new ArrayList<>();
        List<LocalDate> firsts = new ArrayList<>();
        List<LocalDate> lasts = new ArrayList<>();
        for (Need need : needs) {
            Bucket bucket = need.bucket();
            if (!"D".equals(bucket.grain())) {
                continue;
            }
            int last = lasts.size() - 1;
            if (last >= 0 && rangeSubtrees.get(last).equals(need.subtree().toString()) && lasts.get(last).plusDays(1).equals(bucket.start())) {
                lasts.set(last, bucket.start());
            } else {
                rangeSubtrees.add(need.subtree().toString());
                firsts.add(bucket.start());
                lasts.add(bucket.start());
            }
        }
        var query = em.createNativeQuery(pairs + """
                , rolled AS (
                    SELECT n.subtree, n.grain, n.bucket, %1$s AS counts
                    FROM need n JOIN g ON g.subtree = n.subtree
                    JOIN fact_rollup r ON r.unit_id = g.unit AND r.grain = n.grain AND r.bucket = n.bucket
                    WHERE n.grain <> 'D'
                    GROUP BY 1, 2, 3),
                days AS (
                    SELECT g.subtree, g.unit, d.first, d.last FROM g
                    JOIN unnest(cast(:rangeSubtrees AS uuid[]), cast(:firsts AS date[]), cast(:lasts AS date[])) d(subtree, first, last)
                      ON d.subtree = g.subtree),
                daily AS (
                    SELECT x.k AS subtree, 'D' AS grain, x.day AS bucket, %2$s AS counts
                    FROM (%3$s) x GROUP BY 1, 2, 3)
                INSERT INTO subtree_rollup (subtree_id, grain, bucket, counts)
                SELECT n.subtree, n.grain, n.bucket, COALESCE(r.counts, d.counts, array_fill(0, ARRAY[%4$d]))
                FROM need n
                LEFT JOIN rolled r ON r.subtree = n.subtree AND r.grain = n.grain AND r.bucket = n.bucket
                LEFT JOIN daily d ON d.subtree = n.subtree AND d.grain = n.grain AND d.bucket = n.bucket
                ON CONFLICT DO NOTHING""".formatted(sums, FactRollup.counters(), days, FactRollup.CELLS.size()));
        parameters.forEach(query::setParameter);
        query.setParameter("rangeSubtrees", SqlArrays.literal(rangeSubtrees)).setParameter("firsts", SqlArrays.literal(firsts))
                .setParameter("lasts", SqlArrays.literal(lasts)).executeUpdate();
        evict(groups);
    }

    /** Beyond {@link #max} subtrees, the oldest are dropped (a report that asks for one again computes it again). */
    private void evict(List<Group> keep) {
        em.createNativeQuery("""
                        DELETE FROM subtree WHERE id IN (
                            SELECT id FROM subtree WHERE id <> ALL(cast(?1 AS uuid[]))
                            ORDER BY seq DESC OFFSET ?2)""")
                .setParameter(1, SqlArrays.literal(keep.stream().map(Group::id).toList()))
                .setParameter(2, Math.max(0, max - keep.size()))
                .executeUpdate();
    }

    /**
     * In the consumer's transaction: adds the difference a batch makes to each unit's buckets (rows of unit_id, grain,
     * bucket, counts) to the buckets kept for the subtrees those units belong to.
     */
    @SuppressWarnings("unchecked")
    void apply(List<Map<String, Object>> deltas) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock_shared(?1)").setParameter(1, LOCK).getSingleResult();
        Set<Object> units = deltas.stream().map(d -> d.get("unit_id")).collect(Collectors.toSet());
        List<Object[]> memberships = em.createNativeQuery(
                        "SELECT unit_id::text, subtree_id::text FROM subtree_member WHERE unit_id = ANY(cast(?1 AS uuid[]))")
                .setParameter(1, SqlArrays.literal(units)).getResultList();
        if (memberships.isEmpty()) {
            return;
        }
        Map<String, List<String>> subtreesOf = new LinkedHashMap<>();
        memberships.forEach(m -> subtreesOf.computeIfAbsent((String) m[0], k -> new ArrayList<>()).add((String) m[1]));
        Map<List<Object>, long[]> sums = new LinkedHashMap<>();
        for (Map<String, Object> delta : deltas) {
            long[] counts = (long[]) delta.get("counts");
            for (String subtree : subtreesOf.getOrDefault((String) delta.get("unit_id"), List.of())) {
                long[] sum = sums.computeIfAbsent(List.of(subtree, delta.get("grain"), delta.get("bucket")),
                        k -> new long[counts.length]);
                for (int i = 0; i < counts.length; i++) {
                    sum[i] += counts[i];
                }
            }
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        sums.forEach((key, counts) -> changes.add(Map.of("subtree_id", key.get(0), "grain", key.get(1), "bucket", key.get(2),
                "counts", counts)));
        em.createNativeQuery("""
                        UPDATE subtree_rollup s SET counts = (
                            SELECT array_agg(a + b ORDER BY i) FROM unnest(s.counts, x.counts) WITH ORDINALITY AS t(a, b, i))
                        FROM jsonb_to_recordset(cast(?1 AS jsonb)) AS x(subtree_id uuid, grain text, bucket date, counts int[])
                        WHERE s.subtree_id = x.subtree_id AND s.grain = x.grain AND s.bucket = x.bucket""")
                .setParameter(1, rows.json(changes)).executeUpdate();
    }

    /** Drops every subtree, as eviction would (tests: the next reports compute their buckets again). */
    void dropAll() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
            em.createNativeQuery("DELETE FROM subtree").executeUpdate();
        });
    }

    /** Everything kept is dropped (the units' rollup was recounted); reports compute what they need again. */
    void clear() {
        em.createNativeQuery("TRUNCATE subtree, subtree_member, subtree_rollup").executeUpdate();
    }
}
