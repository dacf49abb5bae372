package vn.danvan.reporting.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows for set-based writes: the projections send many rows in one statement as a JSON array that PostgreSQL reads
 * with {@code jsonb_to_recordset}, one round trip however many events a batch holds.
 */
@ApplicationScoped
public class Rows {
    @Inject
    ObjectMapper mapper;

    /** A row from column names and values; ids and dates go as their ISO text, which PostgreSQL parses back. */
    public static Map<String, Object> of(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            Object value = columnsAndValues[i + 1];
            row.put((String) columnsAndValues[i],
                    value == null || value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
        return row;
    }

    public String json(Object rows) {
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows cannot be written as JSON", e);
        }
    }
}
