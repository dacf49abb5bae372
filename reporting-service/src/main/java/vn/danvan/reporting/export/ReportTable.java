package vn.danvan.reporting.export;

import java.util.List;

/**
 * A report as a table a person pastes into their document: a title, lines saying which unit and period, the
 * column headers, the rows and a totals row. CSV and XLSX are both written from it.
 */
public record ReportTable(String sheetName, String title, List<String> context, List<String> headers,
                          List<List<Object>> rows, List<Object> totals) {
}
