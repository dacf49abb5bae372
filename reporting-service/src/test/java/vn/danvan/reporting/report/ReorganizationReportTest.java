package vn.danvan.reporting.report;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static vn.danvan.reporting.report.EventFixtures.modelRecognized;
import static vn.danvan.reporting.report.EventFixtures.modelRegistered;
import static vn.danvan.reporting.report.EventFixtures.unit;
import static vn.danvan.reporting.report.EventFixtures.unitEvent;

/**
 * The 2025 merger: two communes of a district, with models in 2023, merged on 1 July 2025 into a new commune directly
 * under the province (districts abolished). Reports as reported then stay as they were; restated under today's units
 * the figures move to the new commune; nothing is lost or counted twice.
 */
@QuarkusTest
class ReorganizationReportTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TopicClient topics;
    UUID province = UUID.randomUUID();
    UUID district = UUID.randomUUID();
    UUID communeA = UUID.randomUUID();
    UUID communeB = UUID.randomUUID();
    UUID merged = UUID.randomUUID();
    UUID survivor = UUID.randomUUID();

    @BeforeEach
    void treeBeforeAndAfterTheMerger() {
        topics = new TopicClient(kafka);
        topics.send("units", province.toString(), unitEvent("unit-created",
                List.of(unit(province, "Tỉnh ủy Hà Nam", "PROVINCE", "PARTY_COMMITTEE", null, "2020-01-01", null)), null));
        topics.send("units", district.toString(), unitEvent("unit-created",
                List.of(unit(district, "Huyện ủy Lý Nhân", "DISTRICT", "PARTY_COMMITTEE", province, "2020-01-01", "2025-06-30")), null));
        // A commune that survives: moved under the province when the district is abolished.
        topics.send("units", survivor.toString(), unitEvent("unit-updated", List.of(new EventFixtures.History(survivor,
                "PARTY_COMMITTEE", 1, List.of(
                new EventFixtures.Slice("2020-01-01", "2025-06-30", "Đảng ủy xã Nhân Thịnh", district, "COMMUNE", "PARTY_COMMITTEE"),
                new EventFixtures.Slice("2025-07-01", null, "Đảng ủy xã Nhân Thịnh", province, "COMMUNE", "PARTY_COMMITTEE")))), null));
        // The merger event carries the histories of both sources (now ended) and of the new commune, with lineage.
        topics.send("units", merged.toString(), unitEvent("unit-reorganized", List.of(
                        unit(merged, "Đảng ủy xã Nam Lý", "COMMUNE", "PARTY_COMMITTEE", province, "2025-07-01", null),
                        unit(communeA, "Đảng ủy xã Chân Lý", "COMMUNE", "PARTY_COMMITTEE", district, "2020-01-01", "2025-06-30"),
                        unit(communeB, "Đảng ủy xã Đạo Lý", "COMMUNE", "PARTY_COMMITTEE", district, "2020-01-01", "2025-06-30")),
                """
                [{"predecessorId": "%s", "successorId": "%s", "effectiveDate": "2025-07-01", "type": "MERGE"},
                 {"predecessorId": "%s", "successorId": "%s", "effectiveDate": "2025-07-01", "type": "MERGE"}]"""
                        .formatted(communeA, merged, communeB, merged)));
        register(communeA, "2023-02-01");
        register(communeA, "2023-05-01");
        register(communeB, "2023-03-01");
        register(communeB, "2023-04-01");
        register(communeB, "2023-09-01");
        register(survivor, "2023-10-01");
        topics.send("models", UUID.randomUUID().toString(), modelRecognized(UUID.randomUUID(), communeB, "DISTRICT", "2023-12-01", "QĐ 12"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> report(province, "2023", null, null)
                .then().statusCode(200).body("totals.registered", equalTo(6)).body("totals.recognized.DISTRICT", equalTo(1)));
    }

    @Test
    void asReportedThenTheDistrictAndItsCommunesKeepTheirFigures() {
        report(district, "2023", "child", null).then().statusCode(200)
                .body("structureAsOf", equalTo("2023-12-31"))
                .body("totals.registered", equalTo(6))
                .body("rows.find { it.key == '%s' }.registered".formatted(communeA), equalTo(2))
                .body("rows.find { it.key == '%s' }.registered".formatted(communeB), equalTo(3))
                .body("rows.find { it.key == '%s' }.recognized.DISTRICT".formatted(communeB), equalTo(1))
                .body("rows.find { it.key == '%s' }.registered".formatted(survivor), equalTo(1));
        report(province, "2023", "child", null).then().statusCode(200)
                .body("rows.key", not(hasItem(merged.toString())))
                .body("rows.find { it.key == '%s' }.registered".formatted(district), equalTo(6));
    }

    @Test
    void restatedUnderTodaysUnitsTheNewCommuneCarriesBothHistoriesOnce() {
        report(province, "2023", "child", "2025-12-31").then().statusCode(200)
                .body("totals.registered", equalTo(6))
                .body("rows.key", not(hasItem(district.toString())))
                .body("rows.find { it.key == '%s' }.registered".formatted(merged), equalTo(5))
                .body("rows.find { it.key == '%s' }.recognized.DISTRICT".formatted(merged), equalTo(1));
        report(merged, "2023", null, "2025-12-31").then().statusCode(200).body("totals.registered", equalTo(5));
    }

    @Test
    void aUnitAskedForADateWhenItDidNotExistIsRefusedWithTheReason() {
        report(merged, "2023", null, null).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("unitId"));
        report(district, "2025", null, null).then().statusCode(422);
    }

    @Test
    void aYearAcrossTheMergerCountsEveryModelOnceUnderTheUnitsAtItsEnd() {
        register(merged, "2025-08-01");
        UUID before = register(communeA, "2025-03-01");
        // Recognised after its commune was merged away: still the model of a commune-level unit.
        topics.send("models", before.toString(), modelRecognized(before, communeA, "DISTRICT", "2025-09-15", "QĐ 25"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> report(merged, "2025", null, null)
                .then().statusCode(200).body("totals.registered", equalTo(2)).body("totals.recognized.DISTRICT", equalTo(1)));
        report(province, "2025", "child", null).then().statusCode(200)
                .body("totals.registered", equalTo(2))
                .body("rows.find { it.key == '%s' }.registered".formatted(merged), equalTo(2));
        report(merged, "2025", "unitLevel", null).then().statusCode(200)
                .body("rows.find { it.key == 'COMMUNE' }.registered", equalTo(2))
                .body("rows.find { it.key == 'COMMUNE' }.recognized.DISTRICT", equalTo(1))
                .body("rows.find { it.key == 'DISTRICT' }.registered", equalTo(0));
    }

    private UUID register(UUID unitId, String on) {
        UUID modelId = UUID.randomUUID();
        topics.send("models", modelId.toString(), modelRegistered(UUID.randomUUID(), modelId, unitId, "ECONOMY", "NEW", on));
        return modelId;
    }

    private static io.restassured.response.Response report(UUID unit, String period, String groupBy, String structureAsOf) {
        var request = given().queryParam("unitId", unit.toString()).queryParam("period", period);
        if (groupBy != null) {
            request.queryParam("groupBy", groupBy);
        }
        if (structureAsOf != null) {
            request.queryParam("structureAsOf", structureAsOf);
        }
        return request.when().get("/api/reports/models");
    }
}
