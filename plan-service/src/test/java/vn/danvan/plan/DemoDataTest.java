package vn.danvan.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.danvan.plan.support.Json;
import vn.danvan.plan.support.TestUnits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo data drawn from the seed articles loads through the public API (again without harm), and states the
 * articles' figures: Lý Nhân 2023 has 84 models (59 new, 25 replicated), 2 recognised by the province and 10 by the
 * district; Phú Ninh registered 54 district-level and 137 new commune-level models in the first half of 2024;
 * the Phú Lộc 2024 plan is signed on 29/02/2024 with 8 focus tasks; Bố Trạch's on 8/4/2021.
 */
@QuarkusTest
class DemoDataTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final List<String> FILES = List.of("20-models", "25-recognitions", "30-plans", "35-signings");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    @Test
    void theDemoDataLoadsThroughTheApiAndStatesTheArticlesFigures() throws IOException {
        publishReferencedUnits();
        importPhuNinh();
        for (String file : FILES) {
            load(read("/demo/" + file + ".json"));
        }
        for (String file : List.of("25-recognitions", "30-plans", "35-signings")) {
            load(read("/demo/" + file + ".json"));
        }
        String lyNhanCommunes = "'10000000-0000-4000-8000-000000000031','10000000-0000-4000-8000-000000000032',"
                + "'10000000-0000-4000-8000-000000000033','10000000-0000-4000-8000-000000000034',"
                + "'10000000-0000-4000-8000-000000000035','10000000-0000-4000-8000-000000000011',"
                + "'10000000-0000-4000-8000-000000000012','10000000-0000-4000-8000-000000000013',"
                + "'10000000-0000-4000-8000-000000000014','10000000-0000-4000-8000-000000000015'";
        String lyNhan2023 = "FROM model WHERE CAST(unit_id AS text) IN (" + lyNhanCommunes + ") "
                + "AND registered_on BETWEEN '2023-01-01' AND '2023-12-31'";
        assertEquals(84L, count("SELECT count(*) " + lyNhan2023));
        assertEquals(59L, count("SELECT count(*) " + lyNhan2023 + " AND origin = 'NEW'"));
        assertEquals(25L, count("SELECT count(*) " + lyNhan2023 + " AND origin = 'REPLICATED'"));
        assertEquals(10L, count("SELECT count(*) FROM recognition r JOIN model m ON m.id = r.model_id WHERE r.level = 'DISTRICT' "
                + "AND CAST(m.unit_id AS text) IN (" + lyNhanCommunes + ") AND r.recognized_on BETWEEN '2023-01-01' AND '2023-12-31'"));
        assertEquals(2L, count("SELECT count(*) FROM recognition r JOIN model m ON m.id = r.model_id WHERE r.level = 'PROVINCE' "
                + "AND CAST(m.unit_id AS text) IN (" + lyNhanCommunes + ")"));
        String phuNinhDistrict = ids(110, 111, 112, 113, 114, 401, 402, 403, 404, 405);
        String phuNinhCommunes = ids(115, 116, 117, 406, 407, 408, 409, 410, 411, 412, 413);
        String phuNinhH1 = "FROM model WHERE registered_on BETWEEN '2024-01-01' AND '2024-06-30' AND CAST(unit_id AS text) IN ";
        assertEquals(54L, count("SELECT count(*) " + phuNinhH1 + "(" + phuNinhDistrict + ")"));
        assertEquals(137L, count("SELECT count(*) " + phuNinhH1 + "(" + phuNinhCommunes + ") AND origin = 'NEW'"));
        given().when().get("/api/plans/40000000-0000-4000-8000-000000000001").then().statusCode(200)
                .body("status", equalTo("SIGNED")).body("signing.signedOn", equalTo("2024-02-29"))
                .body("tasks.size()", equalTo(8)).body("partnerUnitIds.size()", equalTo(3));
        given().when().get("/api/plans/40000000-0000-4000-8000-000000000002").then().statusCode(200)
                .body("status", equalTo("SIGNED")).body("signing.signedOn", equalTo("2021-04-08"));
    }

    /** Demo unit ids (deploy/demo/10-units.json) as a SQL list. */
    private static String ids(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> "'10000000-0000-4000-8000-%012d'".formatted(n))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** As the launcher's loader: skip an item whose resource exists, else POST it; {field} in the path comes from the item. */
    private void load(JsonNode file) {
        for (JsonNode item : file.path("items")) {
            Matcher m = PLACEHOLDER.matcher(file.path("path").asText());
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(path, item.path(m.group(1)).asText());
            }
            m.appendTail(path);
            String existing = item.has("id") ? path + "/" + item.path("id").asText() : path.toString();
            if (given().when().get(existing).statusCode() == 200) {
                continue;
            }
            given().contentType(ContentType.JSON).body(item.toString()).when().post(path.toString())
                    .then().statusCode(expected(file));
        }
    }

    private static int expected(JsonNode file) {
        return file.path("path").asText().endsWith("/signing") ? 200 : 201;
    }

    /** The 191 Phú Ninh models go through the bulk import (one request, one transaction): the same write path. */
    private void importPhuNinh() throws IOException {
        JsonNode items = read("/demo/21-models-phuninh.json").path("items");
        if (given().when().get("/api/models/" + items.get(0).path("id").asText()).statusCode() == 200) {
            return;
        }
        StringBuilder csv = new StringBuilder("id;name;unitId;field;origin;collective;registeredOn\n");
        for (JsonNode m : items) {
            csv.append(String.join(";", m.path("id").asText(), "\"" + m.path("name").asText().replace("\"", "\"\"") + "\"",
                    m.path("unitId").asText(), m.path("field").asText(), m.path("origin").asText(),
                    m.path("collective").asText(), m.path("registeredOn").asText())).append('\n');
        }
        given().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/models/imports").then().statusCode(200).body("imported", equalTo(items.size()));
    }

    /** Every unit the demo data names, as unit-service would announce it (demo units exist since 2020). */
    private void publishReferencedUnits() throws IOException {
        Set<UUID> units = new LinkedHashSet<>();
        Pattern unitId = Pattern.compile("10000000-0000-4000-8000-\\d{12}");
        for (String file : List.of("20-models", "21-models-phuninh", "25-recognitions", "30-plans", "35-signings")) {
            Matcher m = unitId.matcher(read("/demo/" + file + ".json").toString());
            while (m.find()) {
                units.add(UUID.fromString(m.group()));
            }
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (UUID id : units) {
                producer.send(new ProducerRecord<>("units", id.toString(), TestUnits.UnitEvents.history("unit-created", id,
                        1, "OTHER", List.of(TestUnits.UnitEvents.period("2020-01-01", null, "Đơn vị " + id, null,
                                "DISTRICT", "OTHER")))));
            }
        }
        TestUnits.awaitKnown(em, new ArrayList<>(units));
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = DemoDataTest.class.getResourceAsStream(resource)) {
            return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
