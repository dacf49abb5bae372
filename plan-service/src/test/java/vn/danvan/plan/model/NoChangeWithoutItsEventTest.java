package vn.danvan.plan.model;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.plan.support.Events;
import vn.danvan.plan.support.FailingStep;
import vn.danvan.plan.support.Fixtures;
import vn.danvan.plan.support.TestUnits;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** No change without its event and no event without its change: one transaction holds both. */
@QuarkusTest
class NoChangeWithoutItsEventTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    @AfterEach
    void disarm() {
        FailingStep.disarm();
    }

    @Test
    void aFailureAfterTheInsertRollsBackTheModelAndItsEvent() {
        UUID id = UUID.randomUUID();
        long models = count("model");
        long outbox = count("outbox_event");
        FailingStep.arm();
        given().contentType(ContentType.JSON)
                .body(Fixtures.modelBody(TestUnits.COMMUNE_A, "2023-03-01").replaceFirst("\\{", "{\"id\": \"" + id + "\", "))
                .when().post("/api/models")
                .then().statusCode(500).contentType("application/problem+json").body("status", equalTo(500));
        FailingStep.disarm();
        assertEquals(models, count("model"));
        assertEquals(outbox, count("outbox_event"));
        given().when().get("/api/models/" + id).then().statusCode(404);
        new Events(kafka).exactly("models", id, 0);
    }

    @Test
    void aFailureAfterSigningLeavesThePlanADraftAndPublishesNothing() {
        UUID id = Fixtures.draftPlan();
        long outbox = count("outbox_event");
        FailingStep.arm();
        Fixtures.sign(id).statusCode(500);
        FailingStep.disarm();
        given().when().get("/api/plans/" + id).then().body("status", equalTo("DRAFT")).body("version", equalTo(0))
                .body("signing", equalTo(null));
        assertEquals(outbox, count("outbox_event"));
        new Events(kafka).exactly("plans", id, 1);
        Fixtures.sign(id).statusCode(200);
        new Events(kafka).exactly("plans", id, 2);
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue();
    }
}
