package vn.danvan.reporting.report;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.danvan.embedded.TopicClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danvan.reporting.report.EventFixtures.modelRegistered;
import static vn.danvan.reporting.report.EventFixtures.planEvent;
import static vn.danvan.reporting.report.EventFixtures.unit;
import static vn.danvan.reporting.report.EventFixtures.unitEvent;

/** Plan status per unit from plan events; live updates over SSE; stale unit revisions never roll the tree back. */
@QuarkusTest
class PlanAndLiveUpdatesTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/api/stream")
    URL stream;

    TopicClient topics;
    UUID district = UUID.randomUUID();
    UUID board = UUID.randomUUID();
    UUID police = UUID.randomUUID();
    UUID army = UUID.randomUUID();
    UUID communeBoard = UUID.randomUUID();
    UUID commune = UUID.randomUUID();

    @BeforeEach
    void phuLoc() {
        topics = new TopicClient(kafka);
        topics.sendAll("units", List.of(
                message(unit(district, "Huyện ủy Phú Lộc", "DISTRICT", "PARTY_COMMITTEE", null, "2020-01-01", null)),
                message(unit(board, "Ban Dân vận Huyện ủy Phú Lộc", "DISTRICT", "MASS_MOBILIZATION_BOARD", district, "2020-01-01", null)),
                message(unit(police, "Công an huyện Phú Lộc", "DISTRICT", "POLICE", district, "2020-01-01", null)),
                message(unit(army, "Ban Chỉ huy Quân sự huyện Phú Lộc", "DISTRICT", "MILITARY", district, "2020-01-01", null)),
                message(unit(commune, "Đảng ủy xã Lộc Trì", "COMMUNE", "PARTY_COMMITTEE", district, "2020-01-01", null)),
                message(unit(communeBoard, "Khối dân vận xã Lộc Trì", "COMMUNE", "MASS_MOBILIZATION_BOARD", commune, "2020-01-01", null))));
    }

    @Test
    void theDistrictBoardSignedItsPlanWithPoliceAndArmyAndTheCommuneBoardHasNot() {
        UUID plan = UUID.randomUUID();
        UUID task1 = UUID.randomUUID();
        UUID task2 = UUID.randomUUID();
        topics.sendAll("plans", List.of(
                java.util.Map.entry(plan.toString(), planEvent("plan-created", plan, """
                        "title": "Kế hoạch phối hợp công tác dân vận năm 2024", "documentNumber": "01-KH/BDV",
                        "ownerUnitId": "%s", "partnerUnitIds": ["%s", "%s"], "year": 2024,
                        "startDate": "2024-01-01", "endDate": "2024-12-31", "status": "DRAFT",
                        "tasks": [{"id": "%s", "title": "Tuyên truyền, vận động nhân dân", "responsibleUnitId": "%s"},
                                  {"id": "%s", "title": "Giữ vững an ninh trật tự", "responsibleUnitId": "%s"}]"""
                        .formatted(board, police, army, task1, board, task2, police))),
                java.util.Map.entry(plan.toString(), planEvent("plan-signed", plan, """
                        "ownerUnitId": "%s", "year": 2024, "signedOn": "2024-02-29", "place": "Phú Lộc\""""
                        .formatted(board))),
                java.util.Map.entry(plan.toString(), planEvent("plan-reviewed", plan, """
                        "reviewId": "%s", "kind": "MID_YEAR", "heldOn": "2024-07-05", "summary": "Sơ kết 6 tháng",
                        "taskProgress": [{"taskId": "%s", "status": "DONE"}, {"taskId": "%s", "status": "IN_PROGRESS"}]"""
                        .formatted(UUID.randomUUID(), task1, task2)))));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .queryParam("unitId", district.toString()).queryParam("year", "2024")
                .when().get("/api/reports/plans").then().statusCode(200)
                .body("summary.expected", equalTo(2)).body("summary.signed", equalTo(1)).body("summary.notSigned", equalTo(1))
                .body("plans", hasSize(1))
                .body("plans[0].status", equalTo("SIGNED"))
                .body("plans[0].signedOn", equalTo("2024-02-29"))
                .body("plans[0].partners.name", hasItem("Công an huyện Phú Lộc"))
                .body("plans[0].tasks.total", equalTo(2)).body("plans[0].tasks.done", equalTo(1))
                .body("plans[0].lastReview.kind", equalTo("MID_YEAR"))
                .body("units.find { it.unitId == '%s' }.signed".formatted(communeBoard), equalTo(false))
                .body("units.find { it.unitId == '%s' }.signed".formatted(board), equalTo(true))
                .body("units.find { it.unitId == '%s' }.signed".formatted(police), equalTo(true)));
        given().queryParam("unitId", district.toString()).queryParam("period", "2024")
                .when().get("/api/dashboard/summary").then().statusCode(200)
                .body("plans.signed", equalTo(1)).body("plans.expected", equalTo(2)).body("planYear", equalTo(2024));
        // Read once above, the plan status follows the next plan signed (reports are kept until a plan event).
        UUID communePlan = UUID.randomUUID();
        topics.sendAll("plans", List.of(java.util.Map.entry(communePlan.toString(), planEvent("plan-signed", communePlan, """
                "title": "Kế hoạch phối hợp xã Lộc Trì 2024", "ownerUnitId": "%s", "partnerUnitIds": [], "year": 2024,
                "signedOn": "2024-03-01", "tasks": []""".formatted(communeBoard)))));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .queryParam("unitId", district.toString()).queryParam("period", "2024")
                .when().get("/api/dashboard/summary").then().statusCode(200)
                .body("plans.signed", equalTo(2)).body("plans.notSigned", equalTo(0)));
        given().queryParam("unitId", district.toString()).queryParam("year", "20x4")
                .when().get("/api/reports/plans").then().statusCode(400).body("errors[0].field", equalTo("year"));
    }

    @Test
    void aModelRegisteredAfterTheDashboardOpenedArrivesOnTheStream() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString())).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        UUID modelId = UUID.randomUUID();
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains(modelId.toString())) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        Thread.sleep(300);
        topics.send("models", modelId.toString(), modelRegistered(UUID.randomUUID(), modelId, commune, "ECONOMY", "NEW", "2024-03-03"));
        String data = seen.get(15, TimeUnit.SECONDS);
        assertTrue(data.contains("model-registered"), data);
        assertTrue(data.contains(commune.toString()), data);
        response.body().close();
        given().queryParam("unitId", district.toString()).when().get("/api/dashboard/activity")
                .then().statusCode(200).body("subject", hasItem(modelId.toString()));
    }

    @Test
    void aStaleRevisionOfAUnitNeverRollsTheTreeBack() {
        UUID renamed = UUID.randomUUID();
        var newer = new EventFixtures.History(renamed, "PARTY_COMMITTEE", 2, List.of(
                new EventFixtures.Slice("2020-01-01", "2023-12-31", "Đảng ủy xã Lộc Bổn", district, "COMMUNE", "PARTY_COMMITTEE"),
                new EventFixtures.Slice("2024-01-01", null, "Đảng ủy xã Lộc Bổn mới", district, "COMMUNE", "PARTY_COMMITTEE")));
        var older = new EventFixtures.History(renamed, "PARTY_COMMITTEE", 1, List.of(
                new EventFixtures.Slice("2020-01-01", null, "Đảng ủy xã Lộc Bổn", district, "COMMUNE", "PARTY_COMMITTEE")));
        topics.sendAll("units", List.of(java.util.Map.entry(renamed.toString(), unitEvent("unit-updated", List.of(newer), null)),
                java.util.Map.entry(renamed.toString(), unitEvent("unit-updated", List.of(older), null))));
        UUID modelId = UUID.randomUUID();
        topics.send("models", modelId.toString(), modelRegistered(UUID.randomUUID(), modelId, renamed, "ECONOMY", "NEW", "2024-05-05"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .queryParam("unitId", district.toString()).queryParam("period", "2024").queryParam("groupBy", "child")
                .when().get("/api/reports/models").then().statusCode(200)
                .body("rows.find { it.key == '%s' }.label".formatted(renamed), equalTo("Đảng ủy xã Lộc Bổn mới"))
                .body("rows.find { it.key == '%s' }.registered".formatted(renamed), equalTo(1)));
        given().queryParam("unitId", district.toString()).queryParam("period", "2023").queryParam("groupBy", "child")
                .when().get("/api/reports/models").then().statusCode(200)
                .body("rows.find { it.key == '%s' }.label".formatted(renamed), equalTo("Đảng ủy xã Lộc Bổn"));
    }

    private static java.util.Map.Entry<String, String> message(EventFixtures.History unit) {
        return java.util.Map.entry(unit.id().toString(), unitEvent("unit-created", List.of(unit), null));
    }
}
