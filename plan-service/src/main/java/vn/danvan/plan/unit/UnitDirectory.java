package vn.danvan.plan.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.security.Access;
import vn.danvan.common.web.ProblemException;
import vn.danvan.common.web.QueryParams;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * plan-service's own answer to "does this unit exist, and did it on that day?", from the copy of the unit tree kept
 * by {@link UnitFeed}; no call to unit-service on the write path.
 */
@ApplicationScoped
public class UnitDirectory {
    @Inject
    EntityManager em;

    @Inject
    PlanUnitScope scope;

    @Inject
    Access access;

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
        // Both answers in one statement; the copy of the tree is never written in a request's transaction, so there
        // is nothing to flush before reading it (a batch of registrations keeps its inserts for the commit).
        Query check = em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM unit_ref WHERE id = ?1), " + (day == null
                        ? "true" : "EXISTS (SELECT 1 FROM unit_period WHERE unit_id = ?1 AND from_date <= ?2 "
                        + "AND (to_date IS NULL OR to_date >= ?2))"))
                .setParameter(1, unitId).setFlushMode(FlushModeType.COMMIT);
        if (day != null) {
            check.setParameter(2, day);
        }
        Object[] found = (Object[]) check.getSingleResult();
        if (!Boolean.TRUE.equals(found[0])) {
            throw ProblemException.unprocessable(field, "unit " + unitId + " is not known");
        }
        if (!Boolean.TRUE.equals(found[1])) {
            throw ProblemException.unprocessable(field, "unit " + unitId + " did not exist on " + day);
        }
    }

    /**
     * The units a list for this unit covers: its scope as {@link PlanUnitScope} decides it (its subtree as the tree
     * stands today, or on its last day if it has ended, plus the units that became part of it through lineage).
     */
    public List<UUID> subtree(UUID unitId) {
        return scope.members(unitId);
    }

    /**
     * The units a list covers for the caller; null for every unit. {@code unitId=} (403 unless the caller may read that
     * unit) narrows it to that unit's scope; the caller's own scope (none for administrators) narrows it further, so an
     * official never lists what they could not read one by one.
     */
    public List<UUID> listed(String unitIdParameter) {
        UUID unitId = QueryParams.uuid("unitId", unitIdParameter);
        if (unitId != null) {
            access.require(unitId);
        }
        Optional<UUID> callerRoot = access.root();
        if (unitId == null) {
            return callerRoot.map(scope::members).orElse(null);
        }
        List<UUID> asked = scope.members(unitId);
        if (callerRoot.isEmpty() || callerRoot.get().equals(unitId)) {
            return asked;
        }
        Set<UUID> callers = new HashSet<>(scope.members(callerRoot.get()));
        return asked.stream().filter(callers::contains).toList();
    }

    public static void requireAll(UnitDirectory units, String field, Collection<UUID> ids, LocalDate day) {
        int i = 0;
        for (UUID id : ids) {
            units.requireExisting(field + "[" + i++ + "]", id, day);
        }
    }
}
