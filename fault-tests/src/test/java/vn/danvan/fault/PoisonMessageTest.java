package vn.danvan.fault;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages that can never be processed, put on a partition right before a real event of the same key (so the same
 * partition): each lands in the consumer's dead-letter topic with its reason, and the real event behind it is applied.
 */
@Order(4)
class PoisonMessageTest {
    static FaultPlatform platform;
    static Province province;
    static Province.District district;

    @BeforeAll
    static void district() {
        platform = FaultPlatform.get();
        province = new Province(platform);
        district = province.district("Huyện Thanh Liêm (poison)");
    }

    @Test
    void poisonOnTheModelsTopicGoesToTheDeadLetterTopicAndTheModelBehindItIsCounted() {
        UUID model = UUID.randomUUID();
        String notJson = "{\"specversion\": \"1.0\", \"id\": " + model;
        String lacksUnit = envelope("model-registered", model, "{\"modelId\": \"" + model + "\", \"field\": \"ECONOMY\"}");
        platform.topics.sendAll("models", List.of(Map.entry(model.toString(), notJson), Map.entry(model.toString(), lacksUnit)));

        Map<String, Object> body = new LinkedHashMap<>(Province.model("Mô hình sau tin độc", district.commune1(), "NEW", null,
                "2024-08-08"));
        body.put("id", model);
        platform.plans.post("/api/models", body).expect(201);

        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
        assertEquals(1, province.modelsInReport(district.id()).registered(), "the model behind the poison is counted");
        List<ConsumerRecord<String, String>> dead = deadLetters("models-dlq", model, 2);
        assertEquals(notJson, dead.get(0).value(), "the unreadable message is kept as it came");
        assertReason(dead.get(0), "not a CloudEvents JSON message");
        assertEquals(lacksUnit, dead.get(1).value());
        assertReason(dead.get(1), "lacks");
    }

    @Test
    void poisonOnThePlansTopicGoesToTheDeadLetterTopicAndThePlanBehindItIsReported() {
        UUID plan = UUID.randomUUID();
        String reviewOfNothing = envelope("plan-reviewed", plan, "{\"planId\": \"" + plan
                + "\", \"kind\": \"MID_YEAR\", \"heldOn\": \"2024-07-01\", \"taskProgress\": []}");
        platform.topics.send("plans", plan.toString(), reviewOfNothing);

        Map<String, Object> body = new LinkedHashMap<>(Province.plan("Kế hoạch sau tin độc", district.board(),
                List.of(district.commune1())));
        body.put("id", plan);
        platform.plans.post("/api/plans", body).expect(201);

        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
        assertTrue(province.plansInReport(district.id()).containsKey(plan.toString()), "the plan behind the poison is reported");
        assertReason(deadLetters("plans-dlq", plan, 1).get(0), "unknown plan");
    }

    @Test
    void poisonOnTheUnitsTopicGoesToBothConsumersDeadLetterTopicsAndTheUnitBehindItIsKnownToBoth() {
        UUID unit = UUID.randomUUID();
        String notAnEvent = "[\"unit-created\", \"" + unit + "\"]";
        platform.topics.send("units", unit.toString(), notAnEvent);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", unit);
        body.put("name", "Thôn Đồng Văn (sau tin độc)");
        body.put("kind", "VILLAGE");
        body.put("level", "VILLAGE");
        body.put("parentId", district.commune2());
        body.put("validFrom", "2020-01-01");
        platform.units.post("/api/units", body).expect(201);

        province.awaitKnownDownstream(List.of(unit));
        province.registerModel(unit, "NEW", null, "2024-09-01");
        province.awaitReportsMatchPlanService(district, Duration.ofSeconds(30));
        assertReason(deadLetters("units-dlq", unit, 1).get(0), "not a CloudEvents JSON message");
        assertReason(deadLetters("units-dlq-plan-service", unit, 1).get(0), "");
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String topic, UUID key, int expected) {
        List<ConsumerRecord<String, String>> dead = platform.topics.await(topic, r -> key.toString().equals(r.key()), expected,
                Duration.ofSeconds(20));
        assertEquals(expected, dead.size(), "poison messages with key " + key + " on " + topic + ": " + dead);
        return dead;
    }

    private static void assertReason(ConsumerRecord<String, String> record, String mentions) {
        Header reason = record.headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "a dead letter carries its reason; headers: " + record.headers());
        String text = new String(reason.value(), StandardCharsets.UTF_8);
        assertTrue(!text.isBlank() && text.contains(mentions), "reason '" + text + "' should mention '" + mentions + "'");
    }

    private static String envelope(String type, UUID subject, String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/danvan/fault-tests", "type": "%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json", "data": %s}""".formatted(UUID.randomUUID(), type,
                subject, Instant.now(), data);
    }
}
