package vn.danvan.common.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** CloudEvents 1.0, structured JSON mode: the value of every message on the units, plans and models topics. */
public record CloudEvent(String specversion, UUID id, String source, String type, String subject, Instant time,
                         String datacontenttype, JsonNode data) {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
}
