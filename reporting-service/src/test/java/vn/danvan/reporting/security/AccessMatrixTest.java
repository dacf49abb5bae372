package vn.danvan.reporting.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.danvan.embedded.AccessCalls;
import vn.danvan.embedded.TopicClient;
import vn.danvan.reporting.report.EventFixtures;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Endpoint × role × inside/outside the caller's subtree × token problems. Officials see only their subtree as it
 * stands today, merged units' history included; anything else is 403 (not an empty answer); no valid token is 401.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    static final UUID PROVINCE = UUID.randomUUID();
    static final UUID LY_NHAN = UUID.randomUUID();
    static final UUID NHAN_THINH = UUID.randomUUID();
    static final UUID BINH_LUC = UUID.randomUUID();
    static final UUID BINH_NGHIA = UUID.randomUUID();
    /** A Bình Lục commune merged in 2025 into Lý Nhân's Nhân Thịnh: its history now belongs to Lý Nhân's officials. */
    static final UUID MERGED = UUID.randomUUID();
    /** A district dissolved in 2025 whose officials' accounts still name it: they keep what it had. */
    static final UUID DISSOLVED = UUID.randomUUID();
    static final UUID DISSOLVED_COMMUNE = UUID.randomUUID();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    boolean published;

    @BeforeEach
    void tree() {
        if (published) {
            return;
        }
        published = true;
        TopicClient topics = new TopicClient(kafka);
        topics.sendAll("units", List.of(
                unit(EventFixtures.unit(PROVINCE, "Tỉnh ủy Hà Nam", "PROVINCE", "PARTY_COMMITTEE", null, "2020-01-01", null)),
                unit(EventFixtures.unit(LY_NHAN, "Huyện ủy Lý Nhân", "DISTRICT", "PARTY_COMMITTEE", PROVINCE, "2020-01-01", null)),
                unit(EventFixtures.unit(NHAN_THINH, "Đảng ủy xã Nhân Thịnh", "COMMUNE", "PARTY_COMMITTEE", LY_NHAN, "2020-01-01", null)),
                unit(EventFixtures.unit(BINH_LUC, "Huyện ủy Bình Lục", "DISTRICT", "PARTY_COMMITTEE", PROVINCE, "2020-01-01", null)),
                unit(EventFixtures.unit(BINH_NGHIA, "Đảng ủy xã Bình Nghĩa", "COMMUNE", "PARTY_COMMITTEE", BINH_LUC, "2020-01-01", null)),
                unit(EventFixtures.unit(DISSOLVED, "Huyện ủy Kim Bảng", "DISTRICT", "PARTY_COMMITTEE", PROVINCE, "2020-01-01", "2025-06-30")),
                unit(EventFixtures.unit(DISSOLVED_COMMUNE, "Đảng ủy xã Thụy Lôi", "COMMUNE", "PARTY_COMMITTEE", DISSOLVED, "2020-01-01", "2025-06-30")),
                Map.entry(MERGED.toString(), EventFixtures.unitEvent("unit-reorganized", List.of(EventFixtures.unit(MERGED,
                        "Đảng ủy xã Tràng An", "COMMUNE", "PARTY_COMMITTEE", BINH_LUC, "2020-01-01", "2025-06-30")), """
                        [{"predecessorId": "%s", "successorId": "%s", "effectiveDate": "2025-07-01", "type": "MERGE"}]"""
                        .formatted(MERGED, NHAN_THINH)))));
        // Units travel on several partitions: wait until every one of them is known.
        for (UUID unit : List.of(PROVINCE, LY_NHAN, NHAN_THINH, BINH_LUC, BINH_NGHIA, MERGED, DISSOLVED, DISSOLVED_COMMUNE)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("admin", "admin", PROVINCE)
                    .queryParam("unitId", unit.toString()).queryParam("period", "2023")
                    .when().get("/api/reports/models").then().statusCode(200));
        }
    }

    @ParameterizedTest(name = "{0} {1} as {2} of {3} for {4}: {5}")
    @CsvSource({
        // endpoint, path, role, caller unit, asked unit, status
        "GET, /api/reports/models?period=2023&unitId=, viewer, LY_NHAN, LY_NHAN, 200",
        "GET, /api/reports/models?period=2023&unitId=, viewer, LY_NHAN, NHAN_THINH, 200",
        "GET, /api/reports/models?period=2023&unitId=, viewer, LY_NHAN, MERGED, 200",
        "GET, /api/reports/models?period=2023&unitId=, viewer, LY_NHAN, BINH_LUC, 403",
        "GET, /api/reports/models?period=2023&unitId=, viewer, LY_NHAN, PROVINCE, 403",
        "GET, /api/reports/models?period=2023&unitId=, editor, BINH_LUC, LY_NHAN, 403",
        "GET, /api/reports/models?period=2023&unitId=, editor, BINH_LUC, BINH_NGHIA, 200",
        "GET, /api/reports/models?period=2023&unitId=, editor, BINH_LUC, MERGED, 403",
        "GET, /api/reports/models?period=2023&unitId=, viewer, PROVINCE, BINH_NGHIA, 200",
        "GET, /api/reports/models?period=2023&unitId=, admin, LY_NHAN, BINH_LUC, 200",
        "GET, /api/reports/models?period=2023&unitId=, viewer, DISSOLVED, DISSOLVED_COMMUNE, 200",
        "GET, /api/reports/models?period=2023&unitId=, viewer, DISSOLVED, LY_NHAN, 403",
        "GET, /api/reports/models?period=2023&unitId=, viewer, NONE, LY_NHAN, 403",
        "GET, /api/reports/models?period=2023&unitId=, nobody, LY_NHAN, LY_NHAN, 403",
        "GET, /api/reports/models/narrative?period=2023&unitId=, viewer, LY_NHAN, LY_NHAN, 200",
        "GET, /api/reports/models/narrative?period=2023&unitId=, viewer, LY_NHAN, BINH_LUC, 403",
        "GET, /api/reports/plans?year=2024&unitId=, viewer, LY_NHAN, LY_NHAN, 200",
        "GET, /api/reports/plans?year=2024&unitId=, editor, LY_NHAN, BINH_LUC, 403",
        "GET, /api/dashboard/summary?period=2024&unitId=, viewer, LY_NHAN, LY_NHAN, 200",
        "GET, /api/dashboard/summary?period=2024&unitId=, viewer, LY_NHAN, BINH_NGHIA, 403",
        "GET, /api/dashboard/activity?unitId=, viewer, BINH_LUC, BINH_LUC, 200",
        "GET, /api/dashboard/activity?unitId=, viewer, BINH_LUC, LY_NHAN, 403",
        "POST, /api/admin/projections/rebuild?unitId=, editor, PROVINCE, PROVINCE, 403",
        "POST, /api/admin/projections/rebuild?unitId=, viewer, PROVINCE, PROVINCE, 403",
    })
    void rolesAndScope(String method, String path, String role, String callerUnit, String askedUnit, int status) {
        RequestSpecification request = as(role.equals("nobody") ? "guest" : role + "-user", role, unit(callerUnit));
        var response = method.equals("GET") ? request.when().get(path + unit(askedUnit))
                : request.when().post(path + unit(askedUnit));
        response.then().statusCode(status);
        if (status >= 400) {
            response.then().contentType("application/problem+json").body("status", equalTo(status));
        }
    }

    @ParameterizedTest(name = "{0} without a valid token ({1}): 401")
    @CsvSource({
        "/api/reports/models?period=2023&unitId=, none",
        "/api/reports/models?period=2023&unitId=, expired",
        "/api/reports/models?period=2023&unitId=, forged",
        "/api/reports/models?period=2023&unitId=, otherAudience",
        "/api/reports/models?period=2023&unitId=, otherIssuer",
        "/api/reports/models?period=2023&unitId=, garbage",
        "/api/reports/plans?year=2024&unitId=, expired",
        "/api/dashboard/summary?period=2024&unitId=, forged",
        "/api/dashboard/activity?unitId=, none",
        "/api/reports/models/narrative?period=2023&unitId=, otherAudience",
        "/api/stream?unitId=, none",
    })
    void noValidTokenIsUnauthorizedAndSaysNothingMore(String path, String problem) {
        Response response = AccessCalls.withTokenProblem(problem, "viewer-lynhan", "viewer", LY_NHAN).when().get(path + LY_NHAN);
        response.then().statusCode(401);
        AccessCalls.saysNothingMore(response, 401, AccessCalls.Call.of(null, LY_NHAN));
    }

    @Test
    void theHealthAndMetricsEndpointsStayOpenForProbes() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }

    private static RequestSpecification as(String user, String role, UUID unit) {
        return AccessCalls.as(user, role, unit);
    }

    private static UUID unit(String name) {
        return switch (name) {
            case "PROVINCE" -> PROVINCE;
            case "LY_NHAN" -> LY_NHAN;
            case "NHAN_THINH" -> NHAN_THINH;
            case "BINH_LUC" -> BINH_LUC;
            case "BINH_NGHIA" -> BINH_NGHIA;
            case "MERGED" -> MERGED;
            case "DISSOLVED" -> DISSOLVED;
            case "DISSOLVED_COMMUNE" -> DISSOLVED_COMMUNE;
            default -> null;
        };
    }

    private static Map.Entry<String, String> unit(EventFixtures.History history) {
        return Map.entry(history.id().toString(), EventFixtures.unitEvent("unit-created", List.of(history), null));
    }
}
