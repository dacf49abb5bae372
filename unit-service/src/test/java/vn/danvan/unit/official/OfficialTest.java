package vn.danvan.unit.official;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OfficialTest {

    @Test
    void officialsAreListedByUnitAndDateAndFoundWithoutToneMarks() {
        UUID board = Api.unit("Ban Dân vận Huyện ủy Lý Nhân", "MASS_MOBILIZATION_BOARD", "DISTRICT", null, "2020-01-01");
        String id = given().contentType(ContentType.JSON).body("""
                        {"fullName": "Trần Minh Ngọc", "position": "Trưởng ban Dân vận Huyện ủy", "unitId": "%s",
                         "username": "ngoc.tm", "validFrom": "2021-01-01", "validTo": "2025-06-30"}""".formatted(board))
                .when().post("/api/officials")
                .then().statusCode(201).header("ETag", "\"0\"").body("fullName", equalTo("Trần Minh Ngọc"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body("""
                        {"fullName": "Lê Thị Hồng Hà", "position": "Phó Bí thư Thường trực Huyện ủy", "unitId": "%s",
                         "validFrom": "2020-01-01"}""".formatted(board))
                .when().post("/api/officials").then().statusCode(201);
        given().queryParam("unitId", board.toString()).queryParam("asOf", "2024-06-01").when().get("/api/officials")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.fullName", contains("Lê Thị Hồng Hà", "Trần Minh Ngọc"));
        given().queryParam("unitId", board.toString()).queryParam("asOf", "2025-07-01").when().get("/api/officials")
                .then().body("items.fullName", contains("Lê Thị Hồng Hà"));
        given().queryParam("q", "tran minh ngoc").when().get("/api/officials")
                .then().body("items.id", hasItem(id));
    }

    @Test
    void anOfficialUpdateHonoursIfMatchAndAnUnknownUnitIsRefused() {
        UUID unit = Api.unit("Ủy ban MTTQ huyện Lý Nhân", "FATHERLAND_FRONT", "DISTRICT", null, "2020-01-01");
        String body = """
                {"fullName": "Trần Minh Ngọc", "position": "Chủ tịch Ủy ban MTTQ huyện", "unitId": "%s",
                 "validFrom": "2021-01-01"}""".formatted(unit);
        String id = given().contentType(ContentType.JSON).body(body).when().post("/api/officials")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body.replace("2021-01-01", "2021-02-01"))
                .when().put("/api/officials/" + id).then().statusCode(200).header("ETag", "\"1\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .when().put("/api/officials/" + id).then().statusCode(412);
        given().contentType(ContentType.JSON).body(body.replace(unit.toString(), UUID.randomUUID().toString()))
                .when().post("/api/officials").then().statusCode(422).body("errors[0].field", equalTo("unitId"));
        given().contentType(ContentType.JSON).body("{\"position\": \"x\"}")
                .when().post("/api/officials").then().statusCode(400).body("errors.field", hasItem("fullName"));
    }
}
