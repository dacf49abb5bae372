package vn.danvan.unit.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TestTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With real signed tokens: only administrators change the tree; officials read inside their subtree only. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class TokenAccessTest {

    private static String create(String name, String level, UUID parent) {
        return given().auth().oauth2(TestTokens.token("admin", "admin", null)).contentType(ContentType.JSON)
                .body("""
                        {"name": "%s", "kind": "PARTY_COMMITTEE", "level": "%s", "parentId": %s, "validFrom": "2020-01-01"}"""
                        .formatted(name, level, parent == null ? "null" : "\"" + parent + "\""))
                .when().post("/api/units").then().statusCode(201).extract().path("id");
    }

    @Test
    void officialsReadTheirSubtreeOnlyAndOnlyAdministratorsChangeTheTree() {
        UUID lyNhan = UUID.fromString(create("Huyện ủy Lý Nhân", "DISTRICT", null));
        UUID commune = UUID.fromString(create("Đảng ủy xã Nhân Thịnh", "COMMUNE", lyNhan));
        UUID binhLuc = UUID.fromString(create("Huyện ủy Bình Lục", "DISTRICT", null));
        String viewer = TestTokens.token("viewer-lynhan", "viewer", lyNhan);
        String editor = TestTokens.token("editor-lynhan", "editor", lyNhan);

        given().auth().oauth2(viewer).when().get("/api/units/" + commune).then().statusCode(200)
                .body("name", equalTo("Đảng ủy xã Nhân Thịnh"));
        given().auth().oauth2(viewer).when().get("/api/units/" + lyNhan + "/subtree").then().statusCode(200)
                .body("total", equalTo(2));
        given().auth().oauth2(viewer).queryParam("size", 500).when().get("/api/units").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(binhLuc.toString())));
        given().auth().oauth2(TestTokens.token("admin", "admin", null)).queryParam("q", "Bình Lục").when().get("/api/units")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(binhLuc.toString()));
        given().auth().oauth2(viewer).when().get("/api/units/" + binhLuc).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(viewer).when().get("/api/units/" + binhLuc + "/children").then().statusCode(403);
        given().auth().oauth2(viewer).queryParam("parentId", binhLuc.toString()).when().get("/api/units").then().statusCode(403);
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("""
                        {"name": "Thôn Mới", "kind": "VILLAGE", "level": "VILLAGE", "parentId": "%s", "validFrom": "2024-01-01"}"""
                        .formatted(commune))
                .when().post("/api/units").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("""
                        {"type": "RENAME", "effectiveDate": "2024-01-01", "decisionRef": "x", "unitId": "%s", "newName": "Y"}"""
                        .formatted(commune))
                .when().post("/api/reorganizations").then().statusCode(403);
    }

    @Test
    void withoutAValidTokenNothingIsAnswered() {
        given().when().get("/api/units").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired("viewer-lynhan", "viewer", null)).when().get("/api/units").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("admin", "admin", null)).when().get("/api/units").then().statusCode(401);
        given().auth().oauth2(TestTokens.otherAudience("admin", "admin", null)).when().get("/api/units").then().statusCode(401);
    }
}
