package vn.danvan.unit.importing;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.danvan.common.text.VietnameseText;
import vn.danvan.common.web.ProblemException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an uploaded list (CSV or the first sheet of an XLSX workbook) under their header. Header names are
 * folded (case, marks, spaces and '_' ignored), so "Mã", "ma", "parent_code" and "Parent Code" are all understood.
 */
public record Table(List<Line> lines) {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** One data row: its number as a person counts it in the file (header = 1), and its cells by folded header. */
    public record Line(int number, Map<String, String> cells) {
        public String get(String... names) {
            for (String name : names) {
                String value = cells.get(key(name));
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return null;
        }
    }

    static String key(String header) {
        return VietnameseText.fold(header == null ? "" : header).replaceAll("[\\s_\\-.]", "");
    }

    public static Table read(byte[] body, String mediaType) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("body", "the file is empty");
        }
        boolean zip = body.length > 1 && body[0] == 'P' && body[1] == 'K';
        if (zip || (mediaType != null && mediaType.startsWith(XLSX))) {
            return xlsx(body);
        }
        return csv(new String(body, StandardCharsets.UTF_8));
    }

    static Table xlsx(byte[] body) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        if (cell == null) {
                            cells.add("");
                        } else if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                            cells.add(cell.getLocalDateTimeCellValue().toLocalDate().toString());
                        } else {
                            cells.add(formatter.formatCellValue(cell));
                        }
                    }
                }
                rows.add(cells);
            }
            return of(rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.badRequest("body", "not a readable XLSX workbook");
        }
    }

    static Table csv(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        char separator = text.lines().findFirst().map(l -> l.contains(";") && !l.contains(",") ? ';' : ',').orElse(',');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return of(rows);
    }

    private static Table of(List<List<String>> rows) {
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("body", "the file has no header row");
        }
        List<String> header = rows.get(0).stream().map(Table::key).toList();
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < row.size(); c++) {
                cells.put(header.get(c), VietnameseText.normalize(row.get(c)));
            }
            lines.add(new Line(r + 1, cells));
        }
        return new Table(lines);
    }
}
