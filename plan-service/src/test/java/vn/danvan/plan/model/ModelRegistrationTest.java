package vn.danvan.plan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.plan.support.Events;
import vn.danvan.plan.support.TestUnits;
import vn.danvan.embedded.TopicClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ModelRegistrationTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void unitsAreKnown() {
        TestUnits.ensure(kafka, em);
    }

    @Test
    void registeringAModelStoresItAndPublishesModelRegisteredOnce() throws Exception {
        UUID unitId = TestUnits.COMMUNE_A;
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "Dân vận khéo trong xây dựng nông thôn mới", "unitId": "%s", "field": "ECONOMY",
                         "origin": "NEW", "registeredOn": "2023-03-15", "collective": true}
                        """.formatted(unitId))
                .when().post("/api/models")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", notNullValue())
                .body("name", equalTo("Dân vận khéo trong xây dựng nông thôn mới"))
                .body("version", equalTo(0))
                .extract().path("id");

        given().when().get("/api/models/" + id)
                .then().statusCode(200).body("unitId", equalTo(unitId.toString())).body("field", equalTo("ECONOMY"));

        List<ConsumerRecord<String, String>> records = new TopicClient(kafka)
                .await("models", r -> id.equals(r.key()), 2, Duration.ofSeconds(6));
        assertEquals(1, records.size(), "exactly one event for one registration");
        JsonNode event = json.readTree(records.get(0).value());
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals("model-registered", event.path("type").asText());
        assertEquals(id, event.path("subject").asText());
        assertEquals("/danvan/plan-service", event.path("source").asText());
        assertEquals("application/json", event.path("datacontenttype").asText());
        assertEquals(unitId.toString(), event.path("data").path("unitId").asText());
        assertEquals("2023-03-15", event.path("data").path("registeredOn").asText());
        Events.assertValid(event);
    }

    @Test
    void aModelWithoutUnitIsRefusedWithTheFieldAndNothingIsWritten() {
        long modelsBefore = count("model");
        long eventsBefore = count("outbox_event");
        given().contentType(ContentType.JSON).body("""
                        {"name": "  ", "field": "ECONOMY", "origin": "NEW", "registeredOn": "2023-03-15"}
                        """)
                .when().post("/api/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("unitId"))
                .body("errors.field", hasItem("name"));
        assertEquals(modelsBefore, count("model"));
        assertEquals(eventsBefore, count("outbox_event"));
    }

    @Test
    void aFieldOutsideTheListIsABadRequestNamingTheField() {
        given().contentType(ContentType.JSON).body("""
                        {"name": "Mô hình", "unitId": "%s", "field": "SPORTS", "origin": "NEW", "registeredOn": "2023-03-15"}
                        """.formatted(UUID.randomUUID()))
                .when().post("/api/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("field"));
    }

    @Test
    void anUnknownModelIsNotFound() {
        given().when().get("/api/models/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("title", equalTo("Not found"));
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue();
    }
}
