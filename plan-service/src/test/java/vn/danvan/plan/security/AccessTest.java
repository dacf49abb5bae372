package vn.danvan.plan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TestTokens;
import vn.danvan.plan.support.Fixtures;
import vn.danvan.plan.support.TestUnits;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.isIn;

/** Roles and scope: editors change, viewers read, both only inside their unit's subtree; no valid token is 401. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class AccessTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    /** The audit records the token's subject (TestTokens derives it from the user name). */
    private static String subject(String user) {
        return UUID.nameUUIDFromBytes(user.getBytes()).toString();
    }

    private static RequestSpecification as(String role, UUID unit) {
        return given().auth().oauth2(TestTokens.token(role + "-user", role, unit)).contentType(ContentType.JSON);
    }

    @Test
    void withoutAValidTokenEveryCallIsUnauthorised() {
        given().when().get("/api/models").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forged("x", "admin", null)).when().get("/api/plans").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("x", "admin", null)).when().get("/api/plans").then().statusCode(401);
    }

    @Test
    void anEditorRegistersModelsInsideTheirSubtreeOnly() {
        as("editor", TestUnits.COMMUNE_A).body(Fixtures.modelBody(TestUnits.COMMUNE_A, "2023-03-01"))
                .when().post("/api/models").then().statusCode(201).body("createdBy", equalTo(subject("editor-user")));
        as("editor", TestUnits.COMMUNE_A).body(Fixtures.modelBody(TestUnits.COMMUNE_B, "2023-03-01"))
                .when().post("/api/models").then().statusCode(403).contentType("application/problem+json");
        as("editor", TestUnits.DISTRICT).body(Fixtures.modelBody(TestUnits.COMMUNE_B, "2023-03-01"))
                .when().post("/api/models").then().statusCode(201);
    }

    @Test
    void aViewerReadsButCannotChange() {
        String id = as("admin", null).body(Fixtures.modelBody(TestUnits.COMMUNE_A, "2023-03-01"))
                .when().post("/api/models").then().statusCode(201).extract().path("id");
        as("viewer", TestUnits.DISTRICT).when().get("/api/models/" + id).then().statusCode(200);
        as("viewer", TestUnits.DISTRICT).body("""
                        {"level": "DISTRICT", "recognizedOn": "2023-11-20", "decisionRef": "1-QĐ/HU"}""")
                .when().post("/api/models/" + id + "/recognitions").then().statusCode(403);
        as("viewer", TestUnits.OTHER_DISTRICT).when().get("/api/models/" + id).then().statusCode(403);
    }

    @Test
    void aListWithoutUnitShowsTheCallersSubtreeAndAnotherUnitIsForbidden() {
        as("admin", null).body(Fixtures.modelBody(TestUnits.OTHER_DISTRICT, "2023-03-01")).when().post("/api/models")
                .then().statusCode(201);
        as("viewer", TestUnits.COMMUNE_A).when().get("/api/models?size=500").then().statusCode(200)
                .body("items.unitId", everyItem(isIn(new String[]{TestUnits.COMMUNE_A.toString()})));
        as("viewer", TestUnits.COMMUNE_A).when().get("/api/models?unitId=" + TestUnits.OTHER_DISTRICT)
                .then().statusCode(403);
    }

    @Test
    void aPartnerSeesThePlanButOnlyTheOwnersEditorsChangeIt() {
        String id = as("editor", TestUnits.BOARD).body(Fixtures.planBody()).when().post("/api/plans")
                .then().statusCode(201).extract().path("id");
        as("viewer", TestUnits.POLICE).when().get("/api/plans/" + id).then().statusCode(200);
        as("editor", TestUnits.POLICE).body(Fixtures.signingBody("2024-02-29")).when().post("/api/plans/" + id + "/signing")
                .then().statusCode(403);
        as("editor", TestUnits.BOARD).body(Fixtures.signingBody("2024-02-29")).when().post("/api/plans/" + id + "/signing")
                .then().statusCode(200).body("signing.signedBy", equalTo(subject("editor-user")));
        as("viewer", TestUnits.OTHER_DISTRICT).when().get("/api/plans/" + id).then().statusCode(403);
    }
}
