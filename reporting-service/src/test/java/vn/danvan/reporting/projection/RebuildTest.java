package vn.danvan.reporting.projection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.danvan.common.events.ProcessedEvents;
import vn.danvan.embedded.TopicClient;
import vn.danvan.reporting.report.EventFixtures;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** Replaying the topics rebuilds exactly the live projection; a damaged projection is found and repaired. */
@QuarkusTest
class RebuildTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @Inject
    ProcessedEvents processed;

    @Test
    void aRebuildFindsADamagedProjectionAndRepairsItWithoutLosingAnything() {
        TopicClient topics = new TopicClient(kafka);
        UUID district = UUID.randomUUID();
        topics.send("units", district.toString(), EventFixtures.unitEvent("unit-created", List.of(EventFixtures.unit(
                district, "Huyện ủy Bố Trạch", "DISTRICT", "PARTY_COMMITTEE", null, "2020-01-01", null)), null));
        UUID lost = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        topics.sendAll("models", List.of(
                Map.entry(lost.toString(), EventFixtures.modelRegistered(UUID.randomUUID(), lost, district, "ECONOMY", "NEW", "2021-04-08")),
                Map.entry(kept.toString(), EventFixtures.modelRegistered(UUID.randomUUID(), kept, district, "ECONOMY", "NEW", "2021-05-08")),
                Map.entry(kept.toString(), EventFixtures.envelope(marker, "model-noted", kept, "{}"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> processed.seen(marker));
        awaitRegistered(district, 2);

        // A bug in a projection: a row disappears from the live tables.
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("DELETE FROM model_fact WHERE model_id = ?1").setParameter(1, lost).executeUpdate());
        awaitRegistered(district, 1);

        given().when().post("/api/admin/projections/rebuild")
                .then().statusCode(200)
                .body("identical", equalTo(false)).body("applied", equalTo(false))
                .body("events", greaterThan(3))
                .body("tables.find { it.table == 'model_fact' }.onlyRebuilt", equalTo(1))
                .body("tables.find { it.table == 'model_fact' }.onlyLive", equalTo(0));
        awaitRegistered(district, 1);

        given().queryParam("apply", true).when().post("/api/admin/projections/rebuild")
                .then().statusCode(200).body("applied", equalTo(true))
                .body("tables.find { it.table == 'model_fact' }.onlyRebuilt", equalTo(0))
                .body("tables.find { it.table == 'processed_event' }.onlyLive", equalTo(0));
        awaitRegistered(district, 2);

        // Events after the repair are applied as usual, once.
        UUID after = UUID.randomUUID();
        topics.send("models", after.toString(), EventFixtures.modelRegistered(UUID.randomUUID(), after, district, "ECONOMY", "NEW", "2021-06-08"));
        awaitRegistered(district, 3);
    }

    private static void awaitRegistered(UUID unit, int expected) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .queryParam("unitId", unit.toString()).queryParam("period", "2021")
                .when().get("/api/reports/models").then().statusCode(200).body("totals.registered", equalTo(expected)));
    }
}
