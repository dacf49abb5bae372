package vn.danvan.unit.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The demo lists load through the public API, and the 2025 replay answers each side of 1 July 2025. */
@QuarkusTest
class DemoDataTest {
    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    private static final String HA_NAM = "10000000-0000-4000-8000-000000000001";
    private static final String LY_NHAN = "10000000-0000-4000-8000-000000000010";
    private static final String NHAN_THINH = "10000000-0000-4000-8000-000000000032";
    private static final String NHAN_MY = "10000000-0000-4000-8000-000000000044";
    private static final String NINH_BINH = "10000000-0000-4000-8000-000000000090";

    @Test
    void theDemoUnitsAndThe2025ReplayLoadAndAnswerBothSidesOfTheMerge() throws Exception {
        load("/demo/10-units.json");
        load("/demo/90-reorganizations.json");

        given().queryParam("asOf", "2025-06-30").when().get("/api/units/" + NHAN_THINH)
                .then().statusCode(200).body("parentId", equalTo(LY_NHAN));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + NHAN_THINH)
                .then().statusCode(200).body("parentId", equalTo(NINH_BINH));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + NHAN_MY).then().statusCode(404);
        given().queryParam("asOf", "2024-12-31").when().get("/api/units/" + HA_NAM + "/subtree")
                .then().statusCode(200).body("items.id", hasItem(NHAN_MY));
        given().queryParam("asOf", "2025-07-01").when().get("/api/units/" + NINH_BINH + "/subtree")
                .then().statusCode(200).body("items.id", hasItem(NHAN_THINH))
                .body("items.id", hasItem("10000000-0000-4000-8000-000000000070"));
        given().when().get("/api/units/" + NINH_BINH + "/lineage")
                .then().statusCode(200).body("predecessors.unitId", hasItem(HA_NAM))
                .body("predecessors.name", hasItem("Tỉnh ủy Hà Nam"));
        given().when().get("/api/units/" + HA_NAM).then().body("validTo", equalTo("2025-06-30")).body("code", equalTo("35"));

        // the closure table answers every subtree of the demo as the recursive walk does, each side of 1 July 2025
        AncestryCheck.assertClosureMatchesWalk(em, units);
    }

    private void load(String resource) throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            root = new ObjectMapper().readTree(in);
        }
        for (JsonNode item : root.path("items")) {
            given().contentType(ContentType.JSON).body(item.toString()).when().post(root.path("path").asText())
                    .then().statusCode(201);
        }
    }
}
