package vn.danvan.reporting.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.IdempotentConsumer;
import vn.danvan.reporting.activity.Activity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
    IdempotentConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    Activity activity;

    public record Period(LocalDate from, LocalDate to, String name, UUID parentId, String level, String kind) {
    }

    public record UnitHistory(UUID id, String kind, String code, LocalDate validFrom, LocalDate validTo, long revision,
                              List<Period> periods) {
    }

    public record LineageEdge(UUID predecessorId, UUID successorId, LocalDate effectiveDate, String type) {
    }

    @Incoming("units-in")
    @Blocking
    @Transactional
    public void on(String message) {
        consumer.once(message, this::apply);
    }

    /** Applies one unit event (also used when a projection is rebuilt from the topic). */
    public void apply(CloudEvent event) {
        switch (event.type()) {
            case "unit-created", "unit-updated", "unit-reorganized" -> {
                List<UnitHistory> units = histories(event);
                units.forEach(this::replace);
                List<LineageEdge> lineage = lineage(event);
                Set<UUID> carried = new HashSet<>();
                for (LineageEdge edge : lineage) {
                    em.createNativeQuery("""
                                    INSERT INTO unit_lineage (predecessor_id, successor_id, effective_date, type, is_primary)
                                    VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                            .setParameter(1, edge.predecessorId()).setParameter(2, edge.successorId())
                            .setParameter(3, edge.effectiveDate()).setParameter(4, edge.type())
                            .setParameter(5, carried.add(edge.predecessorId()))
                            .executeUpdate();
                }
                UnitHistory first = units.get(0);
                Period latest = first.periods().get(first.periods().size() - 1);
                String summary = switch (event.type()) {
                    case "unit-created" -> "Thêm đơn vị " + latest.name();
                    case "unit-updated" -> "Cập nhật đơn vị " + latest.name();
                    default -> "Sắp xếp tổ chức: " + event.data().path("reorganization").path("type").asText("")
                            + " " + latest.name();
                };
                activity.record(event, first.id(), summary);
            }
            default -> {
                // other unit event types carry nothing this projection keeps
            }
        }
    }

    private void replace(UnitHistory unit) {
        Object held = em.createNativeQuery("SELECT revision FROM unit_node WHERE id = ?1 FOR UPDATE")
                .setParameter(1, unit.id()).getResultList().stream().findFirst().orElse(null);
        if (held != null && ((Number) held).longValue() > unit.revision()) {
            return;
        }
        em.createNativeQuery("""
                        INSERT INTO unit_node (id, kind, code, valid_from, valid_to, revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code,
                            valid_from = excluded.valid_from, valid_to = excluded.valid_to, revision = excluded.revision""")
                .setParameter(1, unit.id()).setParameter(2, unit.kind()).setParameter(3, unit.code())
                .setParameter(4, unit.validFrom()).setParameter(5, unit.validTo()).setParameter(6, unit.revision())
                .executeUpdate();
        em.createNativeQuery("DELETE FROM unit_period WHERE unit_id = ?1").setParameter(1, unit.id()).executeUpdate();
        for (Period period : unit.periods()) {
            em.createNativeQuery("""
                            INSERT INTO unit_period (unit_id, valid_from, valid_to, name, parent_id, level, kind)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                    .setParameter(1, unit.id()).setParameter(2, period.from()).setParameter(3, period.to())
                    .setParameter(4, period.name()).setParameter(5, period.parentId()).setParameter(6, period.level())
                    .setParameter(7, period.kind() == null ? unit.kind() : period.kind())
                    .executeUpdate();
        }
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
