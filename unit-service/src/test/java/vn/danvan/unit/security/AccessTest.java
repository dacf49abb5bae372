package vn.danvan.unit.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role reads the tree; the scope of a unit follows the tree and its lineage. (Refusals of editors and viewers
 * need the token profile: with security off, LocalTrust makes every caller the administrator.)
 */
@QuarkusTest
class AccessTest {
    private static final String BODY = """
            {"name": "Đảng ủy xã Nhân Thịnh", "kind": "PARTY_COMMITTEE", "level": "COMMUNE", "validFrom": "2020-01-01"}""";

    @Inject
    UnitTreeScope scope;

    @Test
    @TestSecurity(user = "viewer-lynhan", roles = "viewer")
    void aViewerReadsTheTree() {
        given().when().get("/api/units").then().statusCode(200);
        given().when().get("/api/officials").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorChangesTheTreeAndIsRecordedAsTheActor() {
        String id = given().contentType(ContentType.JSON).body(BODY).when().post("/api/units")
                .then().statusCode(201).extract().path("id");
        given().when().get("/api/units/" + id).then().statusCode(200).body("name", equalTo("Đảng ủy xã Nhân Thịnh"));
    }

    @Test
    void theScopeOfAUnitHoldsItsSubtreeTodayAndTheUnitsMergedIntoIt() {
        UUID root = Api.district("Huyện ủy Lý Nhân", null);
        UUID child = Api.commune("Đảng ủy xã Nhân Thịnh", root);
        UUID merged = Api.commune("Đảng ủy xã Bình Nghĩa", Api.district("Huyện ủy Bình Lục", null));
        Api.reorganize("""
                {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s"], "targetId": "%s"}"""
                .formatted(merged, child)).statusCode(201);
        UUID stranger = Api.commune("Đảng ủy xã Tràng An", null);
        assertTrue(scope.contains(root, child));
        assertTrue(scope.contains(root, merged));
        assertFalse(scope.contains(root, stranger));
    }

    @Test
    void theScopeOfADissolvedDistrictIsItsSubtreeOnItsLastDay() {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        UUID district = Api.district("Huyện ủy Lý Nhân", province);
        UUID commune = Api.commune("Đảng ủy xã Hòa Hậu", district);
        Api.reorganize("""
                {"type": "DISSOLVE", "effectiveDate": "2025-07-01", "unitId": "%s"}""".formatted(district)).statusCode(201);
        assertTrue(scope.contains(district, commune));
        assertTrue(scope.contains(province, commune));
        assertTrue(scope.contains(province, district));
        assertFalse(scope.contains(commune, district));
    }
}
