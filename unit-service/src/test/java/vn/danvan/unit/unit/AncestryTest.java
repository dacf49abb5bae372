package vn.danvan.unit.unit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The closure table through time on the cases that make it hard: changes recorded out of date order across units, a
 * unit moved and merged on the same day, renames of a unit with a subtree, units created under a unit that later
 * moves. After each, every subtree on every date equals the recursive walk's.
 */
@QuarkusTest
class AncestryTest {
    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    @AfterEach
    void closureTableAgreesWithTheWalk() {
        AncestryCheck.assertClosureMatchesWalk(em, units);
    }

    @Test
    void aChildMovedAtAnEarlierDateThanItsParentsLaterMoveIsSeenUnderTheRightAncestorsOnEachDate() {
        UUID p1 = Api.province("Tỉnh ủy Nam Định");
        UUID p2 = Api.province("Tỉnh ủy Thái Bình");
        UUID district = Api.district("Huyện ủy Xuân Trường", p1);
        UUID other = Api.district("Huyện ủy Giao Thủy", p1);
        UUID commune = Api.commune("Đảng ủy xã Xuân Ngọc", other);
        UUID village = Api.unit("Thôn Hưng Nhân", "VILLAGE", "VILLAGE", commune, "2022-06-01");
        // the district moves to the other province in 2025 (recorded first)...
        Api.reorganize("""
                {"type": "MOVE", "effectiveDate": "2025-01-01", "unitId": "%s", "newParentId": "%s"}"""
                .formatted(district, p2)).statusCode(201);
        // ...then the commune is moved under it from 2024 (recorded later, dated earlier)
        Api.reorganize("""
                {"type": "MOVE", "effectiveDate": "2024-01-01", "unitId": "%s", "newParentId": "%s"}"""
                .formatted(commune, district)).statusCode(201);

        given().queryParam("asOf", "2023-12-31").when().get("/api/units/" + p1 + "/subtree").then()
                .body("items.id", contains(p1.toString(), other.toString(), district.toString(), commune.toString(),
                        village.toString()));
        given().queryParam("asOf", "2024-12-31").when().get("/api/units/" + p1 + "/subtree").then()
                .body("items.id", contains(p1.toString(), other.toString(), district.toString(), commune.toString(),
                        village.toString()));
        given().queryParam("asOf", "2025-01-01").when().get("/api/units/" + p2 + "/subtree").then()
                .body("items.id", contains(p2.toString(), district.toString(), commune.toString(), village.toString()));
        given().queryParam("asOf", "2025-01-01").when().get("/api/units/" + p1 + "/subtree").then()
                .body("items.id", contains(p1.toString(), other.toString()));
        given().queryParam("asOf", "2022-05-31").when().get("/api/units/" + other + "/subtree").then()
                .body("items.id", contains(other.toString(), commune.toString()));
    }

    @Test
    void aUnitMovedByAMergeAndMergedItselfOnTheSameDayHandsItsChildrenOn() {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        UUID a = Api.district("Huyện ủy Duy Tiên", province);
        UUID b = Api.district("Huyện ủy Kim Bảng", province);
        UUID c = Api.district("Huyện ủy Thanh Liêm", province);
        UUID x = Api.commune("Đảng ủy xã Yên Bắc", a);
        UUID y = Api.commune("Đảng ủy xã Tiên Sơn", c);
        UUID village = Api.unit("Thôn Lũng Xuyên", "VILLAGE", "VILLAGE", x, "2020-01-01");
        Api.reorganize("""
                {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s"], "targetId": "%s"}"""
                .formatted(a, b)).statusCode(201);
        Api.reorganize("""
                {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s"], "targetId": "%s"}"""
                .formatted(x, y)).statusCode(201);

        Api.get(village, "2025-07-01").statusCode(200).body("parentId", equalTo(y.toString()));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + b + "/subtree").then()
                .body("items.id", contains(b.toString()));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + c + "/subtree").then()
                .body("items.id", contains(c.toString(), y.toString(), village.toString()));
        given().queryParam("asOf", "2025-06-30").when().get("/api/units/" + a + "/subtree").then()
                .body("items.id", contains(a.toString(), x.toString(), village.toString()));
    }

    @Test
    void renamingUnitsAboveAUnitLeavesItsClosureRowsAsTheyWere() {
        UUID province = Api.province("Tỉnh ủy Hà Tây");
        UUID district = Api.district("Huyện ủy Ba Vì", province);
        UUID commune = Api.commune("Đảng ủy xã Tản Lĩnh", district);
        List<?> before = rows(commune);
        Api.reorganize("""
                {"type": "RENAME", "effectiveDate": "2024-08-01", "unitId": "%s", "newName": "Thành ủy Hà Nội (Hà Tây)"}"""
                .formatted(province)).statusCode(201);
        Api.reorganize("""
                {"type": "RENAME", "effectiveDate": "2025-01-01", "unitId": "%s", "newName": "Huyện ủy Ba Vì (mới)"}"""
                .formatted(district)).statusCode(201);
        assertEquals(before, rows(commune));
        // rebuilt from the periods, now cut by the renames, the rows under them are the same: they are canonical
        QuarkusTransaction.requiringNew().run(() -> units.refreshAncestry(List.of(province), List.of(province),
                LocalDate.of(2020, 1, 1)));
        assertEquals(before, rows(commune));
        given().queryParam("asOf", "2025-01-01").when().get("/api/units/" + province + "/subtree").then()
                .body("items.name", contains("Thành ủy Hà Nội (Hà Tây)", "Huyện ủy Ba Vì (mới)", "Đảng ủy xã Tản Lĩnh"))
                .body("items[1].formerNames", contains("Huyện ủy Ba Vì"));
    }

    @Test
    void splittingAndDissolvingDeepSubtreesMoveEveryDescendant() {
        UUID province = Api.province("Tỉnh ủy Hà Giang");
        UUID district = Api.district("Huyện ủy Đồng Văn", province);
        UUID commune = Api.commune("Đảng ủy xã Lũng Cú", district);
        UUID village = Api.unit("Thôn Lô Lô Chải", "VILLAGE", "VILLAGE", commune, "2021-03-01");
        UUID board = Api.unit("Ban Dân vận xã Lũng Cú", "MASS_MOBILIZATION_BOARD", "COMMUNE", commune, "2021-03-01");
        String body = Api.reorganize("""
                        {"type": "SPLIT", "effectiveDate": "2023-01-01", "sourceId": "%s",
                         "targets": [
                           {"name": "Huyện ủy Đồng Văn Bắc", "kind": "PARTY_COMMITTEE", "level": "DISTRICT", "parentId": "%s"},
                           {"name": "Huyện ủy Đồng Văn Nam", "kind": "PARTY_COMMITTEE", "level": "DISTRICT", "parentId": "%s"}
                         ]}""".formatted(district, province, province))
                .statusCode(201).extract().asString();
        UUID north = UUID.fromString(io.restassured.path.json.JsonPath.from(body).getString("resultUnitIds[0]"));
        Api.reorganize("""
                {"type": "DISSOLVE", "effectiveDate": "2025-07-01", "unitId": "%s"}""".formatted(north))
                .statusCode(201);

        given().queryParam("asOf", "2022-12-31").when().get("/api/units/" + district + "/subtree").then()
                .body("total", equalTo(4));
        given().queryParam("asOf", "2023-01-01").when().get("/api/units/" + north + "/subtree").then()
                .body("items.id", contains(north.toString(), commune.toString(), board.toString(), village.toString()));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + province + "/subtree").then()
                .body("items.id", contains(province.toString(), commune.toString(),
                        io.restassured.path.json.JsonPath.from(body).getString("resultUnitIds[1]"),
                        board.toString(), village.toString()));
    }

    /** The closure rows of a unit as descendant, whole. */
    private List<?> rows(UUID descendant) {
        return em.createNativeQuery("SELECT CAST(a AS text) FROM unit_ancestor a WHERE a.descendant_id = :d ORDER BY 1")
                .setParameter("d", descendant).getResultList();
    }
}
