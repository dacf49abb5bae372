package vn.danvan.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;
import vn.danvan.reporting.period.Period;
import vn.danvan.reporting.unit.Structure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Counts models and recognitions of a unit's subtree over a period, from the projections only. */
@ApplicationScoped
public class ModelReportQuery {
    public static final List<String> GROUPINGS = List.of("child", "field", "origin", "recognitionLevel", "unitLevel");
    private static final List<String> FIELDS = List.of("ECONOMY", "CULTURE_SOCIETY", "DEFENCE_SECURITY", "POLITICAL_SYSTEM", "OTHER");
    private static final List<String> ORIGINS = List.of("NEW", "REPLICATED");
    private static final List<String> UNIT_LEVELS = List.of("PROVINCE", "DISTRICT", "COMMUNE", "VILLAGE");

    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    public ModelReport report(UUID unitId, Period period, String groupBy, LocalDate structureAsOf) {
        if (groupBy != null && !GROUPINGS.contains(groupBy)) {
            throw ProblemException.badRequest("groupBy", "must be one of " + String.join(", ", GROUPINGS));
        }
        LocalDate asOf = structureAsOf == null ? period.to() : structureAsOf;
        Structure.UnitAt unit = structure.require(unitId, asOf);
        ModelReport.Counts totals = counts(unitId, period, asOf, "'total'", "'total'")
                .getOrDefault("total", ModelReport.Counts.zero());
        List<ModelReport.Row> rows = groupBy == null ? List.of() : rows(unit, period, asOf, groupBy);
        return new ModelReport(unitId, unit.name(), unit.level(), period, period.label(), asOf, groupBy, totals, rows);
    }

    private List<ModelReport.Row> rows(Structure.UnitAt unit, Period period, LocalDate asOf, String groupBy) {
        UUID unitId = unit.id();
        return switch (groupBy) {
            case "field" -> enumRows(counts(unitId, period, asOf, "f.field", "r.field"), FIELDS);
            case "origin" -> enumRows(counts(unitId, period, asOf, "f.origin", "r.origin"), ORIGINS);
            case "unitLevel" -> enumRows(counts(unitId, period, asOf, LEVEL_AT_REGISTRATION, LEVEL_AT_RECOGNITION),
                    UNIT_LEVELS);
            case "recognitionLevel" -> enumRows(byRecognitionLevel(unitId, period, asOf), ModelReport.RECOGNITION_LEVELS);
            default -> childRows(unit, period, asOf);
        };
    }

    private static final String LEVEL_AT_REGISTRATION = """
            (SELECT p.level FROM unit_period p WHERE p.unit_id = f.unit_id AND p.valid_from <= f.registered_on
             AND (p.valid_to IS NULL OR p.valid_to >= f.registered_on))""";
    private static final String LEVEL_AT_RECOGNITION = """
            (SELECT p.level FROM unit_period p WHERE p.unit_id = r.unit_id AND p.valid_from <= r.recognized_on
             AND (p.valid_to IS NULL OR p.valid_to >= r.recognized_on))""";

    private List<ModelReport.Row> enumRows(Map<String, ModelReport.Counts> counts, List<String> keys) {
        return keys.stream()
                .map(key -> ModelReport.Row.of(key, Labels.of(key), counts.getOrDefault(key, ModelReport.Counts.zero())))
                .toList();
    }

    private List<ModelReport.Row> childRows(Structure.UnitAt unit, Period period, LocalDate asOf) {
        Map<String, ModelReport.Counts> counts = counts(unit.id(), period, asOf, "m.branch::text", "m.branch::text");
        List<ModelReport.Row> rows = new ArrayList<>();
        for (Object[] child : structure.children(unit.id(), asOf)) {
            String key = child[0].toString();
            rows.add(ModelReport.Row.of(key, (String) child[1], counts.getOrDefault(key, ModelReport.Counts.zero())));
        }
        rows.sort(Comparator.comparing(ModelReport.Row::label, VietnameseText.collation()));
        ModelReport.Counts own = counts.get(unit.id().toString());
        if (own != null) {
            // What the unit registered itself, not through a child: shown so that the rows add up to the totals.
            rows.add(ModelReport.Row.of(unit.id().toString(), unit.name() + " (trực tiếp)", own));
        }
        return rows;
    }

    /** Registered/new/replicated per group key (models registered in the period) and recognitions per level. */
    @SuppressWarnings("unchecked")
    private Map<String, ModelReport.Counts> counts(UUID unitId, Period period, LocalDate asOf, String modelGroup,
                                                   String recognitionGroup) {
        Map<String, long[]> registered = new HashMap<>();
        List<Object[]> modelRows = em.createNativeQuery(Structure.MEMBERS + """
                        SELECT %s AS k, count(*),
                               count(*) FILTER (WHERE f.origin = 'NEW'),
                               count(*) FILTER (WHERE f.origin = 'REPLICATED')
                        FROM model_fact f JOIN members m ON f.unit_id = m.id
                        WHERE f.registered_on BETWEEN :from AND :to
                        GROUP BY 1""".formatted(modelGroup))
                .setParameter("unit", unitId).setParameter("asOf", asOf)
                .setParameter("from", period.from()).setParameter("to", period.to())
                .getResultList();
        for (Object[] row : modelRows) {
            registered.put(String.valueOf(row[0]), new long[] {number(row[1]), number(row[2]), number(row[3])});
        }
        Map<String, Map<String, Long>> recognized = new HashMap<>();
        List<Object[]> recognitionRows = em.createNativeQuery(Structure.MEMBERS + """
                        SELECT %s AS k, r.level, count(*)
                        FROM recognition_fact r JOIN members m ON r.unit_id = m.id
                        WHERE r.recognized_on BETWEEN :from AND :to
                        GROUP BY 1, 2""".formatted(recognitionGroup))
                .setParameter("unit", unitId).setParameter("asOf", asOf)
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
        List<Object[]> rows = em.createNativeQuery(Structure.MEMBERS + """
                        SELECT r.level, count(DISTINCT r.model_id),
                               count(DISTINCT r.model_id) FILTER (WHERE r.origin = 'NEW'),
                               count(DISTINCT r.model_id) FILTER (WHERE r.origin = 'REPLICATED'),
                               count(*)
                        FROM recognition_fact r JOIN members m ON r.unit_id = m.id
                        WHERE r.recognized_on BETWEEN :from AND :to
                        GROUP BY 1""")
                .setParameter("unit", unitId).setParameter("asOf", asOf)
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
