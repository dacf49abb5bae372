package vn.danvan.reporting.report;

import java.util.Map;

/** What a person reads for each enum value in reports, exports and the dashboard (Vietnamese). */
public final class Labels {
    private static final Map<String, String> LABELS = Map.ofEntries(
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
            Map.entry("VILLAGE", "Thôn, tổ dân phố"),
            Map.entry("NATIONAL", "Toàn quốc"),
            Map.entry("MID_YEAR", "Sơ kết 6 tháng"),
            Map.entry("NINE_MONTH", "Giao ban 9 tháng"),
            Map.entry("YEAR_END", "Tổng kết năm"),
            Map.entry("DRAFT", "Dự thảo"),
            Map.entry("SIGNED", "Đã ký kết"),
            Map.entry("CLOSED", "Đã tổng kết"),
            Map.entry("CANCELLED", "Đã hủy"),
            Map.entry("NOT_STARTED", "Chưa triển khai"),
            Map.entry("IN_PROGRESS", "Đang triển khai"),
            Map.entry("DONE", "Hoàn thành"));

    private Labels() {
    }

    public static String of(String value) {
        return value == null ? "" : LABELS.getOrDefault(value, value);
    }
}
