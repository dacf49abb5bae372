package vn.danvan.plan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.danvan.plan.support.Fixtures;
import vn.danvan.plan.support.TestUnits;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input of every kind: always a 4xx problem+json naming the field where there is one, and nothing written. */
@QuarkusTest
class MalformedRequestsTest {
    private static final String MODEL = """
            {"name": "Mô hình", "unitId": "%s", "field": "ECONOMY", "origin": "NEW", "registeredOn": "2023-03-01"}"""
            .formatted(TestUnits.COMMUNE_A);
    private static final String PLAN = Fixtures.planBody();
    private static final String SIGNING = Fixtures.signingBody("2024-02-29");
    private static final String REVIEW = Fixtures.reviewBody("MID_YEAR", "2024-07-01");
    private static final String RECOGNITION = """
            {"level": "DISTRICT", "recognizedOn": "2023-11-01", "decisionRef": "12-QĐ/HU"}""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    /** Made once: every case asserts that it leaves them exactly as they were. */
    static UUID model;
    static UUID draft;
    static UUID signed;

    @BeforeEach
    void fixtures() {
        TestUnits.ensure(kafka, em);
        if (model == null) {
            model = Fixtures.registerModel(TestUnits.COMMUNE_A, "2023-03-01");
            draft = Fixtures.draftPlan();
            signed = Fixtures.signedPlan();
        }
    }

    static Stream<Arguments> malformed() {
        String models = "/api/models";
        String plans = "/api/plans";
        String recognitions = "/api/models/{model}/recognitions";
        String signing = "/api/plans/{draft}/signing";
        String reviews = "/api/plans/{signed}/reviews";
        return Stream.of(
                arguments("model: no body", "POST", models, "", 400, null),
                arguments("model: not JSON", "POST", models, "{\"name\": ", 400, null),
                arguments("model: a JSON array", "POST", models, "[]", 400, null),
                arguments("model: blank name", "POST", models, MODEL.replace("\"Mô hình\"", "\"   \""), 400, "name"),
                arguments("model: name too long", "POST", models, MODEL.replace("Mô hình", "x".repeat(501)), 400, "name"),
                arguments("model: no unit", "POST", models, MODEL.replace("\"unitId\": \"" + TestUnits.COMMUNE_A + "\",", ""), 400, "unitId"),
                arguments("model: unit not a UUID", "POST", models, MODEL.replace(TestUnits.COMMUNE_A.toString(), "xã A"), 400, "unitId"),
                arguments("model: field outside the list", "POST", models, MODEL.replace("ECONOMY", "SPORTS"), 400, "field"),
                arguments("model: no origin", "POST", models, MODEL.replace("\"origin\": \"NEW\",", ""), 400, "origin"),
                arguments("model: impossible date", "POST", models, MODEL.replace("2023-03-01", "2023-13-01"), 400, "registeredOn"),
                arguments("model: Vietnamese date format", "POST", models, MODEL.replace("2023-03-01", "01/03/2023"), 400, "registeredOn"),
                arguments("model: registered in the future", "POST", models, MODEL.replace("2023-03-01", "2999-01-01"), 400, "registeredOn"),
                arguments("model: collective is not a boolean", "POST", models, MODEL.replace("}", ", \"collective\": \"maybe\"}"), 400, "collective"),
                arguments("model: description too long", "POST", models, MODEL.replace("}", ", \"description\": \"" + "x".repeat(20_001) + "\"}"), 400, "description"),
                arguments("model: form field too long", "POST", models, MODEL.replace("}", ", \"form\": {\"goals\": \"" + "x".repeat(20_001) + "\"}}"), 400, "form.goals"),
                arguments("model: NEW yet replicated", "POST", models, MODEL.replace("}", ", \"replicatedFromId\": \"{model}\"}"), 422, "replicatedFromId"),
                arguments("model: replicates an unknown model", "POST", models, MODEL.replace("NEW", "REPLICATED").replace("}", ", \"replicatedFromId\": \"" + UUID.randomUUID() + "\"}"), 422, "replicatedFromId"),
                arguments("model: unknown unit", "POST", models, MODEL.replace(TestUnits.COMMUNE_A.toString(), UUID.randomUUID().toString()), 422, "unitId"),
                arguments("model: unit merged away by then", "POST", models, MODEL.replace(TestUnits.COMMUNE_A.toString(), TestUnits.MERGED_COMMUNE.toString()), 422, "unitId"),
                arguments("model: id that exists", "POST", models, MODEL.replace("{", "{\"id\": \"{model}\", "), 409, null),
                arguments("model: update with another id in the body", "PUT", "/api/models/{model}", MODEL.replace("{", "{\"id\": \"" + UUID.randomUUID() + "\", "), 400, "id"),
                arguments("model: update of an unknown model", "PUT", "/api/models/" + UUID.randomUUID(), MODEL, 404, null),
                arguments("model: text/plain body", "POST-TEXT", models, MODEL, 415, null),
                arguments("model: oversize body", "POST", models, MODEL.replace("Mô hình", "x".repeat(1_100_000)), 413, null),
                arguments("recognition: no level", "POST", recognitions, RECOGNITION.replace("\"level\": \"DISTRICT\",", ""), 400, "level"),
                arguments("recognition: level outside the list", "POST", recognitions, RECOGNITION.replace("DISTRICT", "GLOBAL"), 400, "level"),
                arguments("recognition: blank decision", "POST", recognitions, RECOGNITION.replace("12-QĐ/HU", " "), 400, "decisionRef"),
                arguments("recognition: before the registration", "POST", recognitions, RECOGNITION.replace("2023-11-01", "2022-11-01"), 422, "recognizedOn"),
                arguments("recognition: unknown model", "POST", "/api/models/" + UUID.randomUUID() + "/recognitions", RECOGNITION, 404, null),
                arguments("plan: no title", "POST", plans, PLAN.replace("\"title\": \"Kế hoạch phối hợp công tác dân vận năm 2024\",", ""), 400, "title"),
                arguments("plan: no partner", "POST", plans, PLAN.replaceAll("\"partnerUnitIds\": \\[[^]]*]", "\"partnerUnitIds\": []"), 400, "partnerUnitIds"),
                arguments("plan: a null partner", "POST", plans, PLAN.replace("\"partnerUnitIds\": [", "\"partnerUnitIds\": [null, "), 400, "partnerUnitIds[0]"),
                arguments("plan: owner among the partners", "POST", plans, PLAN.replace(TestUnits.MILITARY.toString(), TestUnits.BOARD.toString()), 422, "partnerUnitIds"),
                arguments("plan: a partner twice", "POST", plans, PLAN.replace(TestUnits.MILITARY.toString(), TestUnits.POLICE.toString()), 422, "partnerUnitIds"),
                arguments("plan: unknown owner", "POST", plans, PLAN.replace("\"ownerUnitId\": \"" + TestUnits.BOARD, "\"ownerUnitId\": \"" + UUID.randomUUID()), 422, "ownerUnitId"),
                arguments("plan: ends before it starts", "POST", plans, PLAN.replace("\"year\": 2024", "\"startDate\": \"2024-06-01\", \"endDate\": \"2024-01-01\""), 422, "endDate"),
                arguments("plan: year out of range", "POST", plans, PLAN.replace("2024,", "1800,"), 400, "year"),
                arguments("plan: year is text", "POST", plans, PLAN.replace("2024,", "\"năm nay\","), 400, "year"),
                arguments("plan: task without responsible unit", "POST", plans, PLAN.replace("\"responsibleUnitId\": \"" + TestUnits.POLICE + "\"", "\"responsibleUnitId\": null"), 400, "tasks[1].responsibleUnitId"),
                arguments("plan: task listed twice", "POST", plans, PLAN.replace(Fixtures.TASK_2.toString(), Fixtures.TASK_1.toString()), 422, "tasks[1].id"),
                arguments("signing: nobody signs", "POST", signing, SIGNING.replaceAll("\"signatories\": \\[[^]]*]", "\"signatories\": []"), 400, "signatories"),
                arguments("signing: no date", "POST", signing, SIGNING.replace("\"signedOn\": \"2024-02-29\",", ""), 400, "signedOn"),
                arguments("signing: a signatory without name", "POST", signing, SIGNING.replace("\"Nguyễn Văn A\"", "\"\""), 400, "signatories[0].name"),
                arguments("signing: after the plan ended", "POST", signing, SIGNING.replace("2024-02-29", "2025-02-01"), 422, "signedOn"),
                arguments("review: kind outside the list", "POST", reviews, REVIEW.replace("MID_YEAR", "WEEKLY"), 400, "kind"),
                arguments("review: progress status outside the list", "POST", reviews, REVIEW.replace("\"DONE\"", "\"HALF\""), 400, "taskProgress[0].status"),
                arguments("review: blank summary", "POST", reviews, REVIEW.replace("Sơ kết 6 tháng", ""), 400, "summary"),
                arguments("review: held before the signing", "POST", reviews, REVIEW.replace("2024-07-01", "2024-01-15"), 422, "heldOn"),
                arguments("list: page size above 500", "GET", "/api/models?size=501", null, 400, "size"),
                arguments("list: page size is text", "GET", "/api/models?size=ten", null, 400, "size"),
                arguments("list: negative page", "GET", "/api/plans?page=-1", null, 400, "page"),
                arguments("list: page is text", "GET", "/api/plans?page=first", null, 400, "page"),
                arguments("list: field outside the list", "GET", "/api/models?field=SPORTS", null, 400, "field"),
                arguments("list: status outside the list", "GET", "/api/plans?status=DONE", null, 400, "status"),
                arguments("list: year is text", "GET", "/api/plans?year=abc", null, 400, "year"),
                arguments("list: unit is not a UUID", "GET", "/api/plans?unitId=xa-a", null, 400, "unitId"));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("malformed")
    void isRefusedAsProblemJsonAndChangesNothing(String scenario, String method, String path, String body, int status,
                                                 String field) {
        List<Long> before = counts();
        String url = path.replace("{model}", model.toString()).replace("{draft}", draft.toString())
                .replace("{signed}", signed.toString());
        String payload = body == null ? null : body.replace("{model}", model.toString());
        RequestSpecification request = given().contentType(method.equals("POST-TEXT") ? "text/plain; charset=UTF-8"
                : "application/json; charset=UTF-8");
        if (payload != null) {
            request = request.body(payload);
        }
        ValidatableResponse response = switch (method) {
            case "GET" -> request.when().get(url).then();
            case "PUT" -> request.when().put(url).then();
            default -> request.when().post(url).then();
        };
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
        assertEquals(before, counts(), scenario + " must not change anything");
        given().when().get("/api/plans/" + draft).then().body("status", equalTo("DRAFT")).body("version", equalTo(0));
        given().when().get("/api/models/" + model).then().body("version", equalTo(0));
    }

    private List<Long> counts() {
        return Stream.of("model", "recognition", "plan", "outbox_event", "unit_ref")
                .map(t -> ((Number) em.createNativeQuery("SELECT count(*) FROM " + t).getSingleResult()).longValue())
                .toList();
    }
}
