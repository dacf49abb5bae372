package vn.danvan.reporting.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** CloudEvents as the producing services write them, for feeding the consumers through the real broker. */
public final class EventFixtures {
    private EventFixtures() {
    }

    /** The skeleton's flat unit-created (still accepted). */
    public static String unitCreated(UUID eventId, UUID unitId, String name, String level, UUID parentId, String validFrom) {
        return envelope(eventId, "unit-created", unitId, """
                {"unit": {"id": "%s", "name": "%s", "kind": "PARTY_COMMITTEE", "level": "%s", "parentId": %s,
                          "validFrom": "%s", "validTo": null, "formerNames": [], "version": 0}, "actor": "test"}
                """.formatted(unitId, name, level, json(parentId), validFrom));
    }

    /** One time slice of a unit's history. */
    public record Slice(String from, String to, String name, UUID parentId, String level, String kind) {
        String json() {
            return """
                    {"from": "%s", "to": %s, "name": "%s", "parentId": %s, "level": "%s", "kind": "%s"}"""
                    .formatted(from, to == null ? "null" : "\"" + to + "\"", name, EventFixtures.json(parentId), level, kind);
        }
    }

    /** A unit's full history as unit-service's events carry it. */
    public record History(UUID id, String kind, long revision, List<Slice> periods) {
        String json() {
            Slice first = periods.get(0);
            Slice last = periods.get(periods.size() - 1);
            List<String> slices = new ArrayList<>();
            periods.forEach(p -> slices.add(p.json()));
            return """
                    {"id": "%s", "kind": "%s", "code": null, "validFrom": "%s", "validTo": %s, "formerNames": [],
                     "revision": %d, "periods": [%s]}""".formatted(id, kind, first.from(),
                    last.to() == null ? "null" : "\"" + last.to() + "\"", revision, String.join(",", slices));
        }
    }

    public static History unit(UUID id, String name, String level, String kind, UUID parentId, String from, String to) {
        return new History(id, kind, 0, List.of(new Slice(from, to, name, parentId, level, kind)));
    }

    public static String unitEvent(String type, List<History> units, String lineageJson) {
        List<String> parts = new ArrayList<>();
        units.forEach(u -> parts.add(u.json()));
        String reorganization = lineageJson == null ? "" : """
                , "reorganization": {"id": "%s", "type": "MERGE", "effectiveDate": "2025-07-01", "decisionRef": "NQ 1687/NQ-UBTVQH15"},
                  "lineage": %s""".formatted(UUID.randomUUID(), lineageJson);
        return envelope(UUID.randomUUID(), type, units.get(0).id(), """
                {"units": [%s]%s, "actor": "test"}""".formatted(String.join(",", parts), reorganization));
    }

    public static String modelRegistered(UUID eventId, UUID modelId, UUID unitId, String field, String origin, String registeredOn) {
        return envelope(eventId, "model-registered", modelId, """
                {"modelId": "%s", "name": "Mô hình %s", "unitId": "%s", "field": "%s", "origin": "%s",
                 "replicatedFromId": null, "collective": true, "registeredOn": "%s", "actor": "test"}
                """.formatted(modelId, modelId, unitId, field, origin, registeredOn));
    }

    public static String modelRecognized(UUID modelId, UUID unitId, String level, String recognizedOn, String decisionRef) {
        return envelope(UUID.randomUUID(), "model-recognized", modelId, """
                {"modelId": "%s", "recognitionId": "%s", "unitId": "%s", "level": "%s", "recognizedOn": "%s",
                 "decisionRef": "%s", "field": "ECONOMY", "origin": "NEW", "name": "Mô hình", "actor": "test"}
                """.formatted(modelId, UUID.randomUUID(), unitId, level, recognizedOn, decisionRef));
    }

    public static String planEvent(String type, UUID planId, String dataFields) {
        return envelope(UUID.randomUUID(), type, planId, """
                {"planId": "%s", %s, "actor": "test"}""".formatted(planId, dataFields));
    }

    public static String envelope(UUID eventId, String type, UUID subject, String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/danvan/test", "type": "%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json", "data": %s}
                """.formatted(eventId, type, subject, Instant.now(), data);
    }

    static String json(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }
}
