package vn.danvan.reporting.report;

import java.time.Instant;
import java.util.UUID;

/** CloudEvents as the producing services write them, for feeding the consumers through the real broker. */
final class EventFixtures {
    private EventFixtures() {
    }

    static String unitCreated(UUID eventId, UUID unitId, String name, String level, UUID parentId, String validFrom) {
        return envelope(eventId, "unit-created", unitId, """
                {"unit": {"id": "%s", "name": "%s", "kind": "PARTY_COMMITTEE", "level": "%s", "parentId": %s,
                          "validFrom": "%s", "validTo": null, "formerNames": [], "version": 0}, "actor": "test"}
                """.formatted(unitId, name, level, parentId == null ? "null" : "\"" + parentId + "\"", validFrom));
    }

    static String modelRegistered(UUID eventId, UUID modelId, UUID unitId, String field, String origin, String registeredOn) {
        return envelope(eventId, "model-registered", modelId, """
                {"modelId": "%s", "name": "Mô hình %s", "unitId": "%s", "field": "%s", "origin": "%s",
                 "replicatedFromId": null, "collective": true, "registeredOn": "%s", "actor": "test"}
                """.formatted(modelId, modelId, unitId, field, origin, registeredOn));
    }

    static String envelope(UUID eventId, String type, UUID subject, String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/danvan/test", "type": "%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json", "data": %s}
                """.formatted(eventId, type, subject, Instant.now(), data);
    }
}
