package vn.danvan.plan.importing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.plan.support.Events;
import vn.danvan.plan.support.TestUnits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bulk import of models from what districts keep in Excel: all rows or none, with an error per faulty cell. */
@QuarkusTest
class ModelImportTest {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    @Test
    void aValidCsvRegistersEveryRowWithItsEvent() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String csv = """
                id;name;unitId;field;origin;replicatedFromId;collective;registeredOn;goals
                %s;"Mô hình ""Chợ 4.0"" của hội phụ nữ";%s;ECONOMY;NEW;;tập thể;15/3/2023;Thanh toán không dùng tiền mặt
                %s;Nhân rộng chợ 4.0;%s;economy;REPLICATED;%s;true;2023-06-01;
                """.formatted(first, TestUnits.COMMUNE_A, second, TestUnits.COMMUNE_B, first);
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/models/imports")
                .then().statusCode(200).body("rows", equalTo(2)).body("imported", equalTo(2))
                .body("ids", hasItems(first.toString(), second.toString()));
        given().when().get("/api/models/" + first).then().statusCode(200)
                .body("name", equalTo("Mô hình \"Chợ 4.0\" của hội phụ nữ")).body("registeredOn", equalTo("2023-03-15"))
                .body("collective", equalTo(true)).body("form.goals", equalTo("Thanh toán không dùng tiền mặt"));
        given().when().get("/api/models/" + second).then().statusCode(200)
                .body("replicatedFromId", equalTo(first.toString()));
        assertEquals("model-registered", new Events(kafka).exactly("models", second, 1).get(0).path("type").asText());
    }

    @Test
    void aCsvWithFaultyRowsImportsNothingAndNamesEachFaultyCell() {
        UUID good = UUID.randomUUID();
        long before = count();
        String csv = """
                id,name,unitId,field,origin,registeredOn
                %s,Mô hình tốt,%s,ECONOMY,NEW,2023-03-01
                ,Mô hình sai đơn vị,%s,ECONOMY,NEW,2023-03-01
                ,Mô hình sai lĩnh vực,%s,THỂ THAO,NEW,2023-03-01
                ,,%s,ECONOMY,NEW,2023-03-01
                """.formatted(good, TestUnits.COMMUNE_A, UUID.randomUUID(), TestUnits.COMMUNE_A, TestUnits.COMMUNE_A);
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/models/imports")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasSize(3))
                .body("errors.field", hasItems("rows[3].unitId", "rows[4].field", "rows[5].name"));
        assertEquals(before, count());
        given().when().get("/api/models/" + good).then().statusCode(404);
    }

    @Test
    void aDryRunChecksEverythingAndWritesNothing() {
        long before = count();
        String csv = "name,unitId,field,origin,registeredOn\nMô hình thử,%s,OTHER,NEW,2023-03-01\n"
                .formatted(TestUnits.COMMUNE_A);
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/models/imports?dryRun=true")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("imported", equalTo(0)).body("ids", hasSize(1));
        assertEquals(before, count());
    }

    @Test
    void anXlsxWorkbookWithDateCellsIsImported() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("Mô hình");
            String[] header = {"id", "name", "unitId", "field", "origin", "collective", "registeredOn"};
            Row head = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(id.toString());
            row.createCell(1).setCellValue("Camera an ninh, tổ liên gia an toàn");
            row.createCell(2).setCellValue(TestUnits.COMMUNE_B.toString());
            row.createCell(3).setCellValue("DEFENCE_SECURITY");
            row.createCell(4).setCellValue("NEW");
            row.createCell(5).setCellValue(true);
            CellStyle dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            row.createCell(6).setCellValue(LocalDate.of(2023, 5, 15));
            row.getCell(6).setCellStyle(dateStyle);
            book.write(out);
            workbook = out.toByteArray();
        }
        given().contentType(XLSX).body(workbook).when().post("/api/models/imports")
                .then().statusCode(200).body("imported", equalTo(1)).body("ids", hasItem(id.toString()));
        given().when().get("/api/models/" + id).then().statusCode(200).body("registeredOn", equalTo("2023-05-15"))
                .body("field", equalTo("DEFENCE_SECURITY"));
    }

    @Test
    void somethingThatIsNoSpreadsheetIsABadRequest() {
        given().contentType(XLSX).body("not a workbook".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/models/imports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("file"));
    }

    private long count() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM model").getSingleResult()).longValue();
    }
}
