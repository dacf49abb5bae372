package vn.danvan.unit.importing;

import java.util.List;
import java.util.UUID;

/**
 * What an import did: rows applied (created units or recorded reorganisations), rows already there (a re-import
 * changes nothing), and each rejected row with its number in the file and why.
 */
public record ImportReport(int rows, int applied, int unchanged, List<RejectedRow> rejected, List<UUID> ids) {
    public record RejectedRow(int row, String code, String field, String message) {
    }
}
