package vn.danvan.plan.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.danvan.common.security.Access;
import vn.danvan.common.sql.SqlArrays;
import vn.danvan.common.web.ProblemException;
import vn.danvan.common.web.QueryParams;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * plan-service's own answer to "does this unit exist, and did it on that day?", from the copy of the unit tree kept
 * by {@link UnitFeed}; no call to unit-service on the write path.
 */
@ApplicationScoped
public class UnitDirectory {
    /** Key of the answers {@link #prefetch} keeps in the transaction. */
    private static final Object PREFETCHED = new Object();

    @Inject
    EntityManager em;

    @Inject
    PlanUnitScope scope;

    @Inject
    Access access;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "danvan.units.check", defaultValue = "true")
    boolean checkUnits;

    public boolean knows(UUID unitId) {
        return read(List.of(new UnitOn(unitId, null))).get(0).known();
    }

    public boolean existedOn(UUID unitId, LocalDate day) {
        return read(List.of(new UnitOn(unitId, day))).get(0).existed();
    }

    /** 422 naming {@code field} when the unit is unknown or did not exist on {@code day}; nothing when checks are off. */
    public void requireExisting(String field, UUID unitId, LocalDate day) {
        if (!checkUnits || unitId == null) {
            return;
        }
        Answer answer = prefetched().get(new UnitOn(unitId, day));
        if (answer == null) {
            answer = read(List.of(new UnitOn(unitId, day))).get(0);
        }
        if (!answer.known()) {
            throw ProblemException.unprocessable(field, "unit " + unitId + " is not known");
        }
        if (!answer.existed()) {
            throw ProblemException.unprocessable(field, "unit " + unitId + " did not exist on " + day);
        }
    }

    /** A unit and the day a write needs it to have existed on (null: any day). */
    public record UnitOn(UUID unitId, LocalDate day) {
    }

    private record Answer(boolean known, boolean existed) {
    }

    /**
     * Reads at once what {@link #requireExisting} will be asked about these units in the current transaction (a batch
     * of registrations, ADR 0015) and keeps the answers until the transaction ends.
     */
    public void prefetch(List<UnitOn> asked) {
        List<UnitOn> units = asked.stream().filter(u -> u.unitId() != null).distinct().toList();
        if (!checkUnits || units.isEmpty()) {
            return;
        }
        List<Answer> answers = read(units);
        Map<UnitOn, Answer> known = new HashMap<>(prefetched());
        for (int i = 0; i < units.size(); i++) {
            known.put(units.get(i), answers.get(i));
        }
        transactions.putResource(PREFETCHED, known);
    }

    @SuppressWarnings("unchecked")
    private Map<UnitOn, Answer> prefetched() {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return Map.of();
        }
        Object known = transactions.getResource(PREFETCHED);
        return known == null ? Map.of() : (Map<UnitOn, Answer>) known;
    }

    /**
     * Both answers for each unit and day in one statement, in the order asked. The copy of the tree is never written
     * in a request's transaction, so there is nothing to flush before reading it (a batch of registrations keeps its
     * inserts for the commit).
     */
    @SuppressWarnings("unchecked")
    private List<Answer> read(List<UnitOn> units) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT u.i, EXISTS (SELECT 1 FROM unit_ref r WHERE r.id = u.id),
                               u.day IS NULL OR EXISTS (SELECT 1 FROM unit_period p WHERE p.unit_id = u.id
                                   AND p.from_date <= u.day AND (p.to_date IS NULL OR p.to_date >= u.day))
                        FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS date[])) WITH ORDINALITY AS u(id, day, i)
                        ORDER BY u.i""")
                .setParameter(1, SqlArrays.literal(units.stream().map(UnitOn::unitId).toList()))
                .setParameter(2, SqlArrays.literal(units.stream().map(UnitOn::day).toList()))
                .setFlushMode(FlushModeType.COMMIT).getResultList();
        return rows.stream().map(r -> new Answer(Boolean.TRUE.equals(r[1]), Boolean.TRUE.equals(r[2]))).toList();
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
