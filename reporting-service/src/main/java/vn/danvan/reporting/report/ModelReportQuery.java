package vn.danvan.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;
import vn.danvan.reporting.period.Period;
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
 * Counts models and recognitions of a unit's subtree over a period, from the projections only: the rollup for the
 * totals and the groupings by child, field and origin; the facts for the unit's level and the recognition level.
 */
@ApplicationScoped
public class ModelReportQuery {
    public static final List<String> GROUPINGS = List.of("child", "field", "origin", "recognitionLevel", "unitLevel");
    private static final List<String> UNIT_LEVELS = List.of("PROVINCE", "DISTRICT", "COMMUNE", "VILLAGE");
    private static final String LEVEL_AT_REGISTRATION = """
            (SELECT p.level FROM unit_period p WHERE p.unit_id = f.unit_id AND p.valid_from <= f.registered_on
             AND (p.valid_to IS NULL OR p.valid_to >= f.registered_on))""";
    private static final String LEVEL_AT_RECOGNITION = """
            (SELECT p.level FROM unit_period p WHERE p.unit_id = r.unit_id AND p.valid_from <= r.recognized_on
             AND (p.valid_to IS NULL OR p.valid_to >= r.recognized_on))""";

    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    @Inject
    FactRollup rollup;

    public ModelReport report(UUID unitId, Period period, String groupBy, LocalDate structureAsOf) {
        if (groupBy != null && !GROUPINGS.contains(groupBy)) {
            throw ProblemException.badRequest("groupBy", "must be one of " + String.join(", ", GROUPINGS));
        }
        LocalDate asOf = structureAsOf == null ? period.to() : structureAsOf;
        Structure.UnitAt unit = structure.require(unitId, asOf);
        boolean byChild = "child".equals(groupBy);
        // One read of the rollup gives the totals and, by child, the rows: each member lies under one child only.
        Map<String, FactRollup.Counts> rolledUp = rollup.count(structure.members(unitId, asOf), byChild, period.from(),
                period.to());
        ModelReport.Counts totals = rolledUp.values().stream().map(c -> counts(c, null, null))
                .reduce(ModelReport.Counts.zero(), ModelReportQuery::plus);
        FactRollup.Counts all = rolledUp.get("total");
        List<ModelReport.Row> rows = groupBy == null ? List.of() : switch (groupBy) {
            case "field" -> FactRollup.FIELDS.stream().map(field -> row(field, counts(all, field, null))).toList();
            case "origin" -> FactRollup.ORIGINS.stream().map(origin -> row(origin, counts(all, null, origin))).toList();
            case "unitLevel" -> enumRows(counts(unitId, period, asOf, LEVEL_AT_REGISTRATION, LEVEL_AT_RECOGNITION),
                    UNIT_LEVELS);
            case "recognitionLevel" -> enumRows(byRecognitionLevel(unitId, period, asOf), ModelReport.RECOGNITION_LEVELS);
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

    /** From the facts, for the grouping the rollup does not keep: the level of the unit on the day of each fact. */
    @SuppressWarnings("unchecked")
    private Map<String, ModelReport.Counts> counts(UUID unitId, Period period, LocalDate asOf, String modelGroup,
                                                   String recognitionGroup) {
        Structure.Members members = structure.members(unitId, asOf);
        Map<String, long[]> registered = new HashMap<>();
        List<Object[]> modelRows = em.createNativeQuery(Structure.MEMBER_LIST + """
                        SELECT %s AS k, count(*),
                               count(*) FILTER (WHERE f.origin = 'NEW'),
                               count(*) FILTER (WHERE f.origin = 'REPLICATED')
                        FROM model_fact f JOIN members m ON f.unit_id = m.id
                        WHERE f.registered_on BETWEEN :from AND :to
                        GROUP BY 1""".formatted(modelGroup))
                .setParameter("ids", members.ids()).setParameter("branches", members.branches())
                .setParameter("from", period.from()).setParameter("to", period.to())
                .getResultList();
        for (Object[] row : modelRows) {
            registered.put(String.valueOf(row[0]), new long[] {number(row[1]), number(row[2]), number(row[3])});
        }
        Map<String, Map<String, Long>> recognized = new HashMap<>();
        List<Object[]> recognitionRows = em.createNativeQuery(Structure.MEMBER_LIST + """
                        SELECT %s AS k, r.level, count(*)
                        FROM recognition_fact r JOIN members m ON r.unit_id = m.id
                        WHERE r.recognized_on BETWEEN :from AND :to
                        GROUP BY 1, 2""".formatted(recognitionGroup))
                .setParameter("ids", members.ids()).setParameter("branches", members.branches())
                .setParameter("from", period.from()).setParameter("to", period.to())
                .getResultList();
        for (Object[] row : recognitionRows) {
            recognized.computeIfAbsent(String.valueOf(row[0]), k -> ModelReport.recognitionMap())
                    .merge((String) row[1], number(row[2]), Long::sum);
        }
        Map<String, ModelReport.Counts> counts = new LinkedHashMap<>();
        for (String key : union(registered.keySet(), recognized.keySet())) {
            long[] c = registered.getOrDefault(key, new long[3]);
            counts.put(key, new ModelReport.Counts(c[0], c[1], c[2],
                    recognized.getOrDefault(key, ModelReport.recognitionMap())));
        }
        return counts;
    }

    /** Per recognition level: the models recognised at that level in the period (by origin) and the recognitions. */
    @SuppressWarnings("unchecked")
    private Map<String, ModelReport.Counts> byRecognitionLevel(UUID unitId, Period period, LocalDate asOf) {
        Structure.Members members = structure.members(unitId, asOf);
        List<Object[]> rows = em.createNativeQuery(Structure.MEMBER_LIST + """
                        SELECT r.level, count(DISTINCT r.model_id),
                               count(DISTINCT r.model_id) FILTER (WHERE r.origin = 'NEW'),
                               count(DISTINCT r.model_id) FILTER (WHERE r.origin = 'REPLICATED'),
                               count(*)
                        FROM recognition_fact r JOIN members m ON r.unit_id = m.id
                        WHERE r.recognized_on BETWEEN :from AND :to
                        GROUP BY 1""")
                .setParameter("ids", members.ids()).setParameter("branches", members.branches())
                .setParameter("from", period.from()).setParameter("to", period.to())
                .getResultList();
        Map<String, ModelReport.Counts> counts = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Map<String, Long> recognized = ModelReport.recognitionMap();
            recognized.put((String) row[0], number(row[4]));
            counts.put((String) row[0], new ModelReport.Counts(number(row[1]), number(row[2]), number(row[3]), recognized));
        }
        return counts;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> keys = new ArrayList<>(a);
        b.stream().filter(k -> !a.contains(k)).forEach(keys::add);
        return keys;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
