package vn.danvan.plan.unit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import vn.danvan.common.events.CloudEvent;
import vn.danvan.common.events.EventReader;
import vn.danvan.common.events.ProcessedEvents;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Keeps plan-service's copy of the unit tree from the units topic, each event applied once. Every unit event carries
 * the full history of each unit it touches ({@code data.units}); the highest revision wins and replaces the history.
 * A unit-reorganized also carries its lineage edges ({@code data.lineage}: which unit ended into which), kept in
 * {@code unit_lineage} so that scope follows merges ({@link PlanUnitScope}); an edge is a fact, recorded once whatever
 * the order of delivery. The first shape of the foundation ({@code data.unit}, one flat unit) is still accepted.
 */
@ApplicationScoped
public class UnitFeed {
    @Inject
    EventReader reader;

    @Inject
    ProcessedEvents processed;

    @Inject
    EntityManager em;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Period(LocalDate from, LocalDate to, String name, UUID parentId, String level, String kind, String code) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UnitHistory(UUID id, String name, String kind, String level, UUID parentId, String code,
                              LocalDate validFrom, LocalDate validTo, Long revision, List<Period> periods) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LineageEdge(UUID predecessorId, UUID successorId, LocalDate effectiveDate, String type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UnitData(UnitHistory unit, List<UnitHistory> units, List<LineageEdge> lineage) {
    }

    @Incoming("units-in")
    @Blocking(ordered = true)
    @Transactional
    public void on(String message) {
        CloudEvent event = reader.read(message);
        if (!processed.firstDelivery(event)) {
            return;
        }
        switch (event.type()) {
            case "unit-created", "unit-updated", "unit-reorganized" -> {
                UnitData data = reader.data(event, UnitData.class);
                if (data.units() != null) {
                    data.units().forEach(unit -> apply(event, unit));
                }
                if (data.unit() != null) {
                    apply(event, data.unit());
                }
                if (data.units() == null && data.unit() == null) {
                    throw new EventReader.UnreadableEventException(event.type() + " " + event.id() + " names no unit");
                }
                if (data.lineage() != null) {
                    data.lineage().forEach(edge -> record(event, edge));
                }
            }
            default -> {
                // Other unit events do not change what plan-service checks.
            }
        }
    }

    private void apply(CloudEvent event, UnitHistory unit) {
        List<Period> periods = unit.periods() != null && !unit.periods().isEmpty() ? unit.periods()
                : unit.validFrom() == null ? List.of()
                : List.of(new Period(unit.validFrom(), unit.validTo(), unit.name(), unit.parentId(), unit.level(), unit.kind(),
                unit.code()));
        if (unit.id() == null || periods.isEmpty() || periods.stream().anyMatch(p -> p.from() == null)) {
            throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                    + " lacks a unit's id or the start of its periods");
        }
        List<?> stored = em.createNativeQuery("SELECT revision FROM unit_ref WHERE id = ?1").setParameter(1, unit.id())
                .getResultList();
        if (!stored.isEmpty()) {
            Number storedRevision = (Number) stored.get(0);
            boolean newer = unit.revision() == null ? storedRevision == null
                    : storedRevision == null || unit.revision() >= storedRevision.longValue();
            if (!newer) {
                return;
            }
        }
        LocalDate validFrom = unit.validFrom() != null ? unit.validFrom() : periods.get(0).from();
        LocalDate validTo = unit.validFrom() != null ? unit.validTo() : periods.get(periods.size() - 1).to();
        em.createNativeQuery("""
                        INSERT INTO unit_ref (id, revision, kind, code, valid_from, valid_to, updated_at)
                        VALUES (?1, CAST(?2 AS bigint), CAST(?3 AS varchar), CAST(?4 AS varchar), CAST(?5 AS date),
                                CAST(?6 AS date), now())
                        ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision, kind = EXCLUDED.kind,
                            code = EXCLUDED.code, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
                            updated_at = now()""")
                .setParameter(1, unit.id()).setParameter(2, unit.revision()).setParameter(3, unit.kind())
                .setParameter(4, unit.code()).setParameter(5, validFrom).setParameter(6, validTo).executeUpdate();
        em.createNativeQuery("DELETE FROM unit_period WHERE unit_id = ?1").setParameter(1, unit.id()).executeUpdate();
        for (Period p : periods) {
            em.createNativeQuery("""
                            INSERT INTO unit_period (unit_id, from_date, to_date, name, parent_id, level, kind, code)
                            VALUES (?1, ?2, CAST(?3 AS date), CAST(?4 AS varchar), CAST(?5 AS uuid), CAST(?6 AS varchar),
                                CAST(?7 AS varchar), CAST(?8 AS varchar)) ON CONFLICT DO NOTHING""")
                    .setParameter(1, unit.id()).setParameter(2, p.from()).setParameter(3, p.to())
                    .setParameter(4, p.name()).setParameter(5, p.parentId())
                    .setParameter(6, p.level()).setParameter(7, p.kind() != null ? p.kind() : unit.kind())
                    .setParameter(8, p.code() != null ? p.code() : unit.code()).executeUpdate();
        }
    }

    /** A lineage edge, recorded once: edges never change, so a late or redelivered event adds nothing new. */
    private void record(CloudEvent event, LineageEdge edge) {
        if (edge == null || edge.predecessorId() == null || edge.successorId() == null || edge.effectiveDate() == null) {
            throw new EventReader.UnreadableEventException(event.type() + " " + event.id()
                    + ": lineage needs predecessorId, successorId and effectiveDate");
        }
        em.createNativeQuery("""
                        INSERT INTO unit_lineage (predecessor_id, successor_id, effective_date, type)
                        VALUES (?1, ?2, ?3, CAST(?4 AS varchar)) ON CONFLICT DO NOTHING""")
                .setParameter(1, edge.predecessorId()).setParameter(2, edge.successorId())
                .setParameter(3, edge.effectiveDate()).setParameter(4, edge.type()).executeUpdate();
    }
}
