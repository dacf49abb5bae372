package vn.danvan.plan.support;

import jakarta.persistence.EntityManager;
import vn.danvan.embedded.TopicClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The units the tests refer to, published on the units topic as unit-service would, once per JVM; the tests wait
 * until plan-service's own copy knows them.
 */
public final class TestUnits {
    public static final UUID PROVINCE = UUID.fromString("90000000-0000-4000-8000-000000000001");
    public static final UUID DISTRICT = UUID.fromString("90000000-0000-4000-8000-000000000010");
    public static final UUID BOARD = UUID.fromString("90000000-0000-4000-8000-000000000011");
    public static final UUID PEOPLES_COMMITTEE = UUID.fromString("90000000-0000-4000-8000-000000000012");
    public static final UUID POLICE = UUID.fromString("90000000-0000-4000-8000-000000000014");
    public static final UUID MILITARY = UUID.fromString("90000000-0000-4000-8000-000000000015");
    public static final UUID BORDER_GUARD = UUID.fromString("90000000-0000-4000-8000-000000000016");
    public static final UUID COMMUNE_A = UUID.fromString("90000000-0000-4000-8000-000000000031");
    public static final UUID COMMUNE_B = UUID.fromString("90000000-0000-4000-8000-000000000032");
    /** Merged away: existed until 2022-12-31 only. */
    public static final UUID MERGED_COMMUNE = UUID.fromString("90000000-0000-4000-8000-000000000039");
    /** Another district, outside DISTRICT's subtree. */
    public static final UUID OTHER_DISTRICT = UUID.fromString("90000000-0000-4000-8000-000000000020");
    /** Announced in the foundation's first event shape ({@code data.unit}). */
    public static final UUID FLAT_SHAPE_UNIT = UUID.fromString("90000000-0000-4000-8000-000000000040");

    private static volatile boolean published;

    private TestUnits() {
    }

    public static synchronized void ensure(String kafka, EntityManager em) {
        if (!published) {
            TopicClient topic = new TopicClient(kafka);
            unit(topic, PROVINCE, "Tỉnh ủy Thử nghiệm", "PARTY_COMMITTEE", "PROVINCE", null, "2000-01-01", null);
            unit(topic, DISTRICT, "Huyện ủy Thử nghiệm", "PARTY_COMMITTEE", "DISTRICT", PROVINCE, "2000-01-01", null);
            unit(topic, BOARD, "Ban Dân vận Huyện ủy", "MASS_MOBILIZATION_BOARD", "DISTRICT", DISTRICT, "2000-01-01", null);
            unit(topic, PEOPLES_COMMITTEE, "UBND huyện", "PEOPLES_COMMITTEE", "DISTRICT", DISTRICT, "2000-01-01", null);
            unit(topic, POLICE, "Công an huyện", "POLICE", "DISTRICT", DISTRICT, "2000-01-01", null);
            unit(topic, MILITARY, "Ban Chỉ huy Quân sự huyện", "MILITARY", "DISTRICT", DISTRICT, "2000-01-01", null);
            unit(topic, BORDER_GUARD, "Đồn Biên phòng", "BORDER_GUARD", "DISTRICT", DISTRICT, "2000-01-01", null);
            unit(topic, COMMUNE_A, "Đảng ủy xã A", "PARTY_COMMITTEE", "COMMUNE", DISTRICT, "2000-01-01", null);
            unit(topic, COMMUNE_B, "Đảng ủy xã B", "PARTY_COMMITTEE", "COMMUNE", DISTRICT, "2000-01-01", null);
            unit(topic, MERGED_COMMUNE, "Đảng ủy xã Cũ", "PARTY_COMMITTEE", "COMMUNE", DISTRICT, "2000-01-01", "2022-12-31");
            unit(topic, OTHER_DISTRICT, "Huyện ủy Khác", "PARTY_COMMITTEE", "DISTRICT", PROVINCE, "2000-01-01", null);
            topic.send("units", FLAT_SHAPE_UNIT.toString(), UnitEvents.flat(FLAT_SHAPE_UNIT, "Xã kiểu cũ", "COMMUNE",
                    DISTRICT, "2000-01-01"));
            published = true;
        }
        awaitKnown(em, List.of(PROVINCE, DISTRICT, BOARD, PEOPLES_COMMITTEE, POLICE, MILITARY, BORDER_GUARD, COMMUNE_A,
                COMMUNE_B, MERGED_COMMUNE, OTHER_DISTRICT, FLAT_SHAPE_UNIT));
    }

    public static void unit(TopicClient topic, UUID id, String name, String kind, String level, UUID parentId,
                            String from, String to) {
        topic.send("units", id.toString(), UnitEvents.history("unit-created", id, 1, kind,
                List.of(UnitEvents.period(from, to, name, parentId, level, kind))));
    }

    /** Waits (up to 30 s: the first consumer-group join takes a few seconds) until all units are known. */
    public static void awaitKnown(EntityManager em, List<UUID> ids) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long known = ((Number) em.createNativeQuery("SELECT count(*) FROM unit_ref WHERE id IN (:ids)")
                    .setParameter("ids", ids).getSingleResult()).longValue();
            if (known == ids.size()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("plan-service did not learn the units " + ids + " from the units topic in time");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** unit-service's event shapes, written as JSON by hand as any producer would. */
    public static final class UnitEvents {
        private UnitEvents() {
        }

        public static Map<String, Object> period(String from, String to, String name, UUID parentId, String level,
                                                 String kind) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("from", from);
            p.put("to", to);
            p.put("name", name);
            p.put("parentId", parentId == null ? null : parentId.toString());
            p.put("level", level);
            p.put("kind", kind);
            p.put("code", null);
            return p;
        }

        public static String history(String type, UUID id, long revision, String kind, List<Map<String, Object>> periods) {
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("id", id.toString());
            unit.put("kind", kind);
            unit.put("code", null);
            unit.put("validFrom", periods.get(0).get("from"));
            unit.put("validTo", periods.get(periods.size() - 1).get("to"));
            unit.put("formerNames", new ArrayList<>());
            unit.put("revision", revision);
            unit.put("periods", periods);
            return envelope(type, id, Map.of("units", List.of(unit), "actor", "test"));
        }

        public static String flat(UUID id, String name, String level, UUID parentId, String from) {
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("id", id.toString());
            unit.put("name", name);
            unit.put("kind", "PARTY_COMMITTEE");
            unit.put("level", level);
            unit.put("parentId", parentId.toString());
            unit.put("validFrom", from);
            unit.put("validTo", null);
            return envelope("unit-created", id, Map.of("unit", unit, "actor", "test"));
        }

        public static String envelope(String type, UUID subject, Map<String, Object> data) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("specversion", "1.0");
            event.put("id", UUID.randomUUID().toString());
            event.put("source", "/danvan/unit-service");
            event.put("type", type);
            event.put("subject", subject.toString());
            event.put("time", Instant.now().toString());
            event.put("datacontenttype", "application/json");
            event.put("data", data);
            return Json.write(event);
        }
    }
}
