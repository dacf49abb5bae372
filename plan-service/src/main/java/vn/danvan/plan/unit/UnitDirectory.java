package vn.danvan.plan.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.web.ProblemException;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * plan-service's own answer to "does this unit exist, and did it on that day?", from the copy of the unit tree kept
 * by {@link UnitFeed}; no call to unit-service on the write path.
 */
@ApplicationScoped
public class UnitDirectory {
    @Inject
    EntityManager em;

    @ConfigProperty(name = "danvan.units.check", defaultValue = "true")
    boolean checkUnits;

    public boolean knows(UUID unitId) {
        return !em.createNativeQuery("SELECT 1 FROM unit_ref WHERE id = ?1").setParameter(1, unitId)
                .getResultList().isEmpty();
    }

    public boolean existedOn(UUID unitId, LocalDate day) {
        return !em.createNativeQuery("SELECT 1 FROM unit_period WHERE unit_id = ?1 AND from_date <= ?2 "
                        + "AND (to_date IS NULL OR to_date >= ?2)")
                .setParameter(1, unitId).setParameter(2, day).getResultList().isEmpty();
    }

    /** 422 naming {@code field} when the unit is unknown or did not exist on {@code day}; nothing when checks are off. */
    public void requireExisting(String field, UUID unitId, LocalDate day) {
        if (!checkUnits || unitId == null) {
            return;
        }
        if (!knows(unitId)) {
            throw ProblemException.unprocessable(field, "unit " + unitId + " is not known");
        }
        if (day != null && !existedOn(unitId, day)) {
            throw ProblemException.unprocessable(field, "unit " + unitId + " did not exist on " + day);
        }
    }

    /** The unit and every unit that was ever below it (for list filters). */
    @SuppressWarnings("unchecked")
    public List<UUID> subtree(UUID unitId) {
        return em.createNativeQuery("""
                        WITH RECURSIVE sub(id) AS (
                            SELECT CAST(?1 AS uuid)
                            UNION
                            SELECT p.unit_id FROM unit_period p JOIN sub ON p.parent_id = sub.id
                        ) SELECT id FROM sub""", UUID.class)
                .setParameter(1, unitId).getResultList();
    }

    public static void requireAll(UnitDirectory units, String field, Collection<UUID> ids, LocalDate day) {
        int i = 0;
        for (UUID id : ids) {
            units.requireExisting(field + "[" + i++ + "]", id, day);
        }
    }
}
