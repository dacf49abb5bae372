package vn.danvan.plan.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests the tests repeat, written as a client of the API would send them. */
public final class Fixtures {
    public static final UUID TASK_1 = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    public static final UUID TASK_2 = UUID.fromString("a0000000-0000-4000-8000-000000000002");

    private Fixtures() {
    }

    public static String modelBody(UUID unitId, String registeredOn) {
        return """
                {"name": "Dân vận khéo trong xây dựng nông thôn mới", "unitId": "%s", "field": "ECONOMY",
                 "origin": "NEW", "registeredOn": "%s", "collective": true,
                 "form": {"situation": "Đường làng xuống cấp", "goals": "Bê tông hóa 2 km đường",
                          "leadForces": "Chi bộ thôn", "expectedResults": "Nhân dân hiến 500 m² đất"}}
                """.formatted(unitId, registeredOn);
    }

    public static UUID registerModel(UUID unitId, String registeredOn) {
        return UUID.fromString(given().contentType(ContentType.JSON).body(modelBody(unitId, registeredOn))
                .when().post("/api/models").then().statusCode(201).extract().path("id"));
    }

    public static String planBody() {
        return """
                {"title": "Kế hoạch phối hợp công tác dân vận năm 2024", "documentNumber": "05-KH/BDV",
                 "ownerUnitId": "%s", "partnerUnitIds": ["%s", "%s", "%s"], "year": 2024,
                 "tasks": [{"id": "%s", "title": "Tuyên truyền, vận động nhân dân", "responsibleUnitId": "%s"},
                           {"id": "%s", "title": "Nắm tình hình cơ sở, giải quyết điểm nóng", "responsibleUnitId": "%s"}]}
                """.formatted(TestUnits.BOARD, TestUnits.MILITARY, TestUnits.POLICE, TestUnits.BORDER_GUARD,
                TASK_1, TestUnits.BOARD, TASK_2, TestUnits.POLICE);
    }

    public static UUID draftPlan() {
        return UUID.fromString(given().contentType(ContentType.JSON).body(planBody())
                .when().post("/api/plans").then().statusCode(201).extract().path("id"));
    }

    public static String signingBody(String signedOn) {
        return """
                {"signedOn": "%s", "place": "Hội trường Huyện ủy",
                 "signatories": [{"unitId": "%s", "name": "Nguyễn Văn A", "position": "Trưởng ban Dân vận Huyện ủy"},
                                 {"unitId": "%s", "name": "Trần Văn B", "position": "Chỉ huy trưởng"},
                                 {"unitId": "%s", "name": "Lê Văn C", "position": "Trưởng Công an huyện"},
                                 {"unitId": "%s", "name": "Phạm Văn D", "position": "Đồn trưởng"}],
                 "witnesses": [{"name": "Nguyễn Duy Cường", "position": "Phó Trưởng ban Thường trực Ban Dân vận Tỉnh ủy"}]}
                """.formatted(signedOn, TestUnits.BOARD, TestUnits.MILITARY, TestUnits.POLICE, TestUnits.BORDER_GUARD);
    }

    public static ValidatableResponse sign(UUID planId) {
        return given().contentType(ContentType.JSON).body(signingBody("2024-02-29"))
                .when().post("/api/plans/" + planId + "/signing").then();
    }

    public static UUID signedPlan() {
        UUID id = draftPlan();
        sign(id).statusCode(200);
        return id;
    }

    public static String reviewBody(String kind, String heldOn) {
        return """
                {"kind": "%s", "heldOn": "%s", "summary": "Sơ kết 6 tháng", "assessment": "Hoàn thành tốt",
                 "taskProgress": [{"taskId": "%s", "status": "DONE", "note": "Đã tổ chức 12 buổi"},
                                  {"taskId": "%s", "status": "IN_PROGRESS"}]}
                """.formatted(kind, heldOn, TASK_1, TASK_2);
    }
}
