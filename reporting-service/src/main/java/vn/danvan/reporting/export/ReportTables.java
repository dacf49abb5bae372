package vn.danvan.reporting.export;

import vn.danvan.reporting.plan.PlanReport;
import vn.danvan.reporting.report.Labels;
import vn.danvan.reporting.report.ModelReport;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the API's reports into the tables that CSV and XLSX are written from (Vietnamese headers). */
public final class ReportTables {
    static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Map<String, String> GROUP_HEADERS = Map.of(
            "child", "Đơn vị", "field", "Lĩnh vực", "origin", "Loại mô hình", "recognitionLevel", "Cấp công nhận",
            "unitLevel", "Cấp đăng ký");

    private ReportTables() {
    }

    public static ReportTable models(ModelReport report, String periodLabel) {
        List<String> headers = List.of(GROUP_HEADERS.getOrDefault(report.groupBy(), "Đơn vị"), "Số mô hình đăng ký",
                "Mô hình mới", "Mô hình nhân rộng", "Công nhận cấp xã", "Công nhận cấp huyện", "Công nhận cấp tỉnh",
                "Công nhận toàn quốc");
        List<List<Object>> rows = new ArrayList<>();
        for (ModelReport.Row row : report.rows()) {
            rows.add(line(row.label(), row.registered(), row.newModels(), row.replicated(), row.recognized()));
        }
        ModelReport.Counts t = report.totals();
        List<Object> totals = line("Tổng cộng", t.registered(), t.newModels(), t.replicated(), t.recognized());
        return new ReportTable("Mô hình dân vận khéo", "BÁO CÁO MÔ HÌNH “DÂN VẬN KHÉO”", List.of(
                "Đơn vị: " + report.unitName(),
                "Kỳ báo cáo: " + periodLabel + " (từ " + VN_DATE.format(report.period().from()) + " đến "
                        + VN_DATE.format(report.period().to()) + ")",
                "Cơ cấu tổ chức tính đến ngày " + VN_DATE.format(report.structureAsOf())), headers, rows, totals);
    }

    private static List<Object> line(String label, long registered, long newModels, long replicated,
                                     Map<String, Long> recognized) {
        List<Object> line = new ArrayList<>(List.of(label, registered, newModels, replicated));
        ModelReport.RECOGNITION_LEVELS.forEach(level -> line.add(recognized.getOrDefault(level, 0L)));
        return line;
    }

    public static ReportTable plans(PlanReport report) {
        List<String> headers = List.of("Đơn vị", "Cấp", "Đã ký kết", "Kế hoạch", "Số hiệu", "Ngày ký", "Các bên phối hợp",
                "Nhiệm vụ", "Hoàn thành", "Đang triển khai", "Chưa triển khai", "Đánh giá gần nhất");
        Map<java.util.UUID, PlanReport.PlanLine> plans = report.plans().stream()
                .collect(Collectors.toMap(PlanReport.PlanLine::planId, p -> p));
        List<List<Object>> rows = new ArrayList<>();
        for (PlanReport.UnitStatus unit : report.units()) {
            if (unit.planIds().isEmpty()) {
                rows.add(new ArrayList<>(List.of(unit.name(), Labels.of(unit.level()), "Chưa", "", "", "", "", 0, 0, 0, 0, "")));
                continue;
            }
            for (java.util.UUID planId : unit.planIds()) {
                PlanReport.PlanLine plan = plans.get(planId);
                rows.add(new ArrayList<>(List.of(unit.name(), Labels.of(unit.level()), "Đã ký",
                        nz(plan.title()), nz(plan.documentNumber()),
                        plan.signedOn() == null ? "" : VN_DATE.format(plan.signedOn()),
                        plan.partners().stream().map(p -> nz(p.name())).collect(Collectors.joining("; ")),
                        plan.tasks().total(), plan.tasks().done(), plan.tasks().inProgress(), plan.tasks().notStarted(),
                        plan.lastReview() == null ? "" : plan.lastReview().kindLabel() + " ("
                                + VN_DATE.format(plan.lastReview().heldOn()) + ")")));
            }
        }
        PlanReport.Summary s = report.summary();
        List<Object> totals = new ArrayList<>(List.of("Tổng cộng", "", s.signed() + "/" + s.expected(), s.plans(), "", "", "",
                s.tasks().total(), s.tasks().done(), s.tasks().inProgress(), s.tasks().notStarted(), ""));
        return new ReportTable("Kế hoạch phối hợp", "TÌNH HÌNH KÝ KẾT KẾ HOẠCH PHỐI HỢP CÔNG TÁC DÂN VẬN", List.of(
                "Đơn vị: " + report.unitName(), "Năm " + report.year(),
                "Đã ký kết: " + s.signed() + "/" + s.expected() + " đơn vị; chưa ký kết: " + s.notSigned()),
                headers, rows, totals);
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
