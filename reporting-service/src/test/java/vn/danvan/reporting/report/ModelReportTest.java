package vn.danvan.reporting.report;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.common.events.ProcessedEvents;
import vn.danvan.embedded.TopicClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danvan.reporting.report.EventFixtures.modelRegistered;
import static vn.danvan.reporting.report.EventFixtures.unitCreated;

/** Events in through the real broker, figures out through the API. Each test builds its own district. */
@QuarkusTest
class ModelReportTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    ProcessedEvents processed;

    TopicClient topics;
    UUID district;
    UUID communeA;
    UUID communeB;

    @BeforeEach
    void district() {
        topics = new TopicClient(kafka);
        district = UUID.randomUUID();
        communeA = UUID.randomUUID();
        communeB = UUID.randomUUID();
        topics.send("units", district.toString(), unitCreated(UUID.randomUUID(), district, "Huyện ủy Lý Nhân", "DISTRICT", null, "2020-01-01"));
        topics.send("units", communeA.toString(), unitCreated(UUID.randomUUID(), communeA, "Đảng ủy xã Nhân Thịnh", "COMMUNE", district, "2020-01-01"));
        topics.send("units", communeB.toString(), unitCreated(UUID.randomUUID(), communeB, "Đảng ủy xã Chân Lý", "COMMUNE", district, "2020-01-01"));
    }

    @Test
    void modelsOfTheSubtreeAreCountedByOriginAndChild() {
        register(communeA, "ECONOMY", "NEW", "2023-03-01");
        register(communeA, "ECONOMY", "REPLICATED", "2023-11-30");
        register(communeB, "CULTURE_SOCIETY", "NEW", "2023-06-15");
        register(communeB, "CULTURE_SOCIETY", "NEW", "2024-01-02");

        awaitRegistered(district, "2023", 3);
        given().queryParam("unitId", district.toString()).queryParam("period", "2023").queryParam("groupBy", "child")
                .when().get("/api/reports/models")
                .then().statusCode(200)
                .body("period.from", equalTo("2023-01-01")).body("period.to", equalTo("2023-12-31"))
                .body("totals.new", equalTo(2)).body("totals.replicated", equalTo(1))
                .body("rows.find { it.key == '%s' }.registered".formatted(communeA), equalTo(2))
                .body("rows.find { it.key == '%s' }.registered".formatted(communeB), equalTo(1))
                .body("rows.find { it.key == '%s' }.label".formatted(communeB), equalTo("Đảng ủy xã Chân Lý"));
        awaitRegistered(communeB, "2024-Q1", 1);
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        UUID eventId = UUID.randomUUID();
        UUID modelId = UUID.randomUUID();
        String event = modelRegistered(eventId, modelId, communeA, "ECONOMY", "NEW", "2023-05-05");
        topics.send("models", modelId.toString(), event);
        topics.send("models", modelId.toString(), event);
        // A marker on the same key (so the same partition, behind both copies) that the projection ignores.
        UUID marker = UUID.randomUUID();
        topics.send("models", modelId.toString(), EventFixtures.envelope(marker, "model-noted", modelId, "{}"));
        await().atMost(Duration.ofSeconds(15)).until(() -> processed.seen(marker));
        given().queryParam("unitId", district.toString()).queryParam("period", "2023")
                .when().get("/api/reports/models")
                .then().statusCode(200).body("totals.registered", equalTo(1)).body("totals.new", equalTo(1));
    }

    @Test
    void aModelWhoseUnitArrivesLaterIsCountedOnceTheUnitIsKnown() {
        UUID lateCommune = UUID.randomUUID();
        register(lateCommune, "DEFENCE_SECURITY", "NEW", "2023-08-08");
        register(communeA, "ECONOMY", "NEW", "2023-08-09");
        awaitRegistered(district, "2023", 1);
        topics.send("units", lateCommune.toString(), unitCreated(UUID.randomUUID(), lateCommune, "Đảng ủy xã Đạo Lý", "COMMUNE", district, "2020-01-01"));
        awaitRegistered(district, "2023", 2);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndTheNextEventsAreApplied() {
        String poisonKey = UUID.randomUUID().toString();
        topics.send("models", poisonKey, "{this is not json");
        register(communeA, "ECONOMY", "NEW", "2023-09-09");
        awaitRegistered(district, "2023", 1);
        List<ConsumerRecord<String, String>> dead = topics.await("models-dlq", r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(10));
        assertEquals(1, dead.size());
        String reason = new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("not a CloudEvents JSON message"), reason);
    }

    @Test
    void aBadPeriodIsABadRequestNamingThePeriod() {
        given().queryParam("unitId", district.toString()).queryParam("period", "2024-Q7")
                .when().get("/api/reports/models")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("period"));
    }

    @Test
    void anUnknownGroupingIsABadRequest() {
        given().queryParam("unitId", district.toString()).queryParam("period", "2024").queryParam("groupBy", "colour")
                .when().get("/api/reports/models")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("groupBy"));
    }

    @Test
    void anUnknownUnitIsNotFound() {
        given().queryParam("unitId", UUID.randomUUID().toString()).queryParam("period", "2024")
                .when().get("/api/reports/models")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private void register(UUID unit, String field, String origin, String registeredOn) {
        UUID modelId = UUID.randomUUID();
        topics.send("models", modelId.toString(), modelRegistered(UUID.randomUUID(), modelId, unit, field, origin, registeredOn));
    }

    private void awaitRegistered(UUID unit, String period, int expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().queryParam("unitId", unit.toString()).queryParam("period", period)
                        .when().get("/api/reports/models")
                        .then().statusCode(200).body("totals.registered", equalTo(expected)));
    }
}
