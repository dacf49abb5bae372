package vn.danvan.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** REST → outbox → Kafka → projection, through the three packaged services and the real broker and databases. */
class RoundTripTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.get();
    }

    @Test
    void aModelRegisteredInPlanServiceAppearsInTheDistrictReportAndARedeliveryCountsOnce() throws Exception {
        String district = createUnit("Huyện ủy Lý Nhân", "DISTRICT", null);
        String commune = createUnit("Đảng ủy xã Nhân Thịnh", "COMMUNE", district);

        // plan-service learns about new units from the units topic: registration is accepted once it has.
        String[] modelId = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = given().baseUri(platform.planService()).auth().oauth2(platform.token("admin"))
                    .contentType(ContentType.JSON).body("""
                            {"name": "Dân vận khéo trong dồn điền đổi thửa", "unitId": "%s", "field": "ECONOMY",
                             "origin": "NEW", "registeredOn": "2023-04-20"}""".formatted(commune))
                    .when().post("/api/models");
            modelId[0] = response.statusCode() == 201 ? response.path("id") : null;
            return modelId[0] != null;
        });
        long begin = System.nanoTime();
        awaitRegistered(district, 1);
        System.out.printf("e2e: model visible in the district report %d ms after the 201%n",
                Duration.ofNanos(System.nanoTime() - begin).toMillis());

        // Deliver the very same event again, then a marker on the same key (same partition, so applied after it).
        TopicClient topics = new TopicClient(platform.settings.kafkaBootstrap());
        List<ConsumerRecord<String, String>> published = topics.await("models", r -> modelId[0].equals(r.key()), 1, Duration.ofSeconds(10));
        assertEquals(1, published.size(), "one registration, one event");
        topics.send("models", modelId[0], published.get(0).value());
        ObjectNode marker = (ObjectNode) JSON.readTree(published.get(0).value());
        String markerModel = UUID.randomUUID().toString();
        marker.put("id", UUID.randomUUID().toString()).put("subject", markerModel);
        ((ObjectNode) marker.get("data")).put("modelId", markerModel);
        topics.send("models", modelId[0], JSON.writeValueAsString(marker));
        awaitRegistered(district, 2);
        given().baseUri(platform.reportingService()).auth().oauth2(platform.token("admin")).queryParam("unitId", commune).queryParam("period", "2023")
                .when().get("/api/reports/models").then().statusCode(200).body("totals.registered", equalTo(2));
    }

    private String createUnit(String name, String level, String parentId) {
        return given().baseUri(platform.unitService()).auth().oauth2(platform.token("admin")).contentType(ContentType.JSON).body("""
                        {"name": "%s", "kind": "PARTY_COMMITTEE", "level": "%s", "parentId": %s, "validFrom": "2020-01-01"}"""
                        .formatted(name, level, parentId == null ? "null" : "\"" + parentId + "\""))
                .when().post("/api/units").then().statusCode(201).extract().path("id");
    }

    private void awaitRegistered(String unitId, int expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().baseUri(platform.reportingService()).auth().oauth2(platform.token("admin")).queryParam("unitId", unitId).queryParam("period", "2023")
                        .when().get("/api/reports/models")
                        .then().statusCode(200).body("totals.registered", equalTo(expected)));
    }
}
