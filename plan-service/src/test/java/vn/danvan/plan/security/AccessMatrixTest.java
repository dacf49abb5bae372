package vn.danvan.plan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.danvan.embedded.AccessCalls;
import vn.danvan.embedded.AccessCalls.Call;
import vn.danvan.embedded.TestTokens;
import vn.danvan.embedded.TopicClient;
import vn.danvan.plan.support.TestUnits;
import vn.danvan.plan.support.TestUnits.UnitEvents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static vn.danvan.embedded.AccessCalls.saysNothingMore;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every endpoint of plan-service × role × the unit asked inside/outside the caller's subtree (a unit merged into it, a
 * dissolved unit whose officials keep what it had) × token problems, with real signed tokens. No valid token is 401,
 * a role or scope refused is 403, both as problem+json that tell an attacker nothing; a refused write changes nothing.
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
    /** A Bình Lục commune merged on 2025-07-01 into Lý Nhân's Nhân Thịnh: its history now belongs to Lý Nhân. */
    static final UUID MERGED = UUID.randomUUID();
    /** A district dissolved on 2025-07-01 whose officials' accounts still name it: they keep what it had. */
    static final UUID DISSOLVED = UUID.randomUUID();
    static final UUID DISSOLVED_COMMUNE = UUID.randomUUID();
    /** The partner of every plan: outside every district's scope, so it lends nobody a view of a plan. */
    static final UUID PROVINCE_POLICE = UUID.randomUUID();
    static final List<String> UNITS = List.of("PROVINCE", "LY_NHAN", "NHAN_THINH", "BINH_LUC", "BINH_NGHIA", "MERGED",
            "DISSOLVED", "DISSOLVED_COMMUNE");

    static final String PROBLEM = AccessCalls.PROBLEM;
    static final String CSV = "text/csv";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    EntityManager em;

    boolean published;
    /** Resources that GET cases only read, made once per unit. */
    final Map<UUID, UUID> modelOf = new LinkedHashMap<>();
    final Map<UUID, UUID> recognitionOf = new LinkedHashMap<>();
    final Map<UUID, UUID> signedPlanOf = new LinkedHashMap<>();

    /** An endpoint, what it needs to exist beforehand, and the status of a successful call. */
    enum Endpoint {
        LIST_MODELS("GET", "/api/models?unitId={unit}", Needs.NOTHING, 200),
        GET_MODEL("GET", "/api/models/{model}", Needs.MODEL, 200),
        REGISTER_MODEL("POST", "/api/models", Needs.NOTHING, 201),
        UPDATE_MODEL("PUT", "/api/models/{model}", Needs.FRESH_MODEL, 200),
        RECOGNIZE_MODEL("POST", "/api/models/{model}/recognitions", Needs.FRESH_MODEL, 201),
        GET_RECOGNITION("GET", "/api/models/{model}/recognitions/{recognition}", Needs.MODEL, 200),
        IMPORT_MODELS("POST", "/api/models/imports", Needs.NOTHING, 200),
        CREATE_PLAN("POST", "/api/plans", Needs.NOTHING, 201),
        LIST_PLANS("GET", "/api/plans?unitId={unit}", Needs.NOTHING, 200),
        GET_PLAN("GET", "/api/plans/{plan}", Needs.SIGNED_PLAN, 200),
        UPDATE_PLAN("PUT", "/api/plans/{plan}", Needs.DRAFT_PLAN, 200),
        GET_SIGNING("GET", "/api/plans/{plan}/signing", Needs.SIGNED_PLAN, 200),
        SIGN_PLAN("POST", "/api/plans/{plan}/signing", Needs.DRAFT_PLAN, 200),
        REVIEW_PLAN("POST", "/api/plans/{plan}/reviews", Needs.FRESH_SIGNED_PLAN, 201),
        AMEND_PLAN("POST", "/api/plans/{plan}/amendments", Needs.FRESH_SIGNED_PLAN, 201),
        CLOSE_PLAN("POST", "/api/plans/{plan}/close", Needs.FRESH_SIGNED_PLAN, 200),
        CANCEL_PLAN("POST", "/api/plans/{plan}/cancel", Needs.DRAFT_PLAN, 200);

        final String method;
        final String path;
        final Needs needs;
        final int success;

        Endpoint(String method, String path, Needs needs, int success) {
            this.method = method;
            this.path = path;
            this.needs = needs;
            this.success = success;
        }

        boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    enum Needs { NOTHING, MODEL, FRESH_MODEL, SIGNED_PLAN, DRAFT_PLAN, FRESH_SIGNED_PLAN }

    /** (caller's unit, unit asked, may an editor or viewer of the caller's unit act on it). */
    record Scope(String caller, String asked, boolean inside) {
    }

    static final List<Scope> SCOPES = List.of(
            new Scope("LY_NHAN", "NHAN_THINH", true),
            new Scope("NHAN_THINH", "NHAN_THINH", true),
            new Scope("NHAN_THINH", "LY_NHAN", false),
            new Scope("LY_NHAN", "BINH_NGHIA", false),
            new Scope("PROVINCE", "BINH_NGHIA", true),
            new Scope("LY_NHAN", "MERGED", true),
            new Scope("BINH_LUC", "MERGED", false),
            new Scope("DISSOLVED", "DISSOLVED_COMMUNE", true),
            new Scope("DISSOLVED", "LY_NHAN", false),
            new Scope("NONE", "NHAN_THINH", false));

    @BeforeEach
    void tree() {
        if (published) {
            return;
        }
        TopicClient topic = new TopicClient(kafka);
        TestUnits.unit(topic, PROVINCE, "Tỉnh ủy Hà Nam", "PARTY_COMMITTEE", "PROVINCE", null, "2020-01-01", null);
        TestUnits.unit(topic, LY_NHAN, "Huyện ủy Lý Nhân", "PARTY_COMMITTEE", "DISTRICT", PROVINCE, "2020-01-01", null);
        TestUnits.unit(topic, NHAN_THINH, "Đảng ủy xã Nhân Thịnh", "PARTY_COMMITTEE", "COMMUNE", LY_NHAN, "2020-01-01", null);
        TestUnits.unit(topic, BINH_LUC, "Huyện ủy Bình Lục", "PARTY_COMMITTEE", "DISTRICT", PROVINCE, "2020-01-01", null);
        TestUnits.unit(topic, BINH_NGHIA, "Đảng ủy xã Bình Nghĩa", "PARTY_COMMITTEE", "COMMUNE", BINH_LUC, "2020-01-01", null);
        TestUnits.unit(topic, DISSOLVED, "Huyện ủy Kim Bảng", "PARTY_COMMITTEE", "DISTRICT", PROVINCE, "2020-01-01", "2025-06-30");
        TestUnits.unit(topic, DISSOLVED_COMMUNE, "Đảng ủy xã Thụy Lôi", "PARTY_COMMITTEE", "COMMUNE", DISSOLVED, "2020-01-01",
                "2025-06-30");
        TestUnits.unit(topic, PROVINCE_POLICE, "Công an tỉnh Hà Nam", "POLICE", "PROVINCE", PROVINCE, "2020-01-01", null);
        topic.send("units", MERGED.toString(), merged());
        TestUnits.awaitKnown(em, List.of(PROVINCE_POLICE, PROVINCE, LY_NHAN, NHAN_THINH, BINH_LUC, BINH_NGHIA, MERGED, DISSOLVED,
                DISSOLVED_COMMUNE));
        for (String name : UNITS) {
            UUID unit = unit(name);
            UUID model = model(unit);
            modelOf.put(unit, model);
            recognitionOf.put(unit, UUID.fromString(admin().body(recognitionBody("2024-11-20"))
                    .when().post("/api/models/" + model + "/recognitions").then().log().ifValidationFails().statusCode(201)
                    .extract().path("recognitions[0].id")));
            signedPlanOf.put(unit, signedPlan(unit));
        }
        published = true;
    }

    static Stream<Arguments> rolesAndScopes() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Scope scope : SCOPES) {
                for (String role : List.of("editor", "viewer")) {
                    boolean roleAllows = role.equals("editor") || !endpoint.writes();
                    int status = !roleAllows ? 403 : scope.inside() ? endpoint.success
                            // An import names no unit in its URL: rows outside the caller's units are errors of the
                            // file (422, each row named, nothing imported).
                            : endpoint == Endpoint.IMPORT_MODELS ? 422 : 403;
                    cases.add(Arguments.of(endpoint, role, scope.caller(), scope.asked(), status));
                }
            }
            cases.add(Arguments.of(endpoint, "admin", "LY_NHAN", "BINH_NGHIA", endpoint.success));
            cases.add(Arguments.of(endpoint, "admin", "NONE", "MERGED", endpoint.success));
            cases.add(Arguments.of(endpoint, "guest", "LY_NHAN", "NHAN_THINH", 403));
            cases.add(Arguments.of(endpoint, "guest", "PROVINCE", "PROVINCE", 403));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} of {2} for {3}: {4}")
    @MethodSource("rolesAndScopes")
    void rolesAndScope(Endpoint endpoint, String role, String caller, String asked, int status) {
        Call call = prepare(endpoint, unit(asked));
        Response response = call.send(given().auth().oauth2(TestTokens.token(role + "-user", role, unit(caller))));
        response.then().statusCode(status);
        if (status == 401 || status == 403) {
            saysNothingMore(response, status, call);
        }
        if (status >= 400) {
            call.assertNothingChanged();
        }
    }

    static Stream<Arguments> tokenProblems() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String problem : AccessCalls.TOKEN_PROBLEMS) {
                cases.add(Arguments.of(endpoint, problem));
            }
        }
        return cases.stream();
    }

    /** The token would be an administrator's if it were valid: nothing of it may count. */
    @ParameterizedTest(name = "{0} without a valid token ({1}): 401")
    @MethodSource("tokenProblems")
    void noValidTokenIsUnauthorizedAndChangesNothing(Endpoint endpoint, String problem) {
        Call call = prepare(endpoint, NHAN_THINH);
        RequestSpecification request = AccessCalls.withTokenProblem(problem, "admin", "admin", null);
        Response response = call.send(request);
        response.then().statusCode(401);
        saysNothingMore(response, 401, call);
        call.assertNothingChanged();
    }

    @Test
    void aListWithoutAUnitHoldsTheCallersSubtreeOnly() {
        Set<String> lyNhan = Set.of(LY_NHAN.toString(), NHAN_THINH.toString(), MERGED.toString());
        viewer(LY_NHAN).queryParam("size", 500).when().get("/api/models").then().statusCode(200)
                .body("items.unitId", everyItem(in(lyNhan)))
                .body("items.id", hasItem(modelOf.get(NHAN_THINH).toString()))
                .body("items.id", not(hasItem(modelOf.get(BINH_NGHIA).toString())));
        viewer(BINH_NGHIA).queryParam("size", 500).when().get("/api/models").then().statusCode(200)
                .body("items.unitId", everyItem(in(Set.of(BINH_NGHIA.toString()))))
                .body("items.id", hasItem(modelOf.get(BINH_NGHIA).toString()));
        viewer(LY_NHAN).queryParam("size", 500).when().get("/api/plans").then().statusCode(200)
                .body("items.ownerUnitId", everyItem(in(lyNhan)))
                .body("items.id", hasItem(signedPlanOf.get(NHAN_THINH).toString()))
                .body("items.id", not(hasItem(signedPlanOf.get(BINH_NGHIA).toString())));
        viewer(DISSOLVED).queryParam("size", 500).when().get("/api/models").then().statusCode(200)
                .body("items.unitId", everyItem(in(Set.of(DISSOLVED.toString(), DISSOLVED_COMMUNE.toString()))))
                .body("items.id", hasItem(modelOf.get(DISSOLVED_COMMUNE).toString()));
    }

    /** The contract: "after a merge an official of the absorbing unit sees the merged units' history". */
    @Test
    void aMergedCommunesModelsAreListedForTheAbsorbingDistrictAndNoLongerForTheOldOne() {
        viewer(LY_NHAN).queryParam("size", 500).when().get("/api/models").then().statusCode(200)
                .body("items.id", hasItem(modelOf.get(MERGED).toString()));
        viewer(LY_NHAN).queryParam("unitId", NHAN_THINH.toString()).queryParam("size", 500).when().get("/api/models")
                .then().statusCode(200).body("items.id", hasItem(modelOf.get(MERGED).toString()));
        viewer(BINH_LUC).queryParam("size", 500).when().get("/api/models").then().statusCode(200)
                .body("items.id", not(hasItem(modelOf.get(MERGED).toString())));
    }

    @Test
    void anEditorCannotMoveAModelOutOfTheirSubtree() {
        UUID model = model(NHAN_THINH);
        String before = admin().when().get("/api/models/" + model).then().statusCode(200).extract().asString();
        Response response = editor(LY_NHAN).body(modelBody(null, BINH_NGHIA, "2024-03-01")).when().put("/api/models/" + model);
        response.then().statusCode(403);
        saysNothingMore(response, 403, Call.of(null, model));
        assertEquals(before, admin().when().get("/api/models/" + model).then().statusCode(200).extract().asString());
    }

    @Test
    void anEditorCannotHandAPlanToAnotherDistrict() {
        UUID plan = draftPlan(NHAN_THINH);
        String before = admin().when().get("/api/plans/" + plan).then().statusCode(200).extract().asString();
        editor(LY_NHAN).body(planBody(null, BINH_NGHIA)).when().put("/api/plans/" + plan).then().statusCode(403)
                .contentType(PROBLEM);
        assertEquals(before, admin().when().get("/api/plans/" + plan).then().statusCode(200).extract().asString());
    }

    // ---- the calls -------------------------------------------------------------------------------------------

    private Call prepare(Endpoint endpoint, UUID unit) {
        UUID model = switch (endpoint.needs) {
            case MODEL -> modelOf.get(unit);
            case FRESH_MODEL -> model(unit);
            default -> null;
        };
        UUID plan = switch (endpoint.needs) {
            case SIGNED_PLAN -> signedPlanOf.get(unit);
            case DRAFT_PLAN -> draftPlan(unit);
            case FRESH_SIGNED_PLAN -> signedPlan(unit);
            default -> null;
        };
        String path = endpoint.path.replace("{unit}", unit.toString())
                .replace("{model}", String.valueOf(model)).replace("{plan}", String.valueOf(plan))
                .replace("{recognition}", String.valueOf(recognitionOf.get(unit)));
        UUID created = UUID.randomUUID();
        String body = switch (endpoint) {
            case REGISTER_MODEL, UPDATE_MODEL -> modelBody(endpoint == Endpoint.REGISTER_MODEL ? created : null, unit,
                    "2024-03-01");
            case RECOGNIZE_MODEL -> recognitionBody("2024-11-20");
            case IMPORT_MODELS -> "id,name,unitId,field,origin,registeredOn\n%s,Mô hình nhập từ bảng tính,%s,ECONOMY,NEW,2024-03-01\n"
                    .formatted(created, unit);
            case CREATE_PLAN -> planBody(created, unit);
            case UPDATE_PLAN -> planBody(null, unit).replace("Kế hoạch phối hợp", "Kế hoạch phối hợp (sửa)");
            case SIGN_PLAN -> signingBody(unit);
            case REVIEW_PLAN -> """
                    {"kind": "MID_YEAR", "heldOn": "2024-07-15", "summary": "Sơ kết 6 tháng"}""";
            case AMEND_PLAN -> """
                    {"amendedOn": "2024-08-01", "reason": "Bổ sung nhiệm vụ", "title": "Kế hoạch phối hợp (điều chỉnh)"}""";
            default -> null;
        };
        Runnable unchanged;
        if (model != null) {
            String before = admin().when().get("/api/models/" + model).then().statusCode(200).extract().asString();
            unchanged = () -> assertEquals(before, admin().when().get("/api/models/" + model).then().statusCode(200)
                    .extract().asString(), "the model changed");
        } else if (plan != null) {
            String before = admin().when().get("/api/plans/" + plan).then().statusCode(200).extract().asString();
            unchanged = () -> assertEquals(before, admin().when().get("/api/plans/" + plan).then().statusCode(200)
                    .extract().asString(), "the plan changed");
        } else if (endpoint == Endpoint.CREATE_PLAN) {
            unchanged = () -> admin().when().get("/api/plans/" + created).then().statusCode(404);
        } else if (endpoint == Endpoint.REGISTER_MODEL || endpoint == Endpoint.IMPORT_MODELS) {
            unchanged = () -> admin().when().get("/api/models/" + created).then().statusCode(404);
        } else {
            unchanged = null;
        }
        List<String> secrets = Stream.of(unit, model, plan, created).filter(java.util.Objects::nonNull)
                .map(UUID::toString).toList();
        return new Call(endpoint.method, path, endpoint == Endpoint.IMPORT_MODELS ? CSV : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), unchanged, secrets);
    }

    // ---- data, made by an administrator -------------------------------------------------------------------------

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin", "admin", null)).contentType(ContentType.JSON);
    }

    private static RequestSpecification editor(UUID unit) {
        return given().auth().oauth2(TestTokens.token("editor-user", "editor", unit)).contentType(ContentType.JSON);
    }

    private static RequestSpecification viewer(UUID unit) {
        return given().auth().oauth2(TestTokens.token("viewer-user", "viewer", unit));
    }

    private static UUID model(UUID unit) {
        return UUID.fromString(admin().body(modelBody(null, unit, "2024-03-01")).when().post("/api/models")
                .then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    private static UUID draftPlan(UUID owner) {
        return UUID.fromString(admin().body(planBody(null, owner)).when().post("/api/plans")
                .then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    private static UUID signedPlan(UUID owner) {
        UUID plan = draftPlan(owner);
        admin().body(signingBody(owner)).when().post("/api/plans/" + plan + "/signing").then().log().ifValidationFails()
                .statusCode(200);
        return plan;
    }

    private static String modelBody(UUID id, UUID unit, String registeredOn) {
        return """
                {%s"name": "Dân vận khéo trong xây dựng nông thôn mới", "unitId": "%s", "field": "ECONOMY",
                 "origin": "NEW", "collective": true, "registeredOn": "%s"}"""
                .formatted(id == null ? "" : "\"id\": \"" + id + "\", ", unit, registeredOn);
    }

    private static String recognitionBody(String recognizedOn) {
        return """
                {"level": "DISTRICT", "recognizedOn": "%s", "decisionRef": "%s"}"""
                .formatted(recognizedOn, UUID.randomUUID().toString().substring(0, 8) + "-QĐ/HU");
    }

    private static String planBody(UUID id, UUID owner) {
        return """
                {%s"title": "Kế hoạch phối hợp công tác dân vận năm 2024", "documentNumber": "05-KH/BDV",
                 "ownerUnitId": "%s", "partnerUnitIds": ["%s"], "year": 2024,
                 "tasks": [{"id": "%s", "title": "Tuyên truyền, vận động nhân dân", "responsibleUnitId": "%s"}]}"""
                .formatted(id == null ? "" : "\"id\": \"" + id + "\", ", owner, PROVINCE_POLICE, UUID.randomUUID(), owner);
    }

    private static String signingBody(UUID owner) {
        return """
                {"signedOn": "2024-02-29", "place": "Hội trường Huyện ủy",
                 "signatories": [{"unitId": "%s", "name": "Nguyễn Văn A", "position": "Trưởng ban Dân vận"},
                                 {"unitId": "%s", "name": "Lê Văn C", "position": "Giám đốc Công an tỉnh"}]}"""
                .formatted(owner, PROVINCE_POLICE);
    }

    /** unit-service's unit-reorganized for the merge: the ended commune's history and the lineage link. */
    private static String merged() {
        Map<String, Object> period = UnitEvents.period("2020-01-01", "2025-06-30", "Đảng ủy xã Tràng An", BINH_LUC,
                "COMMUNE", "PARTY_COMMITTEE");
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("id", MERGED.toString());
        unit.put("kind", "PARTY_COMMITTEE");
        unit.put("code", null);
        unit.put("validFrom", "2020-01-01");
        unit.put("validTo", "2025-06-30");
        unit.put("formerNames", List.of());
        unit.put("revision", 2);
        unit.put("periods", List.of(period));
        Map<String, Object> link = Map.of("predecessorId", MERGED.toString(), "successorId", NHAN_THINH.toString(),
                "effectiveDate", "2025-07-01", "type", "MERGE");
        Map<String, Object> reorganization = Map.of("id", UUID.randomUUID().toString(), "type", "MERGE",
                "effectiveDate", "2025-07-01", "decisionRef", "Nghị quyết sáp nhập xã (thử)",
                "resultUnitIds", List.of(NHAN_THINH.toString()));
        return UnitEvents.envelope("unit-reorganized", UUID.fromString(reorganization.get("id").toString()),
                Map.of("reorganization", reorganization, "lineage", List.of(link), "units", List.of(unit), "actor", "test"));
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
}
