package vn.danvan.reporting.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import vn.danvan.reporting.period.Period;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer of GET /api/reports/models. */
public record ModelReport(UUID unitId, String unitName, String unitLevel, Period period, String periodLabel,
                          LocalDate structureAsOf, String groupBy, Counts totals, List<Row> rows) {
    public static final List<String> RECOGNITION_LEVELS = List.of("COMMUNE", "DISTRICT", "PROVINCE", "NATIONAL");

    public record Counts(long registered, @JsonProperty("new") long newModels, long replicated,
                         Map<String, Long> recognized) {
        public static Counts zero() {
            return new Counts(0, 0, 0, recognitionMap());
        }

        @JsonIgnore
        public long recognizedTotal() {
            return recognized.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public record Row(String key, String label, long registered, @JsonProperty("new") long newModels, long replicated,
                      Map<String, Long> recognized) {
        static Row of(String key, String label, Counts counts) {
            return new Row(key, label, counts.registered(), counts.newModels(), counts.replicated(), counts.recognized());
        }
    }

    public static Map<String, Long> recognitionMap() {
        Map<String, Long> levels = new LinkedHashMap<>();
        RECOGNITION_LEVELS.forEach(level -> levels.put(level, 0L));
        return levels;
    }
}
