package vn.danvan.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;
import vn.danvan.reporting.period.Period;
import vn.danvan.reporting.projection.Kept;
import vn.danvan.reporting.rollup.FactRollup;
import vn.danvan.reporting.unit.Structure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Counts models and recognitions of a unit's subtree over a period, from the projections only: the totals kept per
 * subtree (ADR 0013) for every grouping; the facts only for the few members whose level changed within the period
 * ({@code unitLevel}) and for the models recognised twice at a level in it ({@code recognitionLevel}).
 */
@ApplicationScoped
public class ModelReportQuery {
    public static final List<String> GROUPINGS = List.of("child", "field", "origin", "recognitionLevel", "unitLevel");
    private static final List<String> UNIT_LEVELS = List.of("PROVINCE", "DISTRICT", "COMMUNE", "VILLAGE");
    /** Recognitions in the period of a model recognised at the same level earlier in it, per level and origin. */
    public static final String REPEATS = Structure.MEMBER_LIST + """
            SELECT r.level, count(*), count(*) FILTER (WHERE r.origin = 'NEW'),
                   count(*) FILTER (WHERE r.origin = 'REPLICATED')
            FROM members m JOIN recognition_fact r ON r.unit_id = m.id
            WHERE r.previous_on IS NOT NULL AND r.recognized_on BETWEEN :from AND :to AND r.previous_on >= :from
            GROUP BY 1""";

    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    @Inject
    FactRollup rollup;

    /** The repeats of a report's members and period, until the tree or the repeats move (repeat_version). */
    private final Kept<List<Object>, Map<String, long[]>> keptRepeats = new Kept<>(256);

    public ModelReport report(UUID unitId, Period period, String groupBy, LocalDate structureAsOf) {
        if (groupBy != null && !GROUPINGS.contains(groupBy)) {
            throw ProblemException.badRequest("groupBy", "must be one of " + String.join(", ", GROUPINGS));
        }
        LocalDate asOf = structureAsOf == null ? period.to() : structureAsOf;
        Structure.UnitAt unit = structure.require(unitId, asOf);
        boolean byChild = "child".equals(groupBy);
        // One read of the rollup gives the totals and, by child, the rows: each member lies under one child only.
        Structure.Members members = structure.members(unitId, asOf);
        Map<String, FactRollup.Counts> rolledUp = rollup.count(members, byChild, period.from(), period.to());
        ModelReport.Counts totals = rolledUp.values().stream().map(c -> counts(c, null, null))
                .reduce(ModelReport.Counts.zero(), ModelReportQuery::plus);
        FactRollup.Counts all = rolledUp.get("total");
        List<ModelReport.Row> rows = groupBy == null ? List.of() : switch (groupBy) {
            case "field" -> FactRollup.FIELDS.stream().map(field -> row(field, counts(all, field, null))).toList();
            case "origin" -> FactRollup.ORIGINS.stream().map(origin -> row(origin, counts(all, null, origin))).toList();
            case "unitLevel" -> enumRows(byUnitLevel(unitId, members, period, asOf), UNIT_LEVELS);
            case "recognitionLevel" -> enumRows(byRecognitionLevel(all, unitId, asOf, members, period),
                    ModelReport.RECOGNITION_LEVELS);
            default -> childRows(unit, asOf, rolledUp);
        };
        return new ModelReport(unitId, unit.name(), unit.level(), period, period.label(), asOf, groupBy, totals, rows);
    }

    private List<ModelReport.Row> childRows(Structure.UnitAt unit, LocalDate asOf, Map<String, FactRollup.Counts> counts) {
        List<ModelReport.Row> rows = new ArrayList<>();
        for (Object[] child : structure.children(unit.id(), asOf)) {
            String key = child[0].toString();
            rows.add(ModelReport.Row.of(key, (String) child[1], counts(counts.get(key), null, null)));
        }
        rows.sort(Comparator.comparing(ModelReport.Row::label, VietnameseText.collation()));
        FactRollup.Counts own = counts.get(unit.id().toString());
        if (own != null) {
            // What the unit registered itself, not through a child: shown so that the rows add up to the totals.
            rows.add(ModelReport.Row.of(unit.id().toString(), unit.name() + " (trực tiếp)", counts(own, null, null)));
        }
        return rows;
    }

    private static ModelReport.Row row(String key, ModelReport.Counts counts) {
        return ModelReport.Row.of(key, Labels.of(key), counts);
    }

    /** The counts of one field, or of one origin, or (both null) of everything; zero when nothing was counted. */
    private static ModelReport.Counts counts(FactRollup.Counts counts, String field, String origin) {
        if (counts == null) {
            return ModelReport.Counts.zero();
        }
        Map<String, Long> recognized = ModelReport.recognitionMap();
        recognized.replaceAll((level, zero) -> counts.recognized(level, field, origin));
        long registered = counts.registered(field, origin);
        long newModels = origin == null ? counts.registered(field, "NEW") : "NEW".equals(origin) ? registered : 0;
        long replicated = origin == null ? counts.registered(field, "REPLICATED") : "REPLICATED".equals(origin) ? registered : 0;
        return new ModelReport.Counts(registered, newModels, replicated, recognized);
    }

    private static ModelReport.Counts plus(ModelReport.Counts a, ModelReport.Counts b) {
        Map<String, Long> recognized = ModelReport.recognitionMap();
        recognized.replaceAll((level, zero) -> a.recognized().getOrDefault(level, 0L) + b.recognized().getOrDefault(level, 0L));
        return new ModelReport.Counts(a.registered() + b.registered(), a.newModels() + b.newModels(),
                a.replicated() + b.replicated(), recognized);
    }

    private List<ModelReport.Row> enumRows(Map<String, ModelReport.Counts> counts, List<String> keys) {
        return keys.stream()
                .map(key -> ModelReport.Row.of(key, Labels.of(key), counts.getOrDefault(key, ModelReport.Counts.zero())))
                .toList();
    }

    /**
     * The members of a subtree by the level their unit had during a period: {@code steady} by level, for those with one
     * level all through it; {@code changing}, those whose level changed within it.
     */
    record UnitLevels(Map<String, List<String>> steady, List<String> changing) {
    }

    /**
     * By the level of the unit on the day of each fact (for a day the unit did not exist, the level it last had before
     * it, or else the first it had). Members with one level all through the period are counted together per level from
     * the subtree totals; the few whose level changed within it, from their facts.
     */
    private Map<String, ModelReport.Counts> byUnitLevel(UUID unitId, Structure.Members members, Period period,
                                                        LocalDate asOf) {
        UnitLevels levels = structure.derived(members, "unitLevels " + period.from() + ".." + period.to(), unitId, asOf,
                () -> unitLevels(members, period));
        Map<String, ModelReport.Counts> counts = new LinkedHashMap<>();
        rollup.count(levels.steady(), period.from(), period.to())
                .forEach((level, c) -> counts.put(level, counts(c, null, null)));
        if (!levels.changing().isEmpty()) {
            byLevelFromFacts(levels.changing(), period).forEach((level, c) -> counts.merge(level, c, ModelReportQuery::plus));
        }
        return counts;
    }

    /** The level that applies on a day (see {@link #byUnitLevel}) to the unit in a column. */
    private static String levelOn(String unit, String day) {
        return """
                (SELECT p.level FROM unit_period p WHERE p.unit_id = %1$s
                 ORDER BY p.valid_from > %2$s, abs(p.valid_from - %2$s) LIMIT 1)""".formatted(unit, day);
    }

    @SuppressWarnings("unchecked")
    private UnitLevels unitLevels(Structure.Members members, Period period) {
        // The levels that apply on some day of the period: the one of the day before it starts, and any that starts in it.
        var query = em.createNativeQuery(Structure.MEMBER_LIST + """
                SELECT m.id::text, min(p.level), count(DISTINCT p.level)
                FROM members m JOIN unit_period p ON p.unit_id = m.id
                WHERE (p.valid_from > :from AND p.valid_from <= :to)
                   OR p.valid_from = (SELECT coalesce(max(q.valid_from) FILTER (WHERE q.valid_from <= :from), min(q.valid_from))
                                      FROM unit_period q WHERE q.unit_id = m.id)
                GROUP BY 1 ORDER BY 1""");
        members.parameters().forEach(query::setParameter);
        List<Object[]> rows = query.setParameter("from", period.from()).setParameter("to", period.to()).getResultList();
        Map<String, List<String>> steady = new LinkedHashMap<>();
        List<String> changing = new ArrayList<>();
        for (Object[] row : rows) {
            if (number(row[2]) == 1) {
                steady.computeIfAbsent((String) row[1], k -> new ArrayList<>()).add((String) row[0]);
            } else {
                changing.add((String) row[0]);
            }
        }
        return new UnitLevels(steady, changing);
    }

    @SuppressWarnings("unchecked")
    private Map<String, ModelReport.Counts> byLevelFromFacts(List<String> units, Period period) {
        Map<String, ModelReport.Counts> counts = new HashMap<>();
        List<Object[]> modelRows = em.createNativeQuery("""
                        SELECT %s AS k, count(*), count(*) FILTER (WHERE f.origin = 'NEW'),
                               count(*) FILTER (WHERE f.origin = 'REPLICATED')
                        FROM model_fact f JOIN unnest(cast(?1 AS uuid[])) m(id) ON f.unit_id = m.id
                        WHERE f.registered_on BETWEEN ?2 AND ?3
                        GROUP BY 1""".formatted(levelOn("f.unit_id", "f.registered_on")))
                .setParameter(1, SqlArrays.literal(units)).setParameter(2, period.from()).setParameter(3, period.to())
                .getResultList();
        for (Object[] row : modelRows) {
            counts.merge((String) row[0], new ModelReport.Counts(number(row[1]), number(row[2]), number(row[3]),
                    ModelReport.recognitionMap()), ModelReportQuery::plus);
        }
        List<Object[]> recognitionRows = em.createNativeQuery("""
                        SELECT %s AS k, r.level, count(*)
                        FROM recognition_fact r JOIN unnest(cast(?1 AS uuid[])) m(id) ON r.unit_id = m.id
                        WHERE r.recognized_on BETWEEN ?2 AND ?3
                        GROUP BY 1, 2""".formatted(levelOn("r.unit_id", "r.recognized_on")))
                .setParameter(1, SqlArrays.literal(units)).setParameter(2, period.from()).setParameter(3, period.to())
                .getResultList();
        for (Object[] row : recognitionRows) {
            Map<String, Long> recognized = ModelReport.recognitionMap();
            recognized.put((String) row[1], number(row[2]));
            counts.merge((String) row[0], new ModelReport.Counts(0, 0, 0, recognized), ModelReportQuery::plus);
        }
        return counts;
    }

    /**
     * Per recognition level: the models recognised at that level in the period, once each (by origin), and the
     * recognitions. The recognitions come from the subtree totals; a model recognised at a level again in the same
     * period ({@code previous_on} within it) is taken off once for each repeat; the repeats are kept in memory until
     * the tree or the repeats move.
     */
    @SuppressWarnings("unchecked")
    private Map<String, ModelReport.Counts> byRecognitionLevel(FactRollup.Counts all, UUID unitId, LocalDate asOf,
                                                               Structure.Members members, Period period) {
        Map<String, ModelReport.Counts> counts = new LinkedHashMap<>();
        if (all == null) {
            return counts;
        }
        // Read before computing (see Kept): repeats are few and seldom move, a report asks for them member by member.
        Object version = List.of(members.version(), em.createNativeQuery("SELECT version FROM repeat_version")
                .getSingleResult());
        Map<String, long[]> repeats = keptRepeats.get(List.of(unitId, asOf, period.from(), period.to()), version, () -> {
            var query = em.createNativeQuery(REPEATS);
            members.parameters().forEach(query::setParameter);
            Map<String, long[]> read = new HashMap<>();
            for (Object[] row : (List<Object[]>) query.setParameter("from", period.from()).setParameter("to", period.to())
                    .getResultList()) {
                read.put((String) row[0], new long[] {number(row[1]), number(row[2]), number(row[3])});
            }
            return read;
        });
        for (String level : ModelReport.RECOGNITION_LEVELS) {
            long[] repeated = repeats.getOrDefault(level, new long[3]);
            long recognitions = all.recognized(level, null, null);
            Map<String, Long> recognized = ModelReport.recognitionMap();
            recognized.put(level, recognitions);
            counts.put(level, new ModelReport.Counts(recognitions - repeated[0],
                    all.recognized(level, null, "NEW") - repeated[1], all.recognized(level, null, "REPLICATED") - repeated[2],
                    recognized));
        }
        return counts;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
