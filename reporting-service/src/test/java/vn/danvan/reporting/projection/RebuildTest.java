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
import vn.danvan.reporting.rollup.FactRollup;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Inject
    FactRollup rollup;

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
                // Recognised at commune level twice in 2021 (two decisions): one model recognised at that level.
                Map.entry(kept.toString(), EventFixtures.modelRecognized(kept, district, "COMMUNE", "2021-09-01", "QĐ 2")),
                Map.entry(kept.toString(), EventFixtures.modelRecognized(kept, district, "COMMUNE", "2021-06-01", "QĐ 1")),
                Map.entry(kept.toString(), EventFixtures.envelope(marker, "model-noted", kept, "{}"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> processed.seen(marker));
        awaitRegistered(district, 2);
        assertRecognizedAtCommuneLevel(district, 1);

        // A bug in a projection: a row disappears from the live tables, and the rollup the reports read counts without
        // it; the marks of repeated recognitions are lost.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM model_fact WHERE model_id = ?1").setParameter(1, lost).executeUpdate();
            em.createNativeQuery("UPDATE recognition_fact SET previous_on = NULL WHERE model_id = ?1").setParameter(1, kept)
                    .executeUpdate();
            em.createNativeQuery("UPDATE repeat_version SET version = version + 1").executeUpdate(); // as the bug's batch did
            rollup.refreshAll();
        });
        awaitRegistered(district, 1);
        assertRecognizedAtCommuneLevel(district, 2);

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
        awaitRegistered(district, 2); // the rollup the report reads was recounted from the repaired facts
        assertRecognizedAtCommuneLevel(district, 1); // and the repeats marked again

        // Events after the repair are applied as usual, once.
        UUID after = UUID.randomUUID();
        topics.send("models", after.toString(), EventFixtures.modelRegistered(UUID.randomUUID(), after, district, "ECONOMY", "NEW", "2021-06-08"));
        awaitRegistered(district, 3);
    }

    @Test
    void aReplayAppliedInBulkEndsExactlyWhereTheLiveConsumerEndedEventByEvent() {
        TopicClient topics = new TopicClient(kafka);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID commune : List.of(first, second)) {
            topics.send("units", commune.toString(), EventFixtures.unitEvent("unit-created", List.of(EventFixtures.unit(
                    commune, "Xã " + commune, "COMMUNE", "PARTY_COMMITTEE", null, "2020-01-01", null)), null));
        }
        UUID model = UUID.randomUUID();
        UUID recognized = UUID.randomUUID();
        UUID recognizedLater = UUID.randomUUID();
        UUID recognitionEvent = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        String key = model.toString();
        topics.sendAll("models", List.of(
                Map.entry(key, EventFixtures.modelRegistered(UUID.randomUUID(), model, first, "ECONOMY", "NEW", "2022-03-01")),
                Map.entry(key, recognition(recognitionEvent, model, recognized, first, "DISTRICT")),
                // The same event delivered twice, a second decision reusing a recognition id, a poison message.
                Map.entry(key, recognition(recognitionEvent, model, recognized, first, "DISTRICT")),
                // The model is corrected: moved to the second commune, another field; its recognition follows.
                Map.entry(key, EventFixtures.modelRegistered(UUID.randomUUID(), model, second, "CULTURE_SOCIETY", "NEW", "2022-03-01")
                        .replace("model-registered", "model-updated")),
                Map.entry(key, recognition(UUID.randomUUID(), model, recognizedLater, first, "PROVINCE")),
                Map.entry(key, recognition(UUID.randomUUID(), model, recognized, first, "NATIONAL")),
                Map.entry(key, "{\"specversion\": \"1.0\", \"type\": \"model-registered\"}"),
                Map.entry(key, EventFixtures.envelope(marker, "model-noted", model, "{}"))));
        await().atMost(Duration.ofSeconds(15)).until(() -> processed.seen(marker));
        // The units topic is consumed on its own: both communes must be in before the comparison.
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM unit_node WHERE id IN (?1, ?2)")
                .setParameter(1, first).setParameter(2, second).getSingleResult()).intValue() == 2));

        // Event by event (the live consumer): the correction reached the recognition recorded before it, not the
        // one recorded after it with its own data; the reused recognition id changed nothing.
        assertEquals(List.of(List.of(recognized.toString(), second.toString(), "DISTRICT", "CULTURE_SOCIETY"),
                        List.of(recognizedLater.toString(), first.toString(), "PROVINCE", "ECONOMY")),
                QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                                SELECT recognition_id::text, unit_id::text, level, field FROM recognition_fact
                                WHERE model_id = ?1 ORDER BY level""").setParameter(1, model).getResultList().stream()
                        .map(row -> Arrays.stream((Object[]) row).map(String::valueOf).toList()).toList()));

        // In bulk (the replay): the same rows.
        given().when().post("/api/admin/projections/rebuild")
                .then().statusCode(200)
                .body("poison", greaterThan(0))
                .body("tables.findAll { it.table in ['unit_node', 'unit_period', 'unit_lineage', 'model_fact', 'recognition_fact', 'activity', 'processed_event'] }"
                        + ".collect { it.onlyLive + it.onlyRebuilt }.sum()", equalTo(0));
    }

    private static String recognition(UUID eventId, UUID model, UUID recognition, UUID unit, String level) {
        return EventFixtures.envelope(eventId, "model-recognized", model, """
                {"modelId": "%s", "recognitionId": "%s", "unitId": "%s", "level": "%s", "recognizedOn": "2023-05-04",
                 "decisionRef": "QĐ 12", "field": "ECONOMY", "origin": "NEW", "name": "Mô hình", "actor": "test"}
                """.formatted(model, recognition, unit, level));
    }

    /** Models recognised at commune level in 2021 (the two recognitions counted as such all along). */
    private static void assertRecognizedAtCommuneLevel(UUID unit, int models) {
        given().queryParam("unitId", unit.toString()).queryParam("period", "2021").queryParam("groupBy", "recognitionLevel")
                .when().get("/api/reports/models").then().statusCode(200)
                .body("rows.find { it.key == 'COMMUNE' }.registered", equalTo(models))
                .body("rows.find { it.key == 'COMMUNE' }.recognized.COMMUNE", equalTo(2));
    }

    private static void awaitRegistered(UUID unit, int expected) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .queryParam("unitId", unit.toString()).queryParam("period", "2021")
                .when().get("/api/reports/models").then().statusCode(200).body("totals.registered", equalTo(expected)));
    }
}
