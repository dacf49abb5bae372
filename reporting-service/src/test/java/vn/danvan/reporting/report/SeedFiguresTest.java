package vn.danvan.reporting.report;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.danvan.embedded.TopicClient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danvan.reporting.report.EventFixtures.modelRecognized;
import static vn.danvan.reporting.report.EventFixtures.modelRegistered;
import static vn.danvan.reporting.report.EventFixtures.unit;
import static vn.danvan.reporting.report.EventFixtures.unitEvent;

/**
 * The figures of the source articles come out of the API exactly, and the exports say the same:
 * Lý Nhân 2023 — 84 models, 59 new and 25 replicated, 2 recognised at province level and 10 at district level;
 * Phú Ninh, first half of 2024 — 54 district-level models and 137 new commune-level models.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedFiguresTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    final UUID haNam = UUID.randomUUID();
    final UUID lyNhan = UUID.randomUUID();
    final UUID board = UUID.randomUUID();
    final List<UUID> communes = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    final List<String> communeNames = List.of("Đảng ủy xã Nhân Thịnh", "Đảng ủy xã Hòa Hậu", "Đảng ủy xã Chân Lý",
            "Đảng ủy thị trấn Vĩnh Trụ");
    final UUID quangNam = UUID.randomUUID();
    final UUID phuNinh = UUID.randomUUID();
    final UUID phuNinhBoard = UUID.randomUUID();
    final UUID tamDan = UUID.randomUUID();
    final UUID tamLanh = UUID.randomUUID();

    boolean published;

    /** Once per class (RestAssured is wired only per test, hence not @BeforeAll). */
    @BeforeEach
    void publishTheArticlesAsEvents() {
        if (published) {
            return;
        }
        published = true;
        TopicClient topics = new TopicClient(kafka);
        List<Map.Entry<String, String>> units = new ArrayList<>();
        units.add(unitMessage(haNam, "Tỉnh ủy Hà Nam", "PROVINCE", null));
        units.add(unitMessage(lyNhan, "Huyện ủy Lý Nhân", "DISTRICT", haNam));
        units.add(Map.entry(board.toString(), unitEvent("unit-created", List.of(unit(board, "Ban Dân vận Huyện ủy Lý Nhân",
                "DISTRICT", "MASS_MOBILIZATION_BOARD", lyNhan, "2020-01-01", null)), null)));
        for (int i = 0; i < communes.size(); i++) {
            units.add(unitMessage(communes.get(i), communeNames.get(i), "COMMUNE", lyNhan));
        }
        units.add(unitMessage(quangNam, "Tỉnh ủy Quảng Nam", "PROVINCE", null));
        units.add(unitMessage(phuNinh, "Huyện ủy Phú Ninh", "DISTRICT", quangNam));
        units.add(unitMessage(phuNinhBoard, "Ban Dân vận Huyện ủy Phú Ninh", "DISTRICT", phuNinh));
        units.add(unitMessage(tamDan, "Đảng ủy xã Tam Dân", "COMMUNE", phuNinh));
        units.add(unitMessage(tamLanh, "Đảng ủy xã Tam Lãnh", "COMMUNE", phuNinh));
        topics.sendAll("units", units);

        List<Map.Entry<String, String>> models = new ArrayList<>();
        List<UUID> lyNhanModels = new ArrayList<>();
        for (int i = 0; i < 84; i++) {
            UUID modelId = UUID.randomUUID();
            lyNhanModels.add(modelId);
            String field = List.of("ECONOMY", "CULTURE_SOCIETY", "DEFENCE_SECURITY", "POLITICAL_SYSTEM").get(i % 4);
            models.add(Map.entry(modelId.toString(), modelRegistered(UUID.randomUUID(), modelId,
                    communes.get(i % communes.size()), field, i < 59 ? "NEW" : "REPLICATED",
                    LocalDate.of(2023, 1 + i % 12, 1 + i % 28).toString())));
        }
        for (int i = 0; i < 12; i++) {
            UUID modelId = lyNhanModels.get(i);
            models.add(Map.entry(modelId.toString(), modelRecognized(modelId, communes.get(i % communes.size()),
                    i < 2 ? "PROVINCE" : "DISTRICT", "2023-11-2" + (i % 9), "QĐ " + (100 + i))));
        }
        for (int i = 0; i < 54; i++) {
            UUID modelId = UUID.randomUUID();
            models.add(Map.entry(modelId.toString(), modelRegistered(UUID.randomUUID(), modelId, i % 2 == 0 ? phuNinh : phuNinhBoard,
                    "ECONOMY", i % 3 == 0 ? "REPLICATED" : "NEW", LocalDate.of(2024, 1 + i % 6, 10).toString())));
        }
        for (int i = 0; i < 137; i++) {
            UUID modelId = UUID.randomUUID();
            models.add(Map.entry(modelId.toString(), modelRegistered(UUID.randomUUID(), modelId, i % 2 == 0 ? tamDan : tamLanh,
                    "CULTURE_SOCIETY", "NEW", LocalDate.of(2024, 1 + i % 6, 1 + i % 28).toString())));
        }
        topics.sendAll("models", models);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .queryParam("unitId", phuNinh.toString()).queryParam("period", "2024-H1")
                .when().get("/api/reports/models").then().statusCode(200).body("totals.registered", equalTo(191)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .queryParam("unitId", lyNhan.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models").then().statusCode(200)
                .body("totals.registered", equalTo(84)).body("totals.recognized.DISTRICT", equalTo(10)));
    }

    @Test
    void lyNhan2023Has84Models59New25Replicated2ProvinceAnd10DistrictRecognitions() {
        given().queryParam("unitId", lyNhan.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models")
                .then().statusCode(200)
                .body("unitName", equalTo("Huyện ủy Lý Nhân"))
                .body("totals.registered", equalTo(84)).body("totals.new", equalTo(59)).body("totals.replicated", equalTo(25))
                .body("totals.recognized.PROVINCE", equalTo(2)).body("totals.recognized.DISTRICT", equalTo(10))
                .body("totals.recognized.COMMUNE", equalTo(0)).body("totals.recognized.NATIONAL", equalTo(0));
        given().queryParam("unitId", lyNhan.toString()).queryParam("period", "2023").queryParam("groupBy", "recognitionLevel")
                .when().get("/api/reports/models")
                .then().statusCode(200)
                .body("rows.find { it.key == 'PROVINCE' }.registered", equalTo(2))
                .body("rows.find { it.key == 'DISTRICT' }.recognized.DISTRICT", equalTo(10))
                .body("rows.find { it.key == 'DISTRICT' }.label", equalTo("Cấp huyện"));
        given().queryParam("unitId", lyNhan.toString()).queryParam("period", "2023").queryParam("groupBy", "origin")
                .when().get("/api/reports/models")
                .then().statusCode(200)
                .body("rows.find { it.key == 'NEW' }.registered", equalTo(59))
                .body("rows.find { it.key == 'REPLICATED' }.label", equalTo("Mô hình nhân rộng"));
        given().queryParam("unitId", lyNhan.toString()).queryParam("period", "2023").queryParam("groupBy", "field")
                .when().get("/api/reports/models")
                .then().statusCode(200).body("rows.find { it.key == 'ECONOMY' }.registered", equalTo(21));
        given().queryParam("unitId", lyNhan.toString()).queryParam("period", "2023-Q1").when().get("/api/reports/models")
                .then().statusCode(200).body("period.to", equalTo("2023-03-31"));
    }

    @Test
    void phuNinhFirstHalf2024Has54DistrictLevelModelsAnd137NewCommuneLevelModels() {
        given().queryParam("unitId", phuNinh.toString()).queryParam("period", "2024-H1").queryParam("groupBy", "unitLevel")
                .when().get("/api/reports/models")
                .then().statusCode(200)
                .body("rows.find { it.key == 'DISTRICT' }.registered", equalTo(54))
                .body("rows.find { it.key == 'COMMUNE' }.new", equalTo(137))
                .body("rows.find { it.key == 'COMMUNE' }.replicated", equalTo(0));
        given().queryParam("unitId", phuNinh.toString()).queryParam("period", "2024-H2").when().get("/api/reports/models")
                .then().statusCode(200).body("totals.registered", equalTo(0));
    }

    @Test
    void theExcelExportStatesTheSameFiguresCellByCell() throws Exception {
        byte[] body = given().accept(XLSX).queryParam("unitId", lyNhan.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models")
                .then().statusCode(200).contentType(XLSX).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("Mô hình dân vận khéo", sheet.getSheetName());
            assertEquals("BÁO CÁO MÔ HÌNH “DÂN VẬN KHÉO”", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("Đơn vị: Huyện ủy Lý Nhân", sheet.getRow(1).getCell(0).getStringCellValue());
            assertEquals("Kỳ báo cáo: Năm 2023 (từ 01/01/2023 đến 31/12/2023)", sheet.getRow(2).getCell(0).getStringCellValue());
            Row header = sheet.getRow(5);
            assertEquals(List.of("Đơn vị", "Số mô hình đăng ký", "Mô hình mới", "Mô hình nhân rộng", "Công nhận cấp xã",
                    "Công nhận cấp huyện", "Công nhận cấp tỉnh", "Công nhận toàn quốc"), texts(header, 8));
            assertTrue(((XSSFCellStyle) header.getCell(0).getCellStyle()).getFont().getBold(), "headers are bold");
            // Rows: the board, then the four communes in Vietnamese order; each commune registered 21 models.
            List<String> labels = new ArrayList<>();
            for (int r = 6; r <= 10; r++) {
                labels.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertEquals(List.of("Ban Dân vận Huyện ủy Lý Nhân", "Đảng ủy thị trấn Vĩnh Trụ", "Đảng ủy xã Chân Lý",
                    "Đảng ủy xã Hòa Hậu", "Đảng ủy xã Nhân Thịnh"), labels);
            assertEquals(0, sheet.getRow(6).getCell(1).getNumericCellValue());
            for (int r = 7; r <= 10; r++) {
                assertEquals(21, sheet.getRow(r).getCell(1).getNumericCellValue(), "row " + r);
            }
            Row totals = sheet.getRow(11);
            assertEquals("Tổng cộng", totals.getCell(0).getStringCellValue());
            assertArrayEquals(new double[] {84, 59, 25, 0, 10, 2, 0}, numbers(totals, 1, 7));
            assertTrue(((XSSFCellStyle) totals.getCell(0).getCellStyle()).getFont().getBold(), "the totals row is bold");
            assertEquals(1, ((XSSFSheet) sheet).getTables().size(), "a real Excel table with filter buttons");
        }
    }

    @Test
    void theCsvExportOpensInExcelWithVietnameseIntact() {
        byte[] body = given().accept("text/csv").queryParam("unitId", lyNhan.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(body, 3));
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("Đơn vị,Số mô hình đăng ký,Mô hình mới,Mô hình nhân rộng,Công nhận cấp xã,Công nhận cấp huyện,"
                + "Công nhận cấp tỉnh,Công nhận toàn quốc", lines.get(0));
        assertEquals("Tổng cộng,84,59,25,0,10,2,0", lines.get(lines.size() - 1));
        assertTrue(text.contains("\r\n"));
    }

    @Test
    void theNarrativeDraftsTheParagraphOfficialsWrite() throws Exception {
        String markdown = given().accept("text/markdown").queryParam("unitId", lyNhan.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models/narrative").then().statusCode(200).extract().asString();
        String expected = "Năm 2023, toàn huyện có 84 mô hình “Dân vận khéo” được đăng ký xây dựng, trong đó 59 mô hình mới "
                + "và 25 mô hình nhân rộng. Có 12 lượt mô hình được công nhận: 2 mô hình cấp tỉnh, 10 mô hình cấp huyện.";
        assertTrue(markdown.contains(expected), markdown);
        assertTrue(markdown.startsWith("# BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”"), markdown);
        assertTrue(markdown.contains("0/1 đơn vị đã ký kết"), markdown);
        assertTrue(markdown.contains("xây dựng Đảng và hệ thống chính trị 21 mô hình"), markdown);

        byte[] docx = given().accept(DOCX).queryParam("unitId", lyNhan.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models/narrative").then().statusCode(200).contentType(DOCX).extract().asByteArray();
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<String> paragraphs = document.getParagraphs().stream().map(XWPFParagraph::getText).collect(Collectors.toList());
            assertEquals("BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”", paragraphs.get(0));
            assertTrue(document.getParagraphs().get(0).getRuns().get(0).isBold());
            assertEquals(expected, paragraphs.get(2));
        }
    }

    private static Map.Entry<String, String> unitMessage(UUID id, String name, String level, UUID parent) {
        return Map.entry(id.toString(), unitEvent("unit-created",
                List.of(unit(id, name, level, "PARTY_COMMITTEE", parent, "2020-01-01", null)), null));
    }

    private static List<String> texts(Row row, int count) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            texts.add(row.getCell(c).getStringCellValue());
        }
        return texts;
    }

    private static double[] numbers(Row row, int from, int to) {
        double[] values = new double[to - from + 1];
        for (int c = from; c <= to; c++) {
            values[c - from] = row.getCell(c).getNumericCellValue();
        }
        return values;
    }
}
