package vn.danvan.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;

/**
 * The most important calls across the three services, with tokens that the real Keycloak issues to the demo users
 * (password grant of the local realm): who may read and change what, and 401 without a token.
 */
class SecurityEndToEndTest {
    static final String LY_NHAN = "10000000-0000-4000-8000-000000000010";
    static final String LY_NHAN_COMMUNE = "10000000-0000-4000-8000-000000000032";
    static final String BINH_LUC = "10000000-0000-4000-8000-000000000020";
    static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.get();
    }

    @ParameterizedTest(name = "{0} {1}{2} as {3}: {4}")
    @CsvSource({
        // service, method + path, query, user, status
        "reporting, GET /api/reports/models, ?period=2023&unitId=" + LY_NHAN + ", admin, 200",
        "reporting, GET /api/reports/models, ?period=2023&unitId=" + LY_NHAN + ", viewer-lynhan, 200",
        "reporting, GET /api/reports/models, ?period=2023&unitId=" + LY_NHAN + ", editor-lynhan, 200",
        "reporting, GET /api/reports/models, ?period=2023&unitId=" + LY_NHAN + ", editor-binhluc, 403",
        "reporting, GET /api/reports/models, ?period=2023&unitId=" + BINH_LUC + ", editor-binhluc, 200",
        "reporting, GET /api/reports/models, ?period=2023&unitId=" + LY_NHAN + ", none, 401",
        "reporting, GET /api/reports/plans, ?year=2024&unitId=" + LY_NHAN + ", viewer-lynhan, 200",
        "reporting, GET /api/reports/plans, ?year=2024&unitId=" + LY_NHAN + ", editor-binhluc, 403",
        "reporting, POST /api/admin/projections/rebuild, '', editor-lynhan, 403",
        "plan, GET /api/models, ?unitId=" + LY_NHAN + ", viewer-lynhan, 200",
        "plan, GET /api/models, ?unitId=" + LY_NHAN + ", editor-binhluc, 403",
        "plan, GET /api/models, ?unitId=" + LY_NHAN + ", none, 401",
        "plan, POST /api/models, '', editor-lynhan, 201",
        "plan, POST /api/models, '', viewer-lynhan, 403",
        "plan, POST /api/models, '', editor-binhluc, 403",
        "unit, GET /api/units/" + LY_NHAN + ", '', viewer-lynhan, 200",
        "unit, GET /api/units, ?q=ly nhan, editor-binhluc, 200",
        "unit, POST /api/units, '', admin, 201",
        "unit, POST /api/units, '', editor-lynhan, 403",
        "unit, POST /api/units, '', none, 401",
    })
    void whoMayDoWhat(String service, String call, String query, String user, int status) {
        String[] parts = call.split(" ");
        String base = switch (service) {
            case "unit" -> platform.unitService();
            case "plan" -> platform.planService();
            default -> platform.reportingService();
        };
        RequestSpecification request = given().baseUri(base);
        if (!"none".equals(user)) {
            request.auth().oauth2(platform.token(user));
        }
        String url = parts[1] + query;
        var response = parts[0].equals("GET") ? request.when().get(url)
                : request.contentType(ContentType.JSON).body(body(parts[1])).when().post(url);
        response.then().statusCode(status);
        if (status >= 400) {
            response.then().contentType("application/problem+json");
        }
    }

    private static String body(String path) {
        return switch (path) {
            case "/api/models" -> """
                    {"name": "Mô hình kiểm thử quyền", "unitId": "%s", "field": "ECONOMY", "origin": "NEW",
                     "registeredOn": "2024-05-05"}""".formatted(LY_NHAN_COMMUNE);
            case "/api/units" -> """
                    {"name": "Chi bộ thôn Thử Quyền", "kind": "VILLAGE", "level": "VILLAGE", "parentId": "%s",
                     "validFrom": "2024-01-01"}""".formatted(LY_NHAN_COMMUNE);
            default -> "{}";
        };
    }
}
