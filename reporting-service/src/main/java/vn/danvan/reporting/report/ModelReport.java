package vn.danvan.reporting.report;

import vn.danvan.reporting.period.Period;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer of GET /api/reports/models. */
public record ModelReport(UUID unitId, Period period, Counts totals, List<Row> rows) {

    public record Counts(long registered, @com.fasterxml.jackson.annotation.JsonProperty("new") long newModels,
                         long replicated, Map<String, Long> recognized) {
    }

    public record Row(String key, String label, long registered,
                      @com.fasterxml.jackson.annotation.JsonProperty("new") long newModels, long replicated,
                      Map<String, Long> recognized) {
    }
}
