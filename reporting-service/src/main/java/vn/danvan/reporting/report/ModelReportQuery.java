package vn.danvan.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;
import vn.danvan.reporting.period.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Counts models of a unit's subtree over a period, from the projections only. */
@ApplicationScoped
public class ModelReportQuery {
    static final List<String> RECOGNITION_LEVELS = List.of("COMMUNE", "DISTRICT", "PROVINCE", "NATIONAL");
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("ECONOMY", "Kinh tế"),
            Map.entry("CULTURE_SOCIETY", "Văn hóa – xã hội"),
            Map.entry("DEFENCE_SECURITY", "Quốc phòng – an ninh"),
            Map.entry("POLITICAL_SYSTEM", "Xây dựng Đảng và hệ thống chính trị"),
            Map.entry("OTHER", "Lĩnh vực khác"),
            Map.entry("NEW", "Mô hình mới"),
            Map.entry("REPLICATED", "Mô hình nhân rộng"),
            Map.entry("PROVINCE", "Cấp tỉnh"),
            Map.entry("DISTRICT", "Cấp huyện"),
            Map.entry("COMMUNE", "Cấp xã"),
            Map.entry("VILLAGE", "Thôn, tổ dân phố"));

    /** The subtree as it stood on :asOf, each member tagged with the child of the root it lies under. */
    private static final String SUBTREE = """
            WITH RECURSIVE sub(id, branch, level) AS (
                SELECT id, id, level FROM unit_node WHERE id = :unit
              UNION ALL
                SELECT c.id, CASE WHEN s.id = :unit THEN c.id ELSE s.branch END, c.level
                FROM unit_node c JOIN sub s ON c.parent_id = s.id
                WHERE c.valid_from <= :asOf AND (c.valid_to IS NULL OR c.valid_to >= :asOf)
            )
            """;

    @Inject
    EntityManager em;

    public ModelReport report(UUID unitId, Period period, String groupBy, LocalDate structureAsOf) {
        if (em.createNativeQuery("SELECT 1 FROM unit_node WHERE id = ?1").setParameter(1, unitId).getResultList().isEmpty()) {
            throw ProblemException.notFound("unit", unitId);
        }
        LocalDate asOf = structureAsOf == null ? period.to() : structureAsOf;
        ModelReport.Counts totals = toCounts(count(unitId, period, asOf, "'total'").getOrDefault("total", new long[3]));
        List<ModelReport.Row> rows = groupBy == null ? List.of() : rows(unitId, period, asOf, groupBy);
        return new ModelReport(unitId, period, totals, rows);
    }

    private List<ModelReport.Row> rows(UUID unitId, Period period, LocalDate asOf, String groupBy) {
        return switch (groupBy) {
            case "field" -> enumRows(count(unitId, period, asOf, "f.field"), List.of("ECONOMY", "CULTURE_SOCIETY",
                    "DEFENCE_SECURITY", "POLITICAL_SYSTEM", "OTHER"));
            case "origin" -> enumRows(count(unitId, period, asOf, "f.origin"), List.of("NEW", "REPLICATED"));
            case "unitLevel" -> enumRows(count(unitId, period, asOf, "sub.level"),
                    List.of("PROVINCE", "DISTRICT", "COMMUNE", "VILLAGE"));
            case "child" -> childRows(unitId, period, asOf);
            case "recognitionLevel" -> RECOGNITION_LEVELS.stream()
                    .map(level -> new ModelReport.Row(level, LABELS.get(level), 0, 0, 0, recognized())).toList();
            default -> throw ProblemException.badRequest("groupBy",
                    "must be one of child, field, origin, recognitionLevel, unitLevel");
        };
    }

    private List<ModelReport.Row> enumRows(Map<String, long[]> counts, List<String> keys) {
        return keys.stream().map(key -> {
            long[] c = counts.getOrDefault(key, new long[3]);
            return new ModelReport.Row(key, LABELS.get(key), c[0], c[1], c[2], recognized());
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private List<ModelReport.Row> childRows(UUID unitId, Period period, LocalDate asOf) {
        Map<String, long[]> counts = count(unitId, period, asOf, "sub.branch::text");
        List<Object[]> children = em.createNativeQuery("""
                        SELECT id::text, name FROM unit_node
                        WHERE parent_id = :unit AND valid_from <= :asOf AND (valid_to IS NULL OR valid_to >= :asOf)
                        """)
                .setParameter("unit", unitId).setParameter("asOf", asOf).getResultList();
        List<ModelReport.Row> rows = new ArrayList<>();
        for (Object[] child : children) {
            long[] c = counts.getOrDefault((String) child[0], new long[3]);
            rows.add(new ModelReport.Row((String) child[0], (String) child[1], c[0], c[1], c[2], recognized()));
        }
        rows.sort(Comparator.comparing(ModelReport.Row::label, VietnameseText.collation()));
        return rows;
    }

    /** registered, new, replicated per group key. */
    @SuppressWarnings("unchecked")
    private Map<String, long[]> count(UUID unitId, Period period, LocalDate asOf, String groupExpression) {
        List<Object[]> result = em.createNativeQuery(SUBTREE + """
                        SELECT %s AS k, count(*),
                               count(*) FILTER (WHERE f.origin = 'NEW'),
                               count(*) FILTER (WHERE f.origin = 'REPLICATED')
                        FROM model_fact f JOIN sub ON f.unit_id = sub.id
                        WHERE f.registered_on BETWEEN :from AND :to
                        GROUP BY 1
                        """.formatted(groupExpression))
                .setParameter("unit", unitId).setParameter("asOf", asOf)
                .setParameter("from", period.from()).setParameter("to", period.to())
                .getResultList();
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Object[] row : result) {
            counts.put(String.valueOf(row[0]), new long[] {
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), ((Number) row[3]).longValue()});
        }
        return counts;
    }

    private static ModelReport.Counts toCounts(long[] c) {
        return new ModelReport.Counts(c[0], c[1], c[2], recognized());
    }

    /** Recognitions are not projected yet (model-recognized arrives with the plan-service issue): zero per level. */
    private static Map<String, Long> recognized() {
        Map<String, Long> levels = new LinkedHashMap<>();
        RECOGNITION_LEVELS.forEach(level -> levels.put(level, 0L));
        return levels;
    }
}
