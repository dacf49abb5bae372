package vn.danvan.unit.unit;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SearchTest {

    @Test
    void searchIgnoresCaseAndToneMarks() {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        UUID district = Api.district("Huyện ủy Lý Nhân", province);
        for (String q : new String[]{"LÝ NHÂN", "ly nhan", "Ly Nhan", "huyen uy ly"}) {
            given().queryParam("q", q).queryParam("parentId", province.toString()).when().get("/api/units")
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(district.toString()));
        }
    }

    @Test
    void searchTreatsĐAsD() {
        UUID district = Api.district("Huyện ủy Bình Lục", Api.province("Tỉnh ủy Hà Nam"));
        UUID village = Api.unit("Thôn Đồng Quan", "VILLAGE", "VILLAGE", district, "2020-01-01");
        for (String q : new String[]{"dong quan", "Đồng", "DONG"}) {
            given().queryParam("q", q).queryParam("parentId", district.toString()).when().get("/api/units")
                    .then().body("total", equalTo(1)).body("items[0].id", equalTo(village.toString()));
        }
    }

    @Test
    void searchAcceptsBothTonePlacementsHoàAndHòa() {
        UUID district = Api.district("Huyện ủy Lý Nhân", Api.province("Tỉnh ủy Hà Nam"));
        UUID oldStyle = Api.commune("Đảng ủy xã Nhân Hoà", district); // tone on the a
        UUID newStyle = Api.commune("Đảng ủy xã Hòa Hậu", district); // tone on the o
        for (String q : new String[]{"hoà", "hòa", "hoa"}) {
            given().queryParam("q", q).queryParam("parentId", district.toString()).when().get("/api/units")
                    .then().body("total", equalTo(2))
                    .body("items.id", contains(newStyle.toString(), oldStyle.toString()));
        }
    }

    @Test
    void searchFindsAUnitByAFormerNameFromTheRenameOn() {
        UUID province = Api.province("Tỉnh ủy Thừa Thiên Huế");
        UUID board = Api.unit("Ban Dân vận Tỉnh ủy", "MASS_MOBILIZATION_BOARD", "PROVINCE", province, "2020-01-01");
        Api.reorganize("""
                {"type": "RENAME", "effectiveDate": "2025-03-01", "unitId": "%s",
                 "newName": "Ban Tuyên giáo và Dân vận Tỉnh ủy"}""".formatted(board)).statusCode(201);
        given().queryParam("q", "ban dan van tinh uy").queryParam("parentId", province.toString())
                .queryParam("asOf", "2025-06-01").when().get("/api/units")
                .then().body("total", equalTo(1))
                .body("items[0].name", equalTo("Ban Tuyên giáo và Dân vận Tỉnh ủy"))
                .body("items[0].formerNames", contains("Ban Dân vận Tỉnh ủy"));
        given().queryParam("q", "tuyen giao").queryParam("parentId", province.toString())
                .queryParam("asOf", "2024-06-01").when().get("/api/units")
                .then().body("total", equalTo(0));
    }

    @Test
    void resultsComeInVietnameseAlphabeticalOrder() {
        UUID district = Api.district("Huyện ủy Phú Ninh", Api.province("Tỉnh ủy Quảng Nam"));
        for (String name : new String[]{"Xã Yên Bắc", "Xã Đạo Lý", "Xã Ân Hòa", "Xã Anh Sơn", "Xã Dũng Tiến", "Xã Ăn Kim"}) {
            Api.commune(name, district);
        }
        given().queryParam("q", "xa").queryParam("parentId", district.toString()).when().get("/api/units")
                .then().body("items.name", contains("Xã Anh Sơn", "Xã Ăn Kim", "Xã Ân Hòa", "Xã Dũng Tiến",
                        "Xã Đạo Lý", "Xã Yên Bắc"));
        given().queryParam("parentId", district.toString()).queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/units")
                .then().body("total", equalTo(6)).body("items.name", contains("Xã Ân Hòa", "Xã Dũng Tiến"));
    }

    @Test
    void levelAndKindFilterTheSearch() {
        UUID district = Api.district("Huyện ủy Phú Lộc", Api.province("Tỉnh ủy Thừa Thiên Huế"));
        UUID police = Api.unit("Công an huyện Phú Lộc", "POLICE", "DISTRICT", district, "2020-01-01");
        Api.commune("Đảng ủy xã Lộc Bình", district);
        given().queryParam("kind", "POLICE").queryParam("parentId", district.toString()).when().get("/api/units")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(police.toString()));
        given().queryParam("level", "COMMUNE").queryParam("parentId", district.toString()).when().get("/api/units")
                .then().body("total", equalTo(1)).body("items[0].name", equalTo("Đảng ủy xã Lộc Bình"));
        given().queryParam("level", "HAMLET").when().get("/api/units").then().statusCode(400)
                .body("errors[0].field", equalTo("level"));
    }
}
