package vn.danvan.unit;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** What the tests do through the API, in a few words. Each test builds its own units with fresh codes. */
public final class Api {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 100_000, 36);

    private Api() {
    }

    /** An administrative code no other test uses. */
    public static String code() {
        return "T" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    public static UUID unit(String name, String kind, String level, UUID parentId, String validFrom) {
        return unit(name, kind, level, parentId, code(), validFrom);
    }

    public static UUID unit(String name, String kind, String level, UUID parentId, String code, String validFrom) {
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "%s", "kind": "%s", "level": "%s", "parentId": %s, "code": %s, "validFrom": "%s"}
                        """.formatted(name, kind, level, parentId == null ? "null" : "\"" + parentId + "\"",
                        code == null ? "null" : "\"" + code + "\"", validFrom))
                .when().post("/api/units")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID province(String name) {
        return unit(name, "PARTY_COMMITTEE", "PROVINCE", null, "2020-01-01");
    }

    public static UUID district(String name, UUID province) {
        return unit(name, "PARTY_COMMITTEE", "DISTRICT", province, "2020-01-01");
    }

    public static UUID commune(String name, UUID parent) {
        return unit(name, "PARTY_COMMITTEE", "COMMUNE", parent, "2020-01-01");
    }

    public static ValidatableResponse reorganize(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/api/reorganizations").then();
    }

    public static ValidatableResponse get(UUID id, String asOf) {
        return given().queryParam("asOf", asOf).when().get("/api/units/" + id).then();
    }
}
