package vn.danvan.unit.reorganization;

import jakarta.annotation.security.RolesAllowed;
import vn.danvan.common.security.Roles;
import jakarta.inject.Inject;
import vn.danvan.common.security.Access;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.unit.unit.Unit;
import vn.danvan.unit.unit.UnitRepository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which units a unit came from and which it became, with the date and decision of each step; with
 * {@code ?transitive=true}, through every reorganisation before and after (each step names the unit it led to or from).
 */
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
@Path("/api/units/{id}/lineage")
@Produces(MediaType.APPLICATION_JSON)
public class LineageResource {
    @Inject
    EntityManager em;

    @Inject
    UnitRepository units;

    @Inject
    Access access;

    public record Lineage<S>(List<S> predecessors, List<S> successors) {
    }

    /** The other unit of a step, named as it was on the step's side of the date. */
    public record Step(UUID unitId, String name, String code, LocalDate effectiveDate, ReorganizationType type,
                       UUID reorganizationId, String decisionRef) {
    }

    /**
     * A step reached through others: {@code viaUnitId} is the unit on the near side of the link (for a predecessor,
     * the unit it became; for a successor, the unit it came from), the asked unit itself for a direct step.
     */
    public record ChainStep(UUID unitId, String name, String code, LocalDate effectiveDate, ReorganizationType type,
                            UUID reorganizationId, String decisionRef, UUID viaUnitId) {
    }

    @GET
    public Lineage<?> lineage(@PathParam("id") UUID id, @QueryParam("transitive") boolean transitive) {
        units.require(id);
        access.require(id);
        if (transitive) {
            return new Lineage<>(chain("successor_id", "predecessor_id", id, true),
                    chain("predecessor_id", "successor_id", id, false));
        }
        return new Lineage<>(steps("successor_id", "predecessor_id", id, true),
                steps("predecessor_id", "successor_id", id, false));
    }

    /** Every link reachable from the unit in one direction, by date then unit. */
    @SuppressWarnings("unchecked")
    private List<ChainStep> chain(String self, String other, UUID id, boolean before) {
        List<Object[]> rows = em.createNativeQuery("""
                        WITH RECURSIVE chain(unit_id, via, effective_date, type, reorganization_id) AS (
                          SELECT l.%2$s, l.%1$s, l.effective_date, l.type, l.reorganization_id FROM lineage l
                          WHERE l.%1$s = ?1
                          UNION
                          SELECT l.%2$s, l.%1$s, l.effective_date, l.type, l.reorganization_id
                          FROM chain c JOIN lineage l ON l.%1$s = c.unit_id
                        )
                        SELECT c.unit_id, c.effective_date, c.type, c.reorganization_id, r.decision_ref, c.via
                        FROM chain c JOIN reorganization r ON r.id = c.reorganization_id
                        ORDER BY c.effective_date, c.unit_id""".formatted(self, other))
                .setParameter(1, id).getResultList();
        List<ChainStep> steps = new ArrayList<>();
        for (Object[] row : rows) {
            Step step = step(row, before);
            steps.add(new ChainStep(step.unitId(), step.name(), step.code(), step.effectiveDate(), step.type(),
                    step.reorganizationId(), step.decisionRef(), (UUID) row[5]));
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private List<Step> steps(String self, String other, UUID id, boolean before) {
        List<Object[]> rows = em.createNativeQuery("SELECT l." + other + ", l.effective_date, l.type, l.reorganization_id, "
                        + "r.decision_ref FROM lineage l JOIN reorganization r ON r.id = l.reorganization_id "
                        + "WHERE l." + self + " = ?1 ORDER BY l.effective_date, l." + other)
                .setParameter(1, id).getResultList();
        List<Step> steps = new ArrayList<>();
        for (Object[] row : rows) {
            steps.add(step(row, before));
        }
        return steps;
    }

    /** Row: other unit, effective date, type, reorganisation, decision; the other unit named on its side of the date. */
    private Step step(Object[] row, boolean before) {
        UUID otherId = (UUID) row[0];
        LocalDate date = row[1] instanceof LocalDate d ? d : ((java.sql.Date) row[1]).toLocalDate();
        Unit unit = units.require(otherId);
        var period = unit.periodOn(before ? date.minusDays(1) : date).orElse(unit.current());
        return new Step(otherId, period.name(), period.code(), date, ReorganizationType.valueOf((String) row[2]),
                (UUID) row[3], (String) row[4]);
    }
}
