package vn.danvan.plan.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.plan.support.Events;
import vn.danvan.plan.support.Fixtures;
import vn.danvan.plan.support.TestUnits;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ModelChangesTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    @Test
    void theRegistrationFormIsKeptNormalisedToNfc() {
        String decomposed = "Mo\u0302 hi\u0300nh da\u0302n va\u0323\u0302n khe\u0301o";
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "%s", "unitId": "%s", "field": "CULTURE_SOCIETY", "origin": "NEW",
                         "registeredOn": "2023-05-01", "form": {"goals": "  %s  "}}
                        """.formatted(decomposed, TestUnits.COMMUNE_A, decomposed))
                .when().post("/api/models").then().statusCode(201).extract().path("id");
        given().when().get("/api/models/" + id).then().statusCode(200)
                .body("name", equalTo("Mô hình dân vận khéo"))
                .body("form.goals", equalTo("Mô hình dân vận khéo"))
                .body("createdBy", equalTo("system"));
    }

    @Test
    void updatingAModelWithTheCurrentEtagChangesItAndPublishesModelUpdated() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Fixtures.modelBody(TestUnits.COMMUNE_B, "2023-04-01").replace("ECONOMY", "CULTURE_SOCIETY"))
                .when().put("/api/models/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1)).body("unitId", equalTo(TestUnits.COMMUNE_B.toString()))
                .body("field", equalTo("CULTURE_SOCIETY")).body("updatedBy", equalTo("system"));
        List<JsonNode> events = new Events(kafka).exactly("models", id, 2);
        assertEquals("model-updated", events.get(1).path("type").asText());
        JsonNode data = events.get(1).path("data");
        assertEquals(TestUnits.COMMUNE_B.toString(), data.path("unitId").asText());
        assertEquals(TestUnits.COMMUNE_A.toString(), data.path("previousUnitId").asText());
        assertEquals("2023-03-01", data.path("previousRegisteredOn").asText());
    }

    @Test
    void aStaleIfMatchIsPreconditionFailedAndChangesNothing() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Fixtures.modelBody(TestUnits.COMMUNE_A, "2023-03-02")).when().put("/api/models/" + id)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Fixtures.modelBody(TestUnits.COMMUNE_B, "2023-03-03")).when().put("/api/models/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));
        given().when().get("/api/models/" + id).then().body("registeredOn", equalTo("2023-03-02")).body("version", equalTo(1));
        new Events(kafka).exactly("models", id, 2);
    }

    @Test
    void recognisingAModelPublishesModelRecognizedWithWhatReportsNeed() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
        given().contentType(ContentType.JSON)
                .body("""
                        {"level": "DISTRICT", "recognizedOn": "2023-11-20", "decisionRef": "1234-QĐ/HU"}""")
                .when().post("/api/models/" + id + "/recognitions")
                .then().statusCode(201).body("recognitions", hasSize(1))
                .body("recognitions[0].level", equalTo("DISTRICT")).body("version", equalTo(1));
        JsonNode event = new Events(kafka).exactly("models", id, 2).get(1);
        assertEquals("model-recognized", event.path("type").asText());
        JsonNode data = event.path("data");
        assertEquals(id.toString(), data.path("modelId").asText());
        assertEquals(TestUnits.COMMUNE_A.toString(), data.path("unitId").asText());
        assertEquals("DISTRICT", data.path("level").asText());
        assertEquals("2023-11-20", data.path("recognizedOn").asText());
        assertEquals("1234-QĐ/HU", data.path("decisionRef").asText());
        assertEquals("ECONOMY", data.path("field").asText());
        assertEquals("NEW", data.path("origin").asText());
        assertEquals("2023-03-01", data.path("registeredOn").asText());
    }

    @Test
    void theSameLevelAndDecisionTwiceIsAConflictAndPublishesNothingMore() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
        String recognition = """
                {"level": "PROVINCE", "recognizedOn": "2023-12-01", "decisionRef": "88-QĐ/TU"}""";
        given().contentType(ContentType.JSON).body(recognition).when().post("/api/models/" + id + "/recognitions")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(recognition).when().post("/api/models/" + id + "/recognitions")
                .then().statusCode(409).contentType("application/problem+json");
        given().when().get("/api/models/" + id).then().body("recognitions", hasSize(1));
        new Events(kafka).exactly("models", id, 2);
    }

    @Test
    void aModelIsRecognisedAtSeveralLevelsOverTheYears() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2021-03-01");
        for (String body : List.of("""
                {"level": "COMMUNE", "recognizedOn": "2021-10-01", "decisionRef": "12-QĐ/ĐU"}""", """
                {"level": "DISTRICT", "recognizedOn": "2022-10-01", "decisionRef": "345-QĐ/HU"}""", """
                {"level": "PROVINCE", "recognizedOn": "2023-10-01", "decisionRef": "678-QĐ/TU"}""")) {
            given().contentType(ContentType.JSON).body(body).when().post("/api/models/" + id + "/recognitions")
                    .then().statusCode(201);
        }
        given().when().get("/api/models/" + id).then().body("recognitions.level",
                equalTo(List.of("COMMUNE", "DISTRICT", "PROVINCE")));
    }

    @Test
    void aRecognitionBeforeTheRegistrationIsUnprocessable() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
        given().contentType(ContentType.JSON).body("""
                        {"level": "DISTRICT", "recognizedOn": "2022-11-20", "decisionRef": "1-QĐ/HU"}""")
                .when().post("/api/models/" + id + "/recognitions")
                .then().statusCode(422).body("errors.field", hasItem("recognizedOn"));
    }

    @Test
    void anUnknownUnitIsUnprocessable() {
        given().contentType(ContentType.JSON).body(Fixtures.modelBody(UUID.randomUUID(), "2023-03-01"))
                .when().post("/api/models").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("unitId"));
    }

    @Test
    void aUnitThatNoLongerExistedOnTheRegistrationDateIsUnprocessable() {
        given().contentType(ContentType.JSON).body(Fixtures.modelBody(TestUnits.MERGED_COMMUNE, "2023-03-01"))
                .when().post("/api/models").then().statusCode(422)
                .body("errors[0].field", equalTo("unitId"))
                .body("errors[0].message", equalTo("unit " + TestUnits.MERGED_COMMUNE + " did not exist on 2023-03-01"));
        given().contentType(ContentType.JSON).body(Fixtures.modelBody(TestUnits.MERGED_COMMUNE, "2022-03-01"))
                .when().post("/api/models").then().statusCode(201);
    }

    @Test
    void aClientSuppliedIdThatExistsIsAConflict() {
        UUID id = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
        given().contentType(ContentType.JSON)
                .body(Fixtures.modelBody(TestUnits.COMMUNE_A, "2023-03-01").replaceFirst("\\{", "{\"id\": \"" + id + "\", "))
                .when().post("/api/models").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void theListFiltersByUnitSubtreeFieldAndYearAndPages() {
        UUID unit = TestUnits.OTHER_DISTRICT;
        UUID a = Fixtures.registerModel(unit, "2019-03-01");
        Fixtures.registerModel(unit, "2019-04-01");
        given().contentType(ContentType.JSON).body(Fixtures.modelBody(unit, "2019-05-01").replace("ECONOMY", "OTHER"))
                .when().post("/api/models").then().statusCode(201);
        given().when().get("/api/models?unitId=" + unit + "&year=2019&field=ECONOMY")
                .then().statusCode(200).body("total", equalTo(2)).body("items", hasSize(2));
        given().when().get("/api/models?unitId=" + unit + "&year=2019&size=1&page=1")
                .then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(1));
        given().when().get("/api/models?unitId=" + TestUnits.PROVINCE + "&year=2019")
                .then().statusCode(200).body("items.id", hasItem(a.toString()));
        given().when().get("/api/models?unitId=" + TestUnits.DISTRICT + "&year=2019")
                .then().statusCode(200).body("items.id", not(hasItem(a.toString())));
    }
}
