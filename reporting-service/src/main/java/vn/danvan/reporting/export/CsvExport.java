package vn.danvan.reporting.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** CSV as Excel opens it with Vietnamese intact: UTF-8 with a byte-order mark, comma separated, CRLF lines. */
public final class CsvExport {
    public static final String MEDIA_TYPE = "text/csv";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvExport() {
    }

    public static byte[] write(ReportTable table) {
        StringBuilder csv = new StringBuilder();
        line(csv, table.headers());
        table.rows().forEach(row -> line(csv, row));
        if (table.totals() != null) {
            line(csv, table.totals());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void line(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(escape(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String escape(Object cell) {
        if (cell == null) {
            return "";
        }
        String text = cell.toString();
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
        if (!(cell instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
