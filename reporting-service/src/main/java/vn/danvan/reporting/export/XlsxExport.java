package vn.danvan.reporting.export;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A formatted workbook: the title and context lines on top, then an Excel table (header, filter buttons, banded
 * rows) and a bold totals row under it; numbers are numbers, so officials can sum and chart them.
 */
public final class XlsxExport {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private XlsxExport() {
    }

    public static byte[] write(ReportTable table) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet(table.sheetName());
            int columns = table.headers().size();
            CellStyle titleStyle = style(workbook, true, 14, false);
            CellStyle contextStyle = style(workbook, false, 11, false);
            CellStyle headerStyle = style(workbook, true, 11, true);
            headerStyle.setFillForegroundColor(IndexedColors.LIGHT_CORNFLOWER_BLUE.getIndex());
            headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            headerStyle.setWrapText(true);
            CellStyle bodyStyle = style(workbook, false, 11, true);
            CellStyle totalStyle = style(workbook, true, 11, true);

            int r = 0;
            Row title = sheet.createRow(r++);
            cell(title, 0, table.title(), titleStyle);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
            for (String line : table.context()) {
                Row row = sheet.createRow(r++);
                cell(row, 0, line, contextStyle);
                sheet.addMergedRegion(new CellRangeAddress(r - 1, r - 1, 0, columns - 1));
            }
            r++;
            int headerRow = r;
            Row header = sheet.createRow(r++);
            for (int c = 0; c < columns; c++) {
                cell(header, c, table.headers().get(c), headerStyle);
            }
            for (List<Object> values : table.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < columns; c++) {
                    cell(row, c, values.get(c), bodyStyle);
                }
            }
            int lastDataRow = r - 1;
            if (!table.rows().isEmpty()) {
                XSSFTable excelTable = sheet.createTable(new AreaReference(new CellReference(headerRow, 0),
                        new CellReference(lastDataRow, columns - 1), workbook.getSpreadsheetVersion()));
                excelTable.setName("BaoCao");
                excelTable.setDisplayName("BaoCao");
                excelTable.getCTTable().addNewTableStyleInfo().setName("TableStyleLight9");
                excelTable.getCTTable().getTableStyleInfo().setShowRowStripes(true);
                excelTable.getCTTable().addNewAutoFilter().setRef(excelTable.getArea().formatAsString());
            }
            if (table.totals() != null) {
                Row totals = sheet.createRow(r);
                for (int c = 0; c < columns; c++) {
                    cell(totals, c, table.totals().get(c), totalStyle);
                }
            }
            sheet.createFreezePane(0, headerRow + 1);
            sheet.setColumnWidth(0, 45 * 256);
            for (int c = 1; c < columns; c++) {
                sheet.setColumnWidth(c, 14 * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cell(Row row, int column, Object value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString());
        }
        cell.setCellStyle(style);
    }

    private static CellStyle style(XSSFWorkbook workbook, boolean bold, int size, boolean bordered) {
        CellStyle style = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setFontName("Times New Roman");
        font.setBold(bold);
        font.setFontHeightInPoints((short) size);
        style.setFont(font);
        if (bordered) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        } else {
            style.setAlignment(HorizontalAlignment.LEFT);
        }
        return style;
    }
}
