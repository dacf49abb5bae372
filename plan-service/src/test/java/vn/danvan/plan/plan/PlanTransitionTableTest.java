package vn.danvan.plan.plan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danvan.plan.support.Fixtures;
import vn.danvan.plan.support.TestUnits;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every action from every status: the legal ones move the plan and append exactly one event, the illegal ones are
 * 409 problem+json, leave status and version as they were and append nothing.
 */
@QuarkusTest
class PlanTransitionTableTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    @ParameterizedTest(name = "{1} a {0} plan → {2}, then {3}")
    @CsvSource({
            "DRAFT,     edit,   200, DRAFT",
            "DRAFT,     sign,   200, SIGNED",
            "DRAFT,     review, 409, DRAFT",
            "DRAFT,     amend,  409, DRAFT",
            "DRAFT,     close,  409, DRAFT",
            "DRAFT,     cancel, 200, CANCELLED",
            "SIGNED,    edit,   409, SIGNED",
            "SIGNED,    sign,   409, SIGNED",
            "SIGNED,    review, 201, SIGNED",
            "SIGNED,    amend,  201, SIGNED",
            "SIGNED,    close,  200, CLOSED",
            "SIGNED,    cancel, 409, SIGNED",
            "CLOSED,    edit,   409, CLOSED",
            "CLOSED,    sign,   409, CLOSED",
            "CLOSED,    review, 409, CLOSED",
            "CLOSED,    amend,  409, CLOSED",
            "CLOSED,    close,  409, CLOSED",
            "CLOSED,    cancel, 409, CLOSED",
            "CANCELLED, edit,   409, CANCELLED",
            "CANCELLED, sign,   409, CANCELLED",
            "CANCELLED, review, 409, CANCELLED",
            "CANCELLED, amend,  409, CANCELLED",
            "CANCELLED, close,  409, CANCELLED",
            "CANCELLED, cancel, 409, CANCELLED"})
    void eachActionFromEachStatus(String from, String action, int expected, String then) {
        UUID id = planIn(from);
        int version = given().when().get("/api/plans/" + id).then().extract().path("version");
        long events = events(id);
        RequestSpecification request = given().contentType(ContentType.JSON);
        var response = switch (action) {
            case "edit" -> request.body(Fixtures.planBody()).when().put("/api/plans/" + id).then();
            case "sign" -> request.body(Fixtures.signingBody("2024-03-01")).when().post("/api/plans/" + id + "/signing").then();
            case "review" -> request.body(Fixtures.reviewBody("MID_YEAR", "2024-07-01")).when().post("/api/plans/" + id + "/reviews").then();
            case "amend" -> request.body("""
                    {"amendedOn": "2024-05-01", "reason": "Gia hạn", "endDate": "2025-03-31"}""")
                    .when().post("/api/plans/" + id + "/amendments").then();
            default -> given().when().post("/api/plans/" + id + "/" + action).then();
        };
        response.statusCode(expected);
        if (expected == 409) {
            response.contentType("application/problem+json").body("status", equalTo(409));
            given().when().get("/api/plans/" + id).then().body("status", equalTo(then)).body("version", equalTo(version));
            assertEquals(events, events(id), "a refused transition appends no event");
        } else {
            given().when().get("/api/plans/" + id).then().body("status", equalTo(then)).body("version", equalTo(version + 1));
            assertEquals(events + 1, events(id), "a transition appends exactly one event");
        }
    }

    private UUID planIn(String status) {
        UUID id = Fixtures.draftPlan();
        switch (status) {
            case "SIGNED" -> Fixtures.sign(id).statusCode(200);
            case "CLOSED" -> {
                Fixtures.sign(id).statusCode(200);
                given().when().post("/api/plans/" + id + "/close").then().statusCode(200);
            }
            case "CANCELLED" -> given().when().post("/api/plans/" + id + "/cancel").then().statusCode(200);
            default -> { }
        }
        return id;
    }

    private long events(UUID id) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE aggregateid = ?1")
                .setParameter(1, id.toString()).getSingleResult()).longValue();
    }
}
