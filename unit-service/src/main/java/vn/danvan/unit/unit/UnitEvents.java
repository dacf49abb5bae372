package vn.danvan.unit.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.danvan.common.outbox.Outbox;

/** The unit events on topic {@code units}, appended in the transaction of the change. */
@ApplicationScoped
public class UnitEvents {
    public static final String TOPIC = "units";
    public static final String CREATED = "unit-created";

    @Inject
    Outbox outbox;

    /** Data of unit-created: the unit as it stands, so consumers keep their own copy of the tree. */
    public record UnitData(UnitView unit, String actor) {
    }

    void created(Unit unit, String actor) {
        outbox.append(TOPIC, unit.id(), CREATED, new UnitData(UnitView.of(unit), actor));
    }
}
