package vn.danvan.unit.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.danvan.common.outbox.Outbox;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The unit events on topic {@code units}, appended in the transaction of the change. Each carries the whole history
 * of every unit the change touched, so consumers keep their own tree through time and never call back.
 */
@ApplicationScoped
public class UnitEvents {
    public static final String TOPIC = "units";
    public static final String CREATED = "unit-created";
    public static final String UPDATED = "unit-updated";
    public static final String REORGANIZED = "unit-reorganized";

    @Inject
    Outbox outbox;

    /** Data of unit-created and unit-updated: the unit as it stands now, and its history. */
    public record UnitData(UnitView unit, List<UnitHistory> units, String actor) {
    }

    public void created(Unit unit, String actor) {
        outbox.append(TOPIC, unit.id(), CREATED, new UnitData(UnitView.of(unit), List.of(UnitHistory.of(unit)), actor));
    }

    public void updated(Unit unit, String actor) {
        outbox.append(TOPIC, unit.id(), UPDATED, new UnitData(UnitView.of(unit), List.of(UnitHistory.of(unit)), actor));
    }

    /** Appends unit-reorganized keyed by the reorganisation; {@code data} carries the units and the lineage. */
    public void reorganized(UUID reorganizationId, Object data) {
        outbox.append(TOPIC, reorganizationId, REORGANIZED, data);
    }

    public static List<UnitHistory> histories(Collection<Unit> units) {
        return units.stream().map(UnitHistory::of).toList();
    }
}
