package vn.danvan.unit.importing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;
import vn.danvan.unit.unit.AncestryCheck;
import vn.danvan.unit.unit.UnitRepository;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ImportTest {
    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    /** Imports and corrections keep the closure table as the recursive walk answers. */
    @AfterEach
    void closureTableAgreesWithTheWalk() {
        AncestryCheck.assertClosureMatchesWalk(em, units);
    }

    @Test
    void aCsvListIsImportedParentsFirstWithRejectedRowsReportedAndAReimportChangesNothing() {
        String p = Api.code(), d = Api.code(), c1 = Api.code(), c2 = Api.code();
        String csv = """
                code,name,level,parentCode
                %s,Xã Nhân Thịnh,Xã,%s
                %s,Huyện Lý Nhân,Huyện,%s
                %s,Tỉnh Hà Nam,Tỉnh,
                ,Xã không mã,COMMUNE,%s
                %s,"Xã Nhân Mỹ, cũ",COMMUNE,%s
                %s,Xã Mồ Côi,COMMUNE,NO-SUCH-CODE
                %s,Xã Cấp Lạ,HAMLET,%s
                """.formatted(c1, d, d, p, p, d, c2, d, Api.code(), Api.code(), d);
        given().contentType("text/csv; charset=UTF-8").body(csv).queryParam("validFrom", "2020-01-01")
                .when().post("/api/units/import")
                .then().statusCode(200)
                .body("rows", equalTo(7))
                .body("applied", equalTo(4))
                .body("unchanged", equalTo(0))
                .body("rejected.row", contains(5, 7, 8))
                .body("rejected.field", contains("code", "parentCode", "level"));
        given().queryParam("q", "NHAN MY").queryParam("asOf", "2021-01-01").when().get("/api/units")
                .then().body("items.code", hasItem(c2));

        given().contentType("text/csv; charset=UTF-8").body(csv).queryParam("validFrom", "2020-01-01")
                .when().post("/api/units/import")
                .then().statusCode(200).body("applied", equalTo(0)).body("unchanged", equalTo(4))
                .body("rejected.row", contains(5, 7, 8));
    }

    @Test
    void anXlsxListIsImportedFromItsFirstSheet() throws Exception {
        String p = Api.code(), d = Api.code();
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("Danh mục");
            String[][] rows = {{"Mã", "Tên", "Cấp", "Mã cha", "Loại"},
                    {p, "Tỉnh ủy Quảng Nam", "PROVINCE", "", "PARTY_COMMITTEE"},
                    {d, "Huyện ủy Phú Ninh", "DISTRICT", p, "PARTY_COMMITTEE"},
                    {Api.code(), "Xã lỗi", "COMMUNE", p, "CLUB"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        given().contentType(Table.XLSX).body(xlsx).queryParam("validFrom", "2020-01-01")
                .when().post("/api/units/import")
                .then().statusCode(200).body("applied", equalTo(2))
                .body("rejected[0].row", equalTo(4)).body("rejected[0].field", equalTo("kind"));
        given().queryParam("q", "phu ninh").queryParam("level", "DISTRICT").when().get("/api/units")
                .then().body("items.code", hasItem(d));
    }

    @Test
    void aReorganisationListMergesOldCodesIntoNewOrExistingUnitsOnceEvenWhenImportedTwice() {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        String a = Api.code(), b = Api.code(), c = Api.code(), e = Api.code(), merged = Api.code();
        UUID ua = Api.unit("Xã Nhân Đạo", "PARTY_COMMITTEE", "COMMUNE", province, a, "2020-01-01");
        Api.unit("Xã Nhân Phúc", "PARTY_COMMITTEE", "COMMUNE", province, b, "2020-01-01");
        UUID uc = Api.unit("Xã Nhân Hậu", "PARTY_COMMITTEE", "COMMUNE", province, c, "2020-01-01");
        UUID ue = Api.unit("Xã Nhân Khang", "PARTY_COMMITTEE", "COMMUNE", province, e, "2020-01-01");
        String csv = """
                oldCodes;newCode;newName;effectiveDate;decisionRef
                %s %s;%s;Xã Nhân Hà;2025-07-01;1676/NQ-UBTVQH15
                %s, %s;%s;;2025-07-01;1676/NQ-UBTVQH15
                NO-SUCH;%s;Xã Ma;2025-07-01;1676/NQ-UBTVQH15
                """.formatted(a, b, merged, c, e, e, Api.code());
        given().contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/reorganizations/import")
                .then().statusCode(200).body("applied", equalTo(2)).body("unchanged", equalTo(0))
                .body("rejected.row", contains(4)).body("rejected[0].field", equalTo("oldCodes"));
        Api.get(ua, "2025-07-01").statusCode(404);
        Api.get(uc, "2025-07-01").statusCode(404);
        Api.get(ue, "2025-07-01").statusCode(200).body("code", equalTo(e));
        given().queryParam("q", "Nhân Hà").queryParam("parentId", province.toString()).queryParam("asOf", "2025-07-01")
                .when().get("/api/units").then().body("items.code", contains(merged));

        given().contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/reorganizations/import")
                .then().statusCode(200).body("applied", equalTo(0)).body("unchanged", equalTo(2))
                .body("rejected.row", contains(4));
    }

    @Test
    void anEmptyFileIsABadRequest() {
        given().contentType("text/csv; charset=UTF-8").body("").when().post("/api/units/import")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
