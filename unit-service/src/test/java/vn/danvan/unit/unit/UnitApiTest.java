package vn.danvan.unit.unit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class UnitApiTest {
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
    void aCreatedUnitIsReadBackWithItsContractFieldsAndAnEtag() {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        String code = Api.code();
        UUID id = UUID.randomUUID();
        given().contentType(ContentType.JSON).body("""
                        {"id": "%s", "name": "  Huyện ủy   Lý Nhân ", "kind": "PARTY_COMMITTEE", "level": "DISTRICT",
                         "parentId": "%s", "code": "%s", "validFrom": "2020-01-01"}
                        """.formatted(id, province, code))
                .when().post("/api/units")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", "\"0\"")
                .body("id", equalTo(id.toString()));
        given().when().get("/api/units/" + id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("name", equalTo("Huyện ủy Lý Nhân"))
                .body("kind", equalTo("PARTY_COMMITTEE"))
                .body("level", equalTo("DISTRICT"))
                .body("parentId", equalTo(province.toString()))
                .body("code", equalTo(code))
                .body("validFrom", equalTo("2020-01-01"))
                .body("validTo", nullValue())
                .body("formerNames.size()", equalTo(0))
                .body("version", equalTo(0));
    }

    @Test
    void creatingAUnitWithAnExistingIdIsAConflict() {
        UUID id = Api.province("Tỉnh ủy Quảng Nam");
        given().contentType(ContentType.JSON).body("""
                        {"id": "%s", "name": "Khác", "kind": "OTHER", "level": "PROVINCE"}""".formatted(id))
                .when().post("/api/units")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void badInputIsABadRequestNamingEachFieldAndWritesNothing() {
        long before = count("unit");
        long events = count("outbox_event");
        given().contentType(ContentType.JSON).body("""
                        {"name": " ", "kind": "CLUB", "level": "DISTRICT"}""")
                .when().post("/api/units")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        given().contentType(ContentType.JSON).body("""
                        {"name": " ", "level": "DISTRICT", "code": "bad code!"}""")
                .when().post("/api/units")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("kind"))
                .body("errors.field", hasItem("code"));
        given().queryParam("asOf", "2024-13-45").when().get("/api/units")
                .then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        assertEquals(before, count("unit"));
        assertEquals(events, count("outbox_event"));
    }

    @Test
    void anUnknownUnitIsNotFound() {
        given().when().get("/api/units/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/units/" + UUID.randomUUID() + "/subtree")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aParentThatDoesNotExistOnTheStartDateIsRefused() {
        UUID province = Api.unit("Tỉnh ủy mới", "PARTY_COMMITTEE", "PROVINCE", null, "2025-07-01");
        given().contentType(ContentType.JSON).body("""
                        {"name": "Xã sớm", "kind": "PARTY_COMMITTEE", "level": "COMMUNE", "parentId": "%s",
                         "validFrom": "2024-01-01"}""".formatted(province))
                .when().post("/api/units")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void aCodeIsNeverGivenToASecondUnit() {
        String code = Api.code();
        UUID first = Api.unit("Xã A", "PARTY_COMMITTEE", "COMMUNE", null, code, "2020-01-01");
        Api.reorganize("""
                {"type": "DISSOLVE", "effectiveDate": "2021-01-01", "unitId": "%s"}""".formatted(first)).statusCode(201);
        given().contentType(ContentType.JSON).body("""
                        {"name": "Xã B", "kind": "PARTY_COMMITTEE", "level": "COMMUNE", "code": "%s",
                         "validFrom": "2022-01-01"}""".formatted(code))
                .when().post("/api/units")
                .then().statusCode(422).body("errors[0].field", equalTo("code"));
    }

    @Test
    void anUpdateWithAStaleIfMatchIsRefusedWith412AndChangesNothing() {
        UUID id = Api.unit("Ban Dân vận Huyện ủy", "MASS_MOBILIZATION_BOARD", "DISTRICT", null, "2020-01-01");
        String body = """
                {"name": "Ban Dân vận Huyện ủy Lý Nhân", "kind": "MASS_MOBILIZATION_BOARD", "level": "DISTRICT"}""";
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body)
                .when().put("/api/units/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1))
                .body("name", equalTo("Ban Dân vận Huyện ủy Lý Nhân"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("""
                        {"name": "Tên cũ", "kind": "OTHER", "level": "DISTRICT"}""")
                .when().put("/api/units/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        given().when().get("/api/units/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("Ban Dân vận Huyện ủy Lý Nhân"))
                .body("kind", equalTo("MASS_MOBILIZATION_BOARD"));
    }

    @Test
    void changingTheParentByPutIsRefusedBecauseItIsAMove() {
        UUID a = Api.province("Tỉnh A");
        UUID b = Api.province("Tỉnh B");
        UUID district = Api.district("Huyện C", a);
        given().contentType(ContentType.JSON).body("""
                        {"name": "Huyện C", "kind": "PARTY_COMMITTEE", "level": "DISTRICT", "parentId": "%s"}""".formatted(b))
                .when().put("/api/units/" + district)
                .then().statusCode(422).body("errors[0].field", equalTo("parentId"));
    }

    @Test
    void childrenAndSubtreeListTheTreeOfTheDateInVietnameseOrder() {
        UUID province = Api.province("Tỉnh ủy Thừa Thiên Huế");
        UUID district = Api.district("Huyện ủy Phú Lộc", province);
        Api.unit("Trung đoàn 885", "MILITARY", "DISTRICT", district, "2020-01-01");
        Api.unit("Đồn Biên phòng Vinh Hiền", "BORDER_GUARD", "DISTRICT", district, "2020-01-01");
        Api.unit("Ban Dân vận Huyện ủy Phú Lộc", "MASS_MOBILIZATION_BOARD", "DISTRICT", district, "2020-01-01");
        Api.unit("Công an huyện Phú Lộc", "POLICE", "DISTRICT", district, "2020-01-01");
        given().queryParam("asOf", "2024-02-29").when().get("/api/units/" + district + "/children")
                .then().statusCode(200).body("total", equalTo(4))
                .body("items.name", contains("Ban Dân vận Huyện ủy Phú Lộc", "Công an huyện Phú Lộc",
                        "Đồn Biên phòng Vinh Hiền", "Trung đoàn 885"));
        given().queryParam("asOf", "2024-02-29").when().get("/api/units/" + province + "/subtree")
                .then().statusCode(200).body("total", equalTo(6))
                .body("items[0].id", equalTo(province.toString()))
                .body("items[1].id", equalTo(district.toString()));
        given().queryParam("asOf", "2019-12-31").when().get("/api/units/" + district + "/children")
                .then().statusCode(200).body("total", equalTo(0));
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue();
    }
}
