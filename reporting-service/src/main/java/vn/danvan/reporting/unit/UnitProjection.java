package vn.danvan.reporting.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.BatchConsumer;
import vn.danvan.reporting.activity.Activity;
import vn.danvan.reporting.projection.Rows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Keeps reporting-service's copy of the unit tree through time from the units topic. Each unit event carries the
 * full history of every unit it touched; the copy replaces a unit's history when the event's revision is not older
 * than what it holds, so redelivered or reordered events never roll the tree back.
 */
@ApplicationScoped
public class UnitProjection {
    @Inject
    EventReader reader;

    @Inject
    BatchConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    @Inject
    Activity activity;

    public record Period(LocalDate from, LocalDate to, String name, UUID parentId, String level, String kind) {
    }

    public record UnitHistory(UUID id, String kind, String code, LocalDate validFrom, LocalDate validTo, long revision,
                              List<Period> periods) {
    }

    public record LineageEdge(UUID predecessorId, UUID successorId, LocalDate effectiveDate, String type) {
    }

    @Inject
    Rows rows;

    /** A batch as the broker hands it over: one transaction, set-based (see {@link BatchConsumer}). */
    @Incoming("units-in")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return consumer.consume("units-in", batch, this::read, this::applyAll);
    }

    /** What a unit event changes: the full histories it carries, its lineage edges, its line in the timeline. */
    public record Change(CloudEvent event, List<UnitHistory> units, List<LineageEdge> lineage, String summary) {
    }

    /** Applies one unit event. */
    public void apply(CloudEvent event) {
        Change change = read(event);
        if (change != null) {
            applyAll(List.of(change));
        }
    }

    /** The change an event carries; null for types this projection does not keep; unreadable ones are poison. */
    public Change read(CloudEvent event) {
        switch (event.type()) {
            case "unit-created", "unit-updated", "unit-reorganized" -> {
                List<UnitHistory> units = histories(event);
                UnitHistory first = units.get(0);
                Period latest = first.periods().get(first.periods().size() - 1);
                String summary = switch (event.type()) {
                    case "unit-created" -> "Thêm đơn vị " + latest.name();
                    case "unit-updated" -> "Cập nhật đơn vị " + latest.name();
                    default -> "Sắp xếp tổ chức: " + event.data().path("reorganization").path("type").asText("")
                            + " " + latest.name();
                };
                return new Change(event, units, lineage(event), summary);
            }
            default -> {
                return null; // other unit event types carry nothing this projection keeps
            }
        }
    }

    /**
     * Applies changes set-based, with the result of applying them one after the other: a unit's history is the one of
     * the highest revision seen (the latest of equals), never older than what the copy holds; a lineage edge is
     * recorded once, primary when it is the first edge of its predecessor in its event.
     */
    public void applyAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        structure.changed();
        Map<UUID, UnitHistory> newest = new LinkedHashMap<>();
        // An edge already recorded keeps its first form (as with one insert after the other).
        Map<List<Object>, Map<String, Object>> edges = new LinkedHashMap<>();
        for (Change change : changes) {
            for (UnitHistory unit : change.units()) {
                UnitHistory held = newest.get(unit.id());
                if (held == null || held.revision() <= unit.revision()) {
                    newest.put(unit.id(), unit);
                }
            }
            Set<UUID> carried = new HashSet<>();
            for (LineageEdge edge : change.lineage()) {
                edges.putIfAbsent(List.of(edge.predecessorId(), edge.successorId(), edge.effectiveDate()),
                        Rows.of("predecessor_id", edge.predecessorId(), "successor_id", edge.successorId(),
                        "effective_date", edge.effectiveDate(), "type", edge.type(), "is_primary", carried.add(edge.predecessorId())));
            }
        }
        if (!newest.isEmpty()) {
            List<Map<String, Object>> nodes = new ArrayList<>();
            List<Map<String, Object>> periods = new ArrayList<>();
            for (UnitHistory unit : newest.values()) {
                nodes.add(Rows.of("id", unit.id(), "kind", unit.kind(), "code", unit.code(), "valid_from", unit.validFrom(),
                        "valid_to", unit.validTo(), "revision", unit.revision()));
                for (Period period : unit.periods()) {
                    periods.add(Rows.of("unit_id", unit.id(), "valid_from", period.from(), "valid_to", period.to(),
                            "name", period.name(), "parent_id", period.parentId(), "level", period.level(),
                            "kind", period.kind() == null ? unit.kind() : period.kind(), "revision", unit.revision()));
                }
            }
            // Units whose copy is newer than the event keep it (a redelivered or late event never rolls back).
            @SuppressWarnings("unchecked")
            List<UUID> replaced = em.createNativeQuery("""
                            INSERT INTO unit_node (id, kind, code, valid_from, valid_to, revision)
                            SELECT id, kind, code, valid_from, valid_to, revision FROM jsonb_to_recordset(cast(?1 AS jsonb))
                                AS x(id uuid, kind varchar, code varchar, valid_from date, valid_to date, revision bigint)
                            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code,
                                valid_from = excluded.valid_from, valid_to = excluded.valid_to, revision = excluded.revision
                            WHERE unit_node.revision <= excluded.revision
                            RETURNING id""")
                    .setParameter(1, rows.json(nodes)).getResultList();
            if (!replaced.isEmpty()) {
                String ids = rows.json(replaced.stream().map(UUID::toString).toList());
                em.createNativeQuery("DELETE FROM unit_period WHERE unit_id IN (SELECT value::uuid FROM jsonb_array_elements_text(cast(?1 AS jsonb)))")
                        .setParameter(1, ids).executeUpdate();
                em.createNativeQuery("""
                                INSERT INTO unit_period (unit_id, valid_from, valid_to, name, parent_id, level, kind)
                                SELECT unit_id, valid_from, valid_to, name, parent_id, level, kind
                                FROM jsonb_to_recordset(cast(?1 AS jsonb)) AS x(unit_id uuid, valid_from date, valid_to date,
                                    name varchar, parent_id uuid, level varchar, kind varchar)
                                WHERE unit_id IN (SELECT value::uuid FROM jsonb_array_elements_text(cast(?2 AS jsonb)))""")
                        .setParameter(1, rows.json(periods)).setParameter(2, ids).executeUpdate();
            }
        }
        if (!edges.isEmpty()) {
            em.createNativeQuery("""
                            INSERT INTO unit_lineage (predecessor_id, successor_id, effective_date, type, is_primary)
                            SELECT predecessor_id, successor_id, effective_date, type, is_primary
                            FROM jsonb_to_recordset(cast(?1 AS jsonb)) AS x(predecessor_id uuid, successor_id uuid,
                                effective_date date, type varchar, is_primary boolean)
                            ON CONFLICT DO NOTHING""")
                    .setParameter(1, rows.json(List.copyOf(edges.values()))).executeUpdate();
        }
        activity.recordAll(changes.stream().map(c -> new Activity.Line(c.event(), c.units().get(0).id(), c.summary())).toList());
    }

    /** {@code data.units[]} with time slices; the skeleton's flat {@code data.unit} is read as a single slice. */
    private List<UnitHistory> histories(CloudEvent event) {
        JsonNode data = event.data();
        List<UnitHistory> units = new ArrayList<>();
        if (data.path("units").isArray()) {
            for (JsonNode node : data.path("units")) {
                UnitHistory unit = reader.treeToValue(node, UnitHistory.class, event);
                if (unit.id() == null || unit.validFrom() == null || unit.periods() == null || unit.periods().isEmpty()
                        || unit.periods().stream().anyMatch(p -> p.from() == null || p.name() == null || p.level() == null)) {
                    throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                            + ": every unit needs id, validFrom and periods with from, name and level");
                }
                units.add(unit);
            }
        } else if (data.path("unit").isObject()) {
            JsonNode u = data.path("unit");
            if (!u.hasNonNull("id") || !u.hasNonNull("name") || !u.hasNonNull("level") || !u.hasNonNull("validFrom")) {
                throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                        + " lacks the unit's id, name, level or validFrom");
            }
            LocalDate from = LocalDate.parse(u.path("validFrom").asText());
            LocalDate to = u.hasNonNull("validTo") ? LocalDate.parse(u.path("validTo").asText()) : null;
            UUID parent = u.hasNonNull("parentId") ? UUID.fromString(u.path("parentId").asText()) : null;
            String kind = u.path("kind").asText(null);
            units.add(new UnitHistory(UUID.fromString(u.path("id").asText()), kind, u.path("code").asText(null), from, to,
                    u.path("version").asLong(0), List.of(new Period(from, to, u.path("name").asText(), parent,
                    u.path("level").asText(), kind))));
        }
        if (units.isEmpty()) {
            throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + " carries no unit");
        }
        return units;
    }

    private List<LineageEdge> lineage(CloudEvent event) {
        List<LineageEdge> edges = new ArrayList<>();
        for (JsonNode node : event.data().path("lineage")) {
            LineageEdge edge = reader.treeToValue(node, LineageEdge.class, event);
            if (edge.predecessorId() == null || edge.successorId() == null || edge.effectiveDate() == null) {
                throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                        + ": lineage needs predecessorId, successorId and effectiveDate");
            }
            edges.add(edge.type() == null ? new LineageEdge(edge.predecessorId(), edge.successorId(),
                    edge.effectiveDate(), event.data().path("reorganization").path("type").asText("MERGE")) : edge);
        }
        return edges;
    }
}
