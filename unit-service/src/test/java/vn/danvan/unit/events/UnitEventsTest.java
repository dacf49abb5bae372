package vn.danvan.unit.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;
import vn.danvan.unit.Api;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a consumer of topic "units" reads, checked against the published JSON Schemas. */
@QuarkusTest
class UnitEventsTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Test
    void createUpdateAndMergeReachKafkaAsSchemaValidEventsWithTheWholeHistoryOfEachUnit() throws Exception {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        UUID district = Api.district("Huyện ủy Lý Nhân", province);
        UUID a = Api.commune("Đảng ủy xã Nhân Hưng", district);
        UUID b = Api.commune("Đảng ủy xã Nhân Mỹ", district);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("""
                        {"name": "Đảng ủy xã Nhân Mỹ", "kind": "PARTY_COMMITTEE", "level": "COMMUNE", "code": "%s"}"""
                        .formatted(Api.code()))
                .when().put("/api/units/" + b).then().statusCode(200);
        String reorganizationId = Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-07-01", "decisionRef": "1676/NQ-UBTVQH15",
                         "sourceIds": ["%s"], "targetId": "%s"}""".formatted(a, b))
                .statusCode(201).extract().path("id");

        TopicClient topic = new TopicClient(kafka);
        JsonNode created = only(topic, a.toString(), "unit-created");
        valid("unit-created", created);
        assertEquals("/danvan/unit-service", created.path("source").asText());
        assertEquals(a.toString(), created.path("subject").asText());
        JsonNode history = created.path("data").path("units").get(0);
        assertEquals(0, history.path("revision").asInt());
        assertEquals("2020-01-01", history.path("periods").get(0).path("from").asText());
        assertTrue(history.path("periods").get(0).path("to").isNull());
        assertEquals(district.toString(), history.path("periods").get(0).path("parentId").asText());
        assertEquals("system", created.path("data").path("actor").asText());

        JsonNode updated = only(topic, b.toString(), "unit-updated");
        valid("unit-updated", updated);
        assertEquals(1, updated.path("data").path("units").get(0).path("revision").asInt());

        JsonNode reorganized = only(topic, reorganizationId, "unit-reorganized");
        valid("unit-reorganized", reorganized);
        JsonNode data = reorganized.path("data");
        assertEquals("MERGE", data.path("reorganization").path("type").asText());
        assertEquals("2025-07-01", data.path("reorganization").path("effectiveDate").asText());
        assertEquals("1676/NQ-UBTVQH15", data.path("reorganization").path("decisionRef").asText());
        assertEquals(a.toString(), data.path("lineage").get(0).path("predecessorId").asText());
        assertEquals(b.toString(), data.path("lineage").get(0).path("successorId").asText());
        Map<String, JsonNode> units = new HashMap<>();
        data.path("units").forEach(unit -> units.put(unit.path("id").asText(), unit));
        assertEquals(Map.of(a.toString(), 1, b.toString(), 2), Map.of(
                a.toString(), units.get(a.toString()).path("revision").asInt(),
                b.toString(), units.get(b.toString()).path("revision").asInt()));
        JsonNode source = units.get(a.toString());
        assertEquals("2025-06-30", source.path("validTo").asText());
        assertEquals("2025-06-30", source.path("periods").get(source.path("periods").size() - 1).path("to").asText());
    }

    @Test
    void aDissolutionCarriesEveryMovedChildWithItsNewPeriod() throws Exception {
        UUID province = Api.province("Tỉnh ủy Quảng Bình");
        UUID district = Api.district("Huyện ủy Bố Trạch", province);
        UUID commune = Api.commune("Đảng ủy thị trấn Hoàn Lão", district);
        String id = Api.reorganize("""
                {"type": "DISSOLVE", "effectiveDate": "2025-07-01", "unitId": "%s"}""".formatted(district))
                .statusCode(201).extract().path("id");
        JsonNode event = only(new TopicClient(kafka), id, "unit-reorganized");
        valid("unit-reorganized", event);
        JsonNode moved = null;
        for (JsonNode unit : event.path("data").path("units")) {
            if (unit.path("id").asText().equals(commune.toString())) {
                moved = unit;
            }
        }
        assertEquals(2, moved.path("periods").size());
        assertEquals(district.toString(), moved.path("periods").get(0).path("parentId").asText());
        assertEquals("2025-06-30", moved.path("periods").get(0).path("to").asText());
        assertEquals(province.toString(), moved.path("periods").get(1).path("parentId").asText());
        assertEquals("2025-07-01", moved.path("periods").get(1).path("from").asText());
    }

    @Test
    void everyEventWrittenToTheOutboxMatchesTheSchemaOfItsType() throws Exception {
        Api.unit("Ủy ban MTTQ huyện Phú Ninh", "FATHERLAND_FRONT", "DISTRICT", null, "2020-01-01");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT type, payload\\:\\:text FROM outbox_event").getResultList();
        assertTrue(!rows.isEmpty());
        for (Object[] row : rows) {
            valid((String) row[0], json.readTree((String) row[1]));
        }
    }

    private JsonNode only(TopicClient topic, String key, String type) throws Exception {
        List<ConsumerRecord<String, String>> records = topic.await("units",
                r -> key.equals(r.key()) && type.equals(typeOf(r.value())), 1, Duration.ofSeconds(15));
        assertEquals(1, records.size(), "one " + type + " for " + key);
        return json.readTree(records.get(0).value());
    }

    private String typeOf(String value) {
        try {
            return json.readTree(value).path("type").asText();
        } catch (Exception e) {
            return null;
        }
    }

    static void valid(String type, JsonNode event) throws Exception {
        try (InputStream in = UnitEventsTest.class.getResourceAsStream("/events/" + type + ".schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            var errors = schema.validate(event.toString(), InputFormat.JSON);
            assertTrue(errors.isEmpty(), type + " does not match its schema: " + errors + "\n" + event);
        }
    }
}
