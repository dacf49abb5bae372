package vn.danvan.unit.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.danvan.embedded.AccessCalls;
import vn.danvan.embedded.AccessCalls.Call;
import vn.danvan.embedded.TestTokens;
import vn.danvan.unit.Api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static vn.danvan.embedded.AccessCalls.saysNothingMore;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every endpoint of unit-service × role × the unit asked inside/outside the caller's subtree (a commune merged into it,
 * a dissolved district whose officials keep what it had) × token problems, with real signed tokens. Only administrators
 * change the tree or the officials; editors and viewers read their subtree; no valid token is 401, a refusal 403, both
 * problem+json that tell an attacker nothing, and a refused write changes nothing.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    static final String PROBLEM = AccessCalls.PROBLEM;
    /** A date on which every unit of the tree existed (before the 2025 merge and dissolution). */
    static final String BEFORE = "2024-06-01";

    final Map<String, UUID> units = new LinkedHashMap<>();
    final Map<UUID, UUID> officialOf = new LinkedHashMap<>();
    final Map<UUID, UUID> reorganizationOf = new LinkedHashMap<>();

    enum Endpoint {
        GET_UNIT("GET", "/api/units/{unit}", false, 200),
        LIST_UNITS("GET", "/api/units?parentId={unit}&asOf=" + BEFORE, false, 200),
        CHILDREN("GET", "/api/units/{unit}/children?asOf=" + BEFORE, false, 200),
        SUBTREE("GET", "/api/units/{unit}/subtree?asOf=" + BEFORE, false, 200),
        LINEAGE("GET", "/api/units/{unit}/lineage", false, 200),
        CREATE_UNIT("POST", "/api/units", true, 201),
        UPDATE_UNIT("PUT", "/api/units/{village}", true, 200),
        REORGANIZE("POST", "/api/reorganizations", true, 201),
        GET_REORGANIZATION("GET", "/api/reorganizations/{reorganization}", false, 200),
        IMPORT_UNITS("POST", "/api/units/import?validFrom=2024-01-01", true, 200),
        IMPORT_REORGANIZATIONS("POST", "/api/reorganizations/import", true, 200),
        CREATE_OFFICIAL("POST", "/api/officials", true, 201),
        GET_OFFICIAL("GET", "/api/officials/{official}", false, 200),
        LIST_OFFICIALS("GET", "/api/officials?unitId={unit}", false, 200),
        UPDATE_OFFICIAL("PUT", "/api/officials/{freshOfficial}", true, 200);

        final String method;
        final String path;
        final boolean adminOnly;
        final int success;

        Endpoint(String method, String path, boolean adminOnly, int success) {
            this.method = method;
            this.path = path;
            this.adminOnly = adminOnly;
            this.success = success;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** (caller's unit, unit asked, may an editor or viewer of the caller's unit read it). */
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

    /** The tree, made through the API by an administrator, the 2025 merge and dissolution included. */
    @BeforeEach
    void tree() {
        if (!units.isEmpty()) {
            return;
        }
        UUID province = create("Tỉnh ủy Hà Nam " + Api.code(), "PROVINCE", null, "2020-01-01");
        UUID lyNhan = create("Huyện ủy Lý Nhân", "DISTRICT", province, "2020-01-01");
        UUID nhanThinh = create("Đảng ủy xã Nhân Thịnh", "COMMUNE", lyNhan, "2020-01-01");
        UUID binhLuc = create("Huyện ủy Bình Lục", "DISTRICT", province, "2020-01-01");
        UUID binhNghia = create("Đảng ủy xã Bình Nghĩa", "COMMUNE", binhLuc, "2020-01-01");
        UUID merged = create("Đảng ủy xã Tràng An", "COMMUNE", binhLuc, "2020-01-01");
        UUID dissolved = create("Huyện ủy Kim Bảng", "DISTRICT", province, "2020-01-01");
        UUID dissolvedCommune = create("Đảng ủy xã Thụy Lôi", "COMMUNE", dissolved, "2020-01-01");
        units.putAll(Map.of("PROVINCE", province, "LY_NHAN", lyNhan, "NHAN_THINH", nhanThinh, "BINH_LUC", binhLuc,
                "BINH_NGHIA", binhNghia, "MERGED", merged, "DISSOLVED", dissolved, "DISSOLVED_COMMUNE", dissolvedCommune));
        UUID merge = reorganize("""
                {"type": "MERGE", "effectiveDate": "2025-07-01", "decisionRef": "1676/NQ-UBTVQH15",
                 "sourceIds": ["%s"], "targetId": "%s"}""".formatted(merged, nhanThinh));
        UUID dissolution = reorganize("""
                {"type": "DISSOLVE", "effectiveDate": "2025-07-01", "decisionRef": "72/2025/QH15", "unitId": "%s"}"""
                .formatted(dissolved));
        for (UUID unit : units.values()) {
            officialOf.put(unit, official(unit));
            // The reorganisation a unit's officials would look up: the merge or dissolution for the units that ended,
            // otherwise the renaming of a village of the unit. The village exists since before the 2025 changes, so it
            // lies in the last subtree of the dissolved district too (one made later would not: its officials keep
            // what their unit had on its last day).
            reorganizationOf.put(unit, unit.equals(merged) ? merge : unit.equals(dissolved) ? dissolution
                    : rename(village(unit, BEFORE)));
        }
    }

    static Stream<Arguments> rolesAndScopes() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Scope scope : SCOPES) {
                for (String role : List.of("editor", "viewer")) {
                    int status = endpoint.adminOnly || !scope.inside() ? 403 : endpoint.success;
                    cases.add(Arguments.of(endpoint, role, scope.caller(), scope.asked(), status));
                }
            }
            cases.add(Arguments.of(endpoint, "admin", "LY_NHAN", "BINH_NGHIA", endpoint.success));
            cases.add(Arguments.of(endpoint, "admin", "NONE", "NHAN_THINH", endpoint.success));
            cases.add(Arguments.of(endpoint, "guest", "LY_NHAN", "NHAN_THINH", 403));
            cases.add(Arguments.of(endpoint, "guest", "PROVINCE", "LY_NHAN", 403));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} of {2} for {3}: {4}")
    @MethodSource("rolesAndScopes")
    void rolesAndScope(Endpoint endpoint, String role, String caller, String asked, int status) {
        Call call = prepare(endpoint, units.get(asked));
        Response response = call.send(given().auth().oauth2(TestTokens.token(role + "-user", role, units.get(caller))));
        response.then().statusCode(status);
        if (status >= 400) {
            saysNothingMore(response, status, call);
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
        Call call = prepare(endpoint, units.get("NHAN_THINH"));
        RequestSpecification request = AccessCalls.withTokenProblem(problem, "admin", "admin", null);
        Response response = call.send(request);
        response.then().statusCode(401);
        saysNothingMore(response, 401, call);
        call.assertNothingChanged();
    }

    @Test
    void aListOfUnitsOrOfficialsWithoutAUnitHoldsTheCallersSubtreeOnly() {
        UUID lyNhan = units.get("LY_NHAN");
        viewer(lyNhan).queryParam("size", 500).when().get("/api/units").then().statusCode(200)
                .body("items.id", everyItem(in(subtreeToday(lyNhan))))
                .body("items.id", hasItem(units.get("NHAN_THINH").toString()))
                .body("items.id", not(hasItem(units.get("BINH_NGHIA").toString())));
        Set<String> lyNhanOfficials = subtreeToday(lyNhan);
        lyNhanOfficials.add(units.get("MERGED").toString());
        viewer(lyNhan).queryParam("size", 500).when().get("/api/officials").then().statusCode(200)
                .body("items.unitId", everyItem(in(lyNhanOfficials)))
                .body("items.id", hasItem(officialOf.get(units.get("NHAN_THINH")).toString()))
                .body("items.id", not(hasItem(officialOf.get(units.get("BINH_NGHIA")).toString())));
    }

    // ---- the calls -------------------------------------------------------------------------------------------

    private Call prepare(Endpoint endpoint, UUID unit) {
        boolean needsVillage = Set.of(Endpoint.UPDATE_UNIT, Endpoint.REORGANIZE, Endpoint.IMPORT_REORGANIZATIONS)
                .contains(endpoint);
        String code = Api.code();
        // Nothing new hangs under a unit that has ended: the refused change is then tried on the unit itself.
        boolean ended = unit.equals(units.get("MERGED")) || unit.equals(units.get("DISSOLVED"));
        UUID village = !needsVillage ? null : ended ? unit : village(unit, code, "2026-01-01");
        UUID freshOfficial = endpoint == Endpoint.UPDATE_OFFICIAL ? official(unit) : null;
        UUID created = UUID.randomUUID();
        String name = "Thôn Kiểm Thử " + code;
        String path = endpoint.path.replace("{unit}", unit.toString()).replace("{village}", String.valueOf(village))
                .replace("{reorganization}", String.valueOf(reorganizationOf.get(unit)))
                .replace("{official}", String.valueOf(officialOf.get(unit)))
                .replace("{freshOfficial}", String.valueOf(freshOfficial));
        String contentType = "application/json";
        String body = switch (endpoint) {
            case CREATE_UNIT -> """
                    {"id": "%s", "name": "%s", "kind": "VILLAGE", "level": "VILLAGE", "parentId": "%s",
                     "validFrom": "2024-01-01"}""".formatted(created, name, unit);
            case UPDATE_UNIT -> """
                    {"name": "%s (đã sửa)", "kind": "VILLAGE", "level": "VILLAGE", "code": "%s"}""".formatted(name, code);
            case REORGANIZE -> """
                    {"type": "RENAME", "effectiveDate": "2026-06-01", "decisionRef": "9-QĐ/UBND", "unitId": "%s",
                     "newName": "%s (mới)"}""".formatted(village, name);
            case IMPORT_UNITS -> {
                contentType = "text/csv; charset=UTF-8";
                yield "code,name,level,parentCode\n%s,%s,VILLAGE,\n".formatted(code, name);
            }
            case IMPORT_REORGANIZATIONS -> {
                contentType = "text/csv; charset=UTF-8";
                yield "oldCodes;newCode;newName;effectiveDate;decisionRef\n%s;%s;%s (mới);2026-06-01;9-QĐ/UBND\n"
                        .formatted(code, code, name);
            }
            case CREATE_OFFICIAL -> officialBody(created, unit, "Nguyễn Văn Mới");
            case UPDATE_OFFICIAL -> officialBody(null, unit, "Nguyễn Văn Đã Sửa");
            default -> null;
        };
        Runnable unchanged = null;
        if (village != null) {
            String before = admin().when().get("/api/units/" + village).then().statusCode(200).extract().asString();
            unchanged = () -> assertEquals(before, admin().when().get("/api/units/" + village).then().statusCode(200)
                    .extract().asString(), "the unit changed");
        } else if (freshOfficial != null) {
            String before = admin().when().get("/api/officials/" + freshOfficial).then().statusCode(200).extract().asString();
            unchanged = () -> assertEquals(before, admin().when().get("/api/officials/" + freshOfficial).then()
                    .statusCode(200).extract().asString(), "the official changed");
        } else if (endpoint == Endpoint.CREATE_UNIT) {
            unchanged = () -> admin().when().get("/api/units/" + created).then().statusCode(404);
        } else if (endpoint == Endpoint.CREATE_OFFICIAL) {
            unchanged = () -> admin().when().get("/api/officials/" + created).then().statusCode(404);
        } else if (endpoint == Endpoint.IMPORT_UNITS) {
            unchanged = () -> admin().queryParam("q", name).when().get("/api/units").then().statusCode(200)
                    .body("total", equalTo(0));
        }
        List<String> secrets = Stream.of(unit, village, freshOfficial, created, officialOf.get(unit),
                reorganizationOf.get(unit)).filter(Objects::nonNull).map(UUID::toString).toList();
        return new Call(endpoint.method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                unchanged, secrets);
    }

    // ---- data, made by an administrator -------------------------------------------------------------------------

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin", "admin", null)).contentType(ContentType.JSON);
    }

    private static RequestSpecification viewer(UUID unit) {
        return given().auth().oauth2(TestTokens.token("viewer-user", "viewer", unit));
    }

    private static UUID create(String name, String level, UUID parent, String validFrom) {
        return UUID.fromString(admin().body("""
                        {"name": "%s", "kind": "PARTY_COMMITTEE", "level": "%s", "parentId": %s, "validFrom": "%s"}"""
                        .formatted(name, level, parent == null ? "null" : "\"" + parent + "\"", validFrom))
                .when().post("/api/units").then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    private UUID village(UUID parent, String validFrom) {
        return village(parent, Api.code(), validFrom);
    }

    /** A village under the unit (under its successor when the unit no longer exists on the date). */
    private UUID village(UUID parent, String code, String validFrom) {
        return UUID.fromString(admin().body("""
                        {"name": "Thôn Kiểm Thử %s", "kind": "VILLAGE", "level": "VILLAGE", "parentId": "%s", "code": "%s",
                         "validFrom": "%s"}""".formatted(code, parent, code, validFrom))
                .when().post("/api/units").then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    private static UUID reorganize(String body) {
        return UUID.fromString(admin().body(body).when().post("/api/reorganizations").then().log().ifValidationFails()
                .statusCode(201).extract().path("id"));
    }

    private static UUID rename(UUID unit) {
        return reorganize("""
                {"type": "RENAME", "effectiveDate": "2026-03-01", "decisionRef": "5-QĐ/UBND", "unitId": "%s",
                 "newName": "Thôn Đổi Tên %s"}""".formatted(unit, Api.code()));
    }

    private static UUID official(UUID unit) {
        return UUID.fromString(admin().body(officialBody(null, unit, "Trần Thị Cán Bộ")).when().post("/api/officials")
                .then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    private static String officialBody(UUID id, UUID unit, String fullName) {
        return """
                {%s"fullName": "%s", "position": "Trưởng ban Dân vận", "unitId": "%s", "validFrom": "2024-01-01"}"""
                .formatted(id == null ? "" : "\"id\": \"" + id + "\", ", fullName, unit);
    }

    /** The unit's subtree today, as an administrator reads it (villages the matrix made included). */
    private static Set<String> subtreeToday(UUID unit) {
        return new java.util.HashSet<>(admin().when().get("/api/units/" + unit + "/subtree").then().statusCode(200)
                .extract().<List<String>>path("items.id"));
    }
}
