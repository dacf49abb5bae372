package vn.danvan.unit.reorganization;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.danvan.unit.Api;
import vn.danvan.unit.unit.AncestryCheck;
import vn.danvan.unit.unit.UnitRepository;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ReorganizationTest {
    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    /** After every scenario (refused ones included), subtrees by the closure table equal the recursive walk's. */
    @AfterEach
    void closureTableAgreesWithTheWalk() {
        AncestryCheck.assertClosureMatchesWalk(em, units);
    }

    @Test
    void mergingTwoCommunesIntoANewOneEndsThemTheDayBeforeAndAnswersEachDateWithItsTree() {
        UUID province = Api.province("Tỉnh ủy Hà Nam");
        UUID district = Api.district("Huyện ủy Lý Nhân", province);
        UUID a = Api.commune("Đảng ủy xã Nhân Hưng", district);
        UUID b = Api.commune("Đảng ủy xã Nhân Mỹ", district);
        UUID village = Api.unit("Thôn Đồng Lý", "VILLAGE", "VILLAGE", a, "2020-01-01");
        String code = Api.code();
        String reorganization = Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-07-01", "decisionRef": "1676/NQ-UBTVQH15",
                         "sourceIds": ["%s", "%s"],
                         "target": {"name": "Đảng ủy xã Nhân Hà", "kind": "PARTY_COMMITTEE", "level": "COMMUNE",
                                    "parentId": "%s", "code": "%s"}}""".formatted(a, b, province, code))
                .statusCode(201)
                .body("type", equalTo("MERGE"))
                .body("effectiveDate", equalTo("2025-07-01"))
                .body("decisionRef", equalTo("1676/NQ-UBTVQH15"))
                .body("resultUnitIds.size()", equalTo(1))
                .extract().asString();
        UUID merged = UUID.fromString(io.restassured.path.json.JsonPath.from(reorganization).getString("resultUnitIds[0]"));

        Api.get(a, "2025-06-30").statusCode(200).body("validTo", equalTo("2025-06-30"));
        Api.get(a, "2025-07-01").statusCode(404);
        Api.get(merged, "2025-06-30").statusCode(404);
        Api.get(merged, "2025-07-01").statusCode(200).body("name", equalTo("Đảng ủy xã Nhân Hà"))
                .body("parentId", equalTo(province.toString())).body("code", equalTo(code));
        Api.get(village, "2025-06-30").statusCode(200).body("parentId", equalTo(a.toString()));
        Api.get(village, "2025-07-01").statusCode(200).body("parentId", equalTo(merged.toString()));

        given().queryParam("asOf", "2025-06-30").when().get("/api/units/" + district + "/children")
                .then().body("items.id", containsInAnyOrder(a.toString(), b.toString()));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + district + "/children")
                .then().body("total", equalTo(0));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + province + "/subtree")
                .then().body("items.id", contains(province.toString(), merged.toString(), district.toString(),
                        village.toString()));
    }

    @Test
    void mergingACommuneIntoAnExistingOneKeepsTheTargetsCodeAndRecordsTheLineage() {
        UUID district = Api.district("Huyện ủy Bình Lục", Api.province("Tỉnh ủy Hà Nam"));
        String targetCode = Api.code();
        UUID target = Api.unit("Đảng ủy xã Bình Mỹ", "PARTY_COMMITTEE", "COMMUNE", district, targetCode, "2020-01-01");
        UUID source = Api.commune("Đảng ủy xã Bình Nghĩa", district);
        UUID board = Api.unit("Khối dân vận xã Bình Nghĩa", "MASS_MOBILIZATION_BOARD", "COMMUNE", source, "2020-01-01");
        Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-07-01", "decisionRef": "NQ 1676",
                         "sourceIds": ["%s"], "targetId": "%s"}""".formatted(source, target))
                .statusCode(201).body("resultUnitIds", contains(target.toString()));

        Api.get(target, "2025-07-01").statusCode(200).body("code", equalTo(targetCode)).body("validTo", nullValue());
        Api.get(source, "2025-06-30").statusCode(200);
        Api.get(source, "2025-07-01").statusCode(404);
        Api.get(board, "2025-07-01").statusCode(200).body("parentId", equalTo(target.toString()));
        given().when().get("/api/units/" + target + "/lineage")
                .then().statusCode(200)
                .body("predecessors.unitId", contains(source.toString()))
                .body("predecessors[0].name", equalTo("Đảng ủy xã Bình Nghĩa"))
                .body("predecessors[0].effectiveDate", equalTo("2025-07-01"))
                .body("predecessors[0].type", equalTo("MERGE"))
                .body("predecessors[0].decisionRef", equalTo("NQ 1676"))
                .body("successors.size()", equalTo(0));
        given().when().get("/api/units/" + source + "/lineage")
                .then().statusCode(200)
                .body("successors.unitId", contains(target.toString()))
                .body("predecessors.size()", equalTo(0));
    }

    @Test
    void theTransitiveLineageFollowsSeveralReorganisationsAndTheDefaultOneStaysOneStep() {
        UUID district = Api.district("Huyện ủy Thanh Liêm", Api.province("Tỉnh ủy Hà Nam"));
        UUID a = Api.commune("Đảng ủy xã Liêm Cần", district);
        UUID b = Api.commune("Đảng ủy xã Thanh Hà", district);
        Api.reorganize("""
                {"type": "MERGE", "effectiveDate": "2024-01-01", "sourceIds": ["%s"], "targetId": "%s"}"""
                .formatted(a, b)).statusCode(201);
        String body = Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-07-01", "decisionRef": "NQ 1676", "sourceIds": ["%s"],
                         "target": {"name": "Đảng ủy xã Thanh Liêm", "kind": "PARTY_COMMITTEE", "level": "COMMUNE",
                                    "parentId": "%s"}}""".formatted(b, district))
                .statusCode(201).extract().asString();
        String merged = io.restassured.path.json.JsonPath.from(body).getString("resultUnitIds[0]");

        given().when().get("/api/units/" + merged + "/lineage")
                .then().statusCode(200).body("predecessors.unitId", contains(b.toString()))
                .body("predecessors[0].viaUnitId", nullValue());
        given().queryParam("transitive", true).when().get("/api/units/" + merged + "/lineage")
                .then().statusCode(200)
                .body("predecessors.unitId", contains(a.toString(), b.toString()))
                .body("predecessors.viaUnitId", contains(b.toString(), merged))
                .body("predecessors.name", contains("Đảng ủy xã Liêm Cần", "Đảng ủy xã Thanh Hà"))
                .body("predecessors.effectiveDate", contains("2024-01-01", "2025-07-01"))
                .body("predecessors[1].decisionRef", equalTo("NQ 1676"))
                .body("successors.size()", equalTo(0));
        given().queryParam("transitive", true).when().get("/api/units/" + a + "/lineage")
                .then().statusCode(200)
                .body("successors.unitId", contains(b.toString(), merged))
                .body("successors.viaUnitId", contains(a.toString(), b.toString()))
                .body("successors.name", contains("Đảng ủy xã Thanh Hà", "Đảng ủy xã Thanh Liêm"));
    }

    @Test
    void splittingAUnitEndsItAndCreatesEachTargetFromTheEffectiveDate() {
        UUID province = Api.province("Tỉnh ủy Quảng Nam");
        UUID source = Api.district("Huyện ủy Phú Ninh", province);
        UUID child = Api.commune("Đảng ủy xã Tam Thành", source);
        String body = Api.reorganize("""
                        {"type": "SPLIT", "effectiveDate": "2024-01-01", "decisionRef": "QĐ 12", "sourceId": "%s",
                         "targets": [
                           {"name": "Huyện ủy Phú Ninh Bắc", "kind": "PARTY_COMMITTEE", "level": "DISTRICT", "parentId": "%s"},
                           {"name": "Huyện ủy Phú Ninh Nam", "kind": "PARTY_COMMITTEE", "level": "DISTRICT", "parentId": "%s"}
                         ]}""".formatted(source, province, province))
                .statusCode(201).body("resultUnitIds.size()", equalTo(2)).extract().asString();
        List<String> targets = io.restassured.path.json.JsonPath.from(body).getList("resultUnitIds");
        Api.get(source, "2023-12-31").statusCode(200);
        Api.get(source, "2024-01-01").statusCode(404);
        Api.get(UUID.fromString(targets.get(1)), "2024-01-01").statusCode(200).body("name", equalTo("Huyện ủy Phú Ninh Nam"));
        Api.get(child, "2024-01-01").statusCode(200).body("parentId", equalTo(targets.get(0)));
        given().when().get("/api/units/" + source + "/lineage")
                .then().body("successors.unitId", containsInAnyOrder(targets.toArray()))
                .body("successors.type", contains("SPLIT", "SPLIT"));
    }

    @Test
    void dissolvingADistrictMovesAllItsCommunesToTheProvince() {
        UUID province = Api.province("Tỉnh ủy Quảng Bình");
        UUID district = Api.district("Huyện ủy Bố Trạch", province);
        UUID c1 = Api.commune("Đảng ủy xã Hoàn Lão", district);
        UUID c2 = Api.commune("Đảng ủy xã Hòa Trạch", district);
        UUID c3 = Api.commune("Đảng ủy xã Đại Trạch", district);
        Api.reorganize("""
                        {"type": "DISSOLVE", "effectiveDate": "2025-07-01", "decisionRef": "Kết luận 137",
                         "unitId": "%s"}""".formatted(district))
                .statusCode(201);
        for (UUID commune : List.of(c1, c2, c3)) {
            Api.get(commune, "2025-06-30").statusCode(200).body("parentId", equalTo(district.toString()))
                    .body("level", equalTo("COMMUNE"));
            Api.get(commune, "2025-07-01").statusCode(200).body("parentId", equalTo(province.toString()));
        }
        Api.get(district, "2025-06-30").statusCode(200).body("validTo", equalTo("2025-06-30"));
        Api.get(district, "2025-07-01").statusCode(404);
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + province + "/children")
                .then().body("items.name", contains("Đảng ủy xã Đại Trạch", "Đảng ủy xã Hòa Trạch", "Đảng ủy xã Hoàn Lão"));
        given().queryParam("asOf", "2025-06-30").when().get("/api/units/" + province + "/children")
                .then().body("items.id", contains(district.toString()));
        given().queryParam("asOf", "2025-06-30").when().get("/api/units/" + province + "/subtree")
                .then().body("total", equalTo(5));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + province + "/subtree")
                .then().body("total", equalTo(4));
    }

    @Test
    void aRenameKeepsTheFormerNameAndEachDateAnswersWithItsOwnName() {
        UUID unit = Api.unit("Ban Dân vận Tỉnh ủy", "MASS_MOBILIZATION_BOARD", "PROVINCE", null, "2020-01-01");
        Api.reorganize("""
                        {"type": "RENAME", "effectiveDate": "2025-03-01", "unitId": "%s",
                         "newName": "Ban Tuyên giáo và Dân vận Tỉnh ủy"}""".formatted(unit))
                .statusCode(201).body("resultUnitIds", contains(unit.toString()));
        Api.get(unit, "2025-02-28").statusCode(200).body("name", equalTo("Ban Dân vận Tỉnh ủy"))
                .body("formerNames.size()", equalTo(0));
        Api.get(unit, "2025-03-01").statusCode(200).body("name", equalTo("Ban Tuyên giáo và Dân vận Tỉnh ủy"))
                .body("formerNames", contains("Ban Dân vận Tỉnh ủy")).body("version", equalTo(1));
    }

    @Test
    void aMoveIsSeenFromItsDateOnlyAndAMoveUnderItsOwnSubtreeIsRefused() {
        UUID province = Api.province("Tỉnh ủy Thừa Thiên Huế");
        UUID district = Api.district("Huyện ủy Phú Lộc", province);
        UUID commune = Api.commune("Đảng ủy thị trấn Lăng Cô", district);
        Api.reorganize("""
                {"type": "MOVE", "effectiveDate": "2024-05-01", "unitId": "%s", "newParentId": "%s"}"""
                .formatted(district, commune)).statusCode(422).body("errors[0].field", equalTo("newParentId"));
        Api.reorganize("""
                {"type": "MOVE", "effectiveDate": "2024-05-01", "unitId": "%s", "newParentId": "%s"}"""
                .formatted(commune, province)).statusCode(201);
        Api.get(commune, "2024-04-30").statusCode(200).body("parentId", equalTo(district.toString()));
        Api.get(commune, "2024-05-01").statusCode(200).body("parentId", equalTo(province.toString()));
    }

    @Test
    void mergingAUnitTwiceIsRefusedAndTheSecondAttemptChangesNothingAndEmitsNothing() {
        UUID district = Api.district("Huyện ủy Lý Nhân", Api.province("Tỉnh ủy Hà Nam"));
        UUID a = Api.commune("Đảng ủy xã Nhân Chính", district);
        UUID b = Api.commune("Đảng ủy xã Nhân Bình", district);
        UUID c = Api.commune("Đảng ủy xã Nhân Nghĩa", district);
        UUID target = Api.commune("Đảng ủy xã Nhân Khang", district);
        Api.reorganize("""
                {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s"], "targetId": "%s"}"""
                .formatted(a, target)).statusCode(201);
        Snapshot before = snapshot();
        Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s", "%s"],
                         "target": {"name": "Đảng ủy xã Mới", "kind": "PARTY_COMMITTEE", "level": "COMMUNE",
                                    "parentId": "%s"}}""".formatted(b, a, district))
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sourceIds[1]"));
        assertEquals(before, snapshot());
        Api.get(b, "2025-07-01").statusCode(200).body("validTo", nullValue()).body("version", equalTo(0));

        // the same unit twice in one request is malformed
        Api.reorganize("""
                {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s", "%s"], "targetId": "%s"}"""
                .formatted(c, c, target)).statusCode(400).body("errors.field", hasItem("sourceIds"));
        assertEquals(before, snapshot());
    }

    @Test
    void aNewUnitUnderAParentThatDoesNotExistOnTheDateIsRefusedAndNothingChanges() {
        UUID lateProvince = Api.unit("Tỉnh ủy Ninh Bình (mới)", "PARTY_COMMITTEE", "PROVINCE", null, "2025-07-01");
        UUID district = Api.district("Huyện ủy Kim Bảng", Api.province("Tỉnh ủy Hà Nam"));
        UUID a = Api.commune("Đảng ủy xã Tân Sơn", district);
        UUID b = Api.commune("Đảng ủy xã Thụy Lôi", district);
        Snapshot before = snapshot();
        Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-01-01", "sourceIds": ["%s", "%s"],
                         "target": {"name": "Đảng ủy xã Tân Thanh", "kind": "PARTY_COMMITTEE", "level": "COMMUNE",
                                    "parentId": "%s"}}""".formatted(a, b, lateProvince))
                .statusCode(422).body("errors[0].field", equalTo("target.parentId"));
        Api.reorganize("""
                        {"type": "MERGE", "effectiveDate": "2025-07-01", "sourceIds": ["%s", "%s"],
                         "target": {"name": "Đảng ủy xã Tân Thanh", "kind": "PARTY_COMMITTEE", "level": "COMMUNE",
                                    "parentId": "%s"}}""".formatted(a, UUID.randomUUID(), lateProvince))
                .statusCode(422).body("errors[0].field", not(equalTo("target.parentId")));
        assertEquals(before, snapshot());
        Api.get(a, "2025-07-01").statusCode(200).body("parentId", equalTo(district.toString()));
    }

    @Test
    void aReorganisationWithoutItsFieldsIsABadRequestNamingThem() {
        Api.reorganize("""
                {"type": "SPLIT", "targets": [{"name": ""}]}""")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("effectiveDate"))
                .body("errors.field", hasItem("sourceId"))
                .body("errors.field", hasItem("targets"));
        Api.reorganize("""
                {"type": "EXPLODE", "effectiveDate": "2025-07-01"}""").statusCode(400)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void aChangeDatedBeforeAnAlreadyRecordedChangeIsRefused() {
        UUID unit = Api.unit("Hội Nông dân huyện", "MASS_ORGANIZATION", "DISTRICT", null, "2020-01-01");
        Api.reorganize("""
                {"type": "RENAME", "effectiveDate": "2024-01-01", "unitId": "%s", "newName": "Hội Nông dân huyện Lý Nhân"}"""
                .formatted(unit)).statusCode(201);
        Api.reorganize("""
                {"type": "RENAME", "effectiveDate": "2023-01-01", "unitId": "%s", "newName": "Hội ND"}"""
                .formatted(unit)).statusCode(422);
    }

    record Snapshot(long units, long periods, long reorganizations, long lineage, long events, long codes) {
    }

    private Snapshot snapshot() {
        return new Snapshot(count("unit"), count("unit_period"), count("reorganization"), count("lineage"),
                count("outbox_event"), count("unit_code"));
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue();
    }
}
