package vn.danvan.plan.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;
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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every transition of a plan, legal and illegal: a refused one is 409 problem+json, changes nothing, emits nothing. */
@QuarkusTest
class PlanLifecycleTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    Events events;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
        events = new Events(kafka);
    }

    @Test
    void draftingAPlanStoresItWithTheWholeYearAndPublishesPlanCreated() {
        String id = given().contentType(ContentType.JSON).body(Fixtures.planBody())
                .when().post("/api/plans")
                .then().statusCode(201).header("Location", startsWith("http")).header("ETag", equalTo("\"0\""))
                .body("status", equalTo("DRAFT")).body("startDate", equalTo("2024-01-01"))
                .body("endDate", equalTo("2024-12-31")).body("tasks", hasSize(2)).body("version", equalTo(0))
                .extract().path("id");
        JsonNode event = events.exactly("plans", id, 1).get(0);
        assertEquals("plan-created", event.path("type").asText());
        assertEquals(3, event.path("data").path("partnerUnitIds").size());
    }

    @Test
    void aDraftCanBeChangedAndPublishesPlanUpdated() {
        UUID id = Fixtures.draftPlan();
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Fixtures.planBody().replace("năm 2024", "năm 2024 (sửa)"))
                .when().put("/api/plans/" + id)
                .then().statusCode(200).body("title", equalTo("Kế hoạch phối hợp công tác dân vận năm 2024 (sửa)"))
                .body("version", equalTo(1)).header("ETag", equalTo("\"1\""));
        assertEquals("plan-updated", events.exactly("plans", id, 2).get(1).path("type").asText());
    }

    @Test
    void aMultiYearTermNeedsBothDatesAndHasNoSingleYear() {
        given().contentType(ContentType.JSON).body(Fixtures.planBody().replace("\"year\": 2024",
                        "\"startDate\": \"2021-01-01\", \"endDate\": \"2025-12-31\""))
                .when().post("/api/plans").then().statusCode(201).body("year", equalTo(null))
                .body("endDate", equalTo("2025-12-31"));
        given().contentType(ContentType.JSON).body(Fixtures.planBody().replace("\"year\": 2024",
                        "\"startDate\": \"2021-01-01\""))
                .when().post("/api/plans").then().statusCode(422).body("errors.field", hasItem("year"));
    }

    @Test
    void signingADraftFreezesItAndPublishesPlanSignedWithEveryParty() {
        UUID id = Fixtures.draftPlan();
        Fixtures.sign(id).statusCode(200).body("status", equalTo("SIGNED"))
                .body("signing.signedOn", equalTo("2024-02-29")).body("signing.signatories", hasSize(4))
                .body("signing.witnesses[0].name", equalTo("Nguyễn Duy Cường"));
        JsonNode event = events.exactly("plans", id, 2).get(1);
        assertEquals("plan-signed", event.path("type").asText());
        JsonNode data = event.path("data");
        assertEquals(id.toString(), data.path("planId").asText());
        assertEquals(TestUnits.BOARD.toString(), data.path("ownerUnitId").asText());
        assertEquals(3, data.path("partnerUnitIds").size());
        assertEquals(2024, data.path("year").asInt());
        assertEquals("2024-02-29", data.path("signedOn").asText());
        assertEquals("05-KH/BDV", data.path("documentNumber").asText());
        assertEquals(List.of(Fixtures.TASK_1.toString(), Fixtures.TASK_2.toString()),
                List.of(data.path("taskIds").get(0).asText(), data.path("taskIds").get(1).asText()));
        assertEquals(4, data.path("signatories").size());
    }

    @Test
    void signingTwiceIsAConflictAndEmitsNothing() {
        UUID id = Fixtures.signedPlan();
        given().contentType(ContentType.JSON).body(Fixtures.signingBody("2024-03-01"))
                .when().post("/api/plans/" + id + "/signing")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        given().when().get("/api/plans/" + id).then().body("signing.signedOn", equalTo("2024-02-29")).body("version", equalTo(1));
        events.exactly("plans", id, 2);
    }

    @Test
    void aSignedPlanCannotBeEditedAnyMore() {
        UUID id = Fixtures.signedPlan();
        given().contentType(ContentType.JSON).body(Fixtures.planBody().replace("năm 2024", "khác"))
                .when().put("/api/plans/" + id).then().statusCode(409).contentType("application/problem+json");
        given().when().get("/api/plans/" + id).then().body("title", equalTo("Kế hoạch phối hợp công tác dân vận năm 2024"));
    }

    @Test
    void aSigningWithoutEveryPartyIsUnprocessable() {
        UUID id = Fixtures.draftPlan();
        String withoutBorderGuard = Fixtures.signingBody("2024-02-29").replaceAll(
                ",\\s*\\{\"unitId\": \"" + TestUnits.BORDER_GUARD + "\"[^}]*}", "");
        given().contentType(ContentType.JSON).body(withoutBorderGuard).when().post("/api/plans/" + id + "/signing")
                .then().statusCode(422).body("errors.field", hasItem("signatories"));
        given().when().get("/api/plans/" + id).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void aSignatoryFromOutsideThePlanIsUnprocessable() {
        UUID id = Fixtures.draftPlan();
        given().contentType(ContentType.JSON).body(Fixtures.signingBody("2024-02-29")
                        .replace(TestUnits.BORDER_GUARD.toString(), TestUnits.COMMUNE_B.toString()))
                .when().post("/api/plans/" + id + "/signing")
                .then().statusCode(422).body("errors.field", hasItem("signatories[3].unitId"));
    }

    @Test
    void reviewingASignedPlanRecordsProgressAndPublishesPlanReviewed() {
        UUID id = Fixtures.signedPlan();
        given().contentType(ContentType.JSON).body(Fixtures.reviewBody("MID_YEAR", "2024-07-10"))
                .when().post("/api/plans/" + id + "/reviews")
                .then().statusCode(201).header("Location", notNullValue()).body("reviews", hasSize(1))
                .body("reviews[0].taskProgress[0].status", equalTo("DONE"));
        given().contentType(ContentType.JSON).body(Fixtures.reviewBody("NINE_MONTH", "2024-09-30"))
                .when().post("/api/plans/" + id + "/reviews").then().statusCode(201).body("reviews", hasSize(2));
        List<JsonNode> all = events.exactly("plans", id, 4);
        JsonNode data = all.get(2).path("data");
        assertEquals("plan-reviewed", all.get(2).path("type").asText());
        assertEquals("MID_YEAR", data.path("kind").asText());
        assertEquals(Fixtures.TASK_1.toString(), data.path("taskProgress").get(0).path("taskId").asText());
        assertEquals("NINE_MONTH", all.get(3).path("data").path("kind").asText());
    }

    @Test
    void reviewingADraftIsAConflict() {
        UUID id = Fixtures.draftPlan();
        given().contentType(ContentType.JSON).body(Fixtures.reviewBody("MID_YEAR", "2024-07-10"))
                .when().post("/api/plans/" + id + "/reviews").then().statusCode(409);
        events.exactly("plans", id, 1);
    }

    @Test
    void progressOnATaskThePlanDoesNotHaveIsUnprocessable() {
        UUID id = Fixtures.signedPlan();
        given().contentType(ContentType.JSON).body(Fixtures.reviewBody("MID_YEAR", "2024-07-10")
                        .replace(Fixtures.TASK_2.toString(), UUID.randomUUID().toString()))
                .when().post("/api/plans/" + id + "/reviews")
                .then().statusCode(422).body("errors.field", hasItem("taskProgress[1].taskId"));
        given().when().get("/api/plans/" + id).then().body("reviews", hasSize(0));
    }

    @Test
    void amendingASignedPlanKeepsTheFormerTermsAndPublishesPlanAmended() {
        UUID id = Fixtures.signedPlan();
        given().contentType(ContentType.JSON).body("""
                        {"amendedOn": "2024-06-01", "reason": "Bổ sung Ủy ban MTTQ", "decisionRef": "07-KH/BDV",
                         "partnerUnitIds": ["%s", "%s", "%s", "%s"]}
                        """.formatted(TestUnits.MILITARY, TestUnits.POLICE, TestUnits.BORDER_GUARD, TestUnits.PEOPLES_COMMITTEE))
                .when().post("/api/plans/" + id + "/amendments")
                .then().statusCode(201).body("partnerUnitIds", hasSize(4)).body("amendments", hasSize(1))
                .body("amendments[0].before.partnerUnitIds", hasSize(3)).body("amendments[0].changed",
                        equalTo(List.of("partnerUnitIds")));
        JsonNode event = events.exactly("plans", id, 3).get(2);
        assertEquals("plan-amended", event.path("type").asText());
        assertEquals(4, event.path("data").path("partnerUnitIds").size());
    }

    @Test
    void amendingADraftIsAConflict() {
        UUID id = Fixtures.draftPlan();
        given().contentType(ContentType.JSON).body("""
                        {"amendedOn": "2024-06-01", "reason": "Sửa", "title": "Khác"}""")
                .when().post("/api/plans/" + id + "/amendments").then().statusCode(409);
    }

    @Test
    void closingASignedPlanPublishesPlanClosedAndEndsItsLife() {
        UUID id = Fixtures.signedPlan();
        given().when().post("/api/plans/" + id + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        assertEquals("plan-closed", events.exactly("plans", id, 3).get(2).path("type").asText());
        given().contentType(ContentType.JSON).body(Fixtures.reviewBody("YEAR_END", "2024-12-20"))
                .when().post("/api/plans/" + id + "/reviews").then().statusCode(409);
        given().when().post("/api/plans/" + id + "/close").then().statusCode(409);
        given().when().post("/api/plans/" + id + "/cancel").then().statusCode(409);
        Fixtures.sign(id).statusCode(409);
        events.exactly("plans", id, 3);
    }

    @Test
    void closingADraftIsAConflict() {
        UUID id = Fixtures.draftPlan();
        given().when().post("/api/plans/" + id + "/close").then().statusCode(409)
                .contentType("application/problem+json");
        given().when().get("/api/plans/" + id).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void cancellingADraftPublishesPlanCancelledAndNothingMoreIsAllowed() {
        UUID id = Fixtures.draftPlan();
        given().when().post("/api/plans/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertEquals("plan-cancelled", events.exactly("plans", id, 2).get(1).path("type").asText());
        Fixtures.sign(id).statusCode(409);
        given().contentType(ContentType.JSON).body(Fixtures.planBody()).when().put("/api/plans/" + id)
                .then().statusCode(409);
        given().when().post("/api/plans/" + id + "/cancel").then().statusCode(409);
        events.exactly("plans", id, 2);
    }

    @Test
    void cancellingASignedPlanIsAConflict() {
        UUID id = Fixtures.signedPlan();
        given().when().post("/api/plans/" + id + "/cancel").then().statusCode(409);
        given().when().get("/api/plans/" + id).then().body("status", equalTo("SIGNED"));
    }

    @Test
    void aStaleIfMatchOnATransitionIsPreconditionFailed() {
        UUID id = Fixtures.draftPlan();
        given().header("If-Match", "\"7\"").when().post("/api/plans/" + id + "/cancel").then().statusCode(412);
        given().when().get("/api/plans/" + id).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void anUnknownPartnerIsUnprocessable() {
        given().contentType(ContentType.JSON).body(Fixtures.planBody().replace(TestUnits.POLICE.toString(),
                        UUID.randomUUID().toString()))
                .when().post("/api/plans").then().statusCode(422).body("errors.field", hasItem("partnerUnitIds[1]"));
    }

    @Test
    void theListFiltersByUnitSubtreeYearAndStatus() {
        UUID district = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        UUID partner = UUID.randomUUID();
        TopicClient topic = new TopicClient(kafka);
        TestUnits.unit(topic, district, "Huyện ủy mới", "PARTY_COMMITTEE", "DISTRICT", TestUnits.PROVINCE, "2000-01-01", null);
        TestUnits.unit(topic, owner, "Ban Dân vận", "MASS_MOBILIZATION_BOARD", "DISTRICT", district, "2000-01-01", null);
        TestUnits.unit(topic, partner, "Công an", "POLICE", "DISTRICT", district, "2000-01-01", null);
        TestUnits.awaitKnown(em, List.of(district, owner, partner));
        String body = """
                {"title": "Kế hoạch %s", "ownerUnitId": "%s", "partnerUnitIds": ["%s"], "year": %d}""";
        String signed = given().contentType(ContentType.JSON).body(body.formatted("2024", owner, partner, 2024))
                .when().post("/api/plans").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("""
                        {"signedOn": "2024-01-05", "place": "Huyện", "signatories": [
                         {"unitId": "%s", "name": "A", "position": "Trưởng ban"},
                         {"unitId": "%s", "name": "B", "position": "Trưởng Công an"}]}""".formatted(owner, partner))
                .when().post("/api/plans/" + signed + "/signing").then().statusCode(200);
        String draft = given().contentType(ContentType.JSON).body(body.formatted("2024 (dự thảo)", owner, partner, 2024))
                .when().post("/api/plans").then().statusCode(201).extract().path("id");
        String older = given().contentType(ContentType.JSON).body(body.formatted("2023", owner, partner, 2023))
                .when().post("/api/plans").then().statusCode(201).extract().path("id");
        given().when().get("/api/plans?unitId=" + partner + "&year=2024&status=SIGNED")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(signed));
        given().when().get("/api/plans?unitId=" + district + "&year=2024")
                .then().statusCode(200).body("total", equalTo(2)).body("items.id", hasItem(draft))
                .body("items.id", not(hasItem(older)));
        given().when().get("/api/plans?unitId=" + district + "&size=1&page=2")
                .then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(1));
        given().when().get("/api/plans?unitId=" + TestUnits.OTHER_DISTRICT)
                .then().statusCode(200).body("items.id", not(hasItem(draft)));
    }
}
