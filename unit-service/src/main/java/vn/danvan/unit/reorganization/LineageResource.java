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
import jakarta.ws.rs.core.MediaType;
import vn.danvan.unit.unit.Unit;
import vn.danvan.unit.unit.UnitRepository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Which units a unit came from and which it became, with the date and decision of each step. */
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

    public record Lineage(List<Step> predecessors, List<Step> successors) {
    }

    /** The other unit of a step, named as it was on the step's side of the date. */
    public record Step(UUID unitId, String name, String code, LocalDate effectiveDate, ReorganizationType type,
                       UUID reorganizationId, String decisionRef) {
    }

    @GET
    public Lineage lineage(@PathParam("id") UUID id) {
        units.require(id);
        access.require(id);
        return new Lineage(steps("successor_id", "predecessor_id", id, true),
                steps("predecessor_id", "successor_id", id, false));
    }

    @SuppressWarnings("unchecked")
    private List<Step> steps(String self, String other, UUID id, boolean before) {
        List<Object[]> rows = em.createNativeQuery("SELECT l." + other + ", l.effective_date, l.type, l.reorganization_id, "
                        + "r.decision_ref FROM lineage l JOIN reorganization r ON r.id = l.reorganization_id "
                        + "WHERE l." + self + " = ?1 ORDER BY l.effective_date, l." + other)
                .setParameter(1, id).getResultList();
        List<Step> steps = new ArrayList<>();
        for (Object[] row : rows) {
            UUID otherId = (UUID) row[0];
            LocalDate date = row[1] instanceof LocalDate d ? d : ((java.sql.Date) row[1]).toLocalDate();
            Unit unit = units.require(otherId);
            var period = unit.periodOn(before ? date.minusDays(1) : date).orElse(unit.current());
            steps.add(new Step(otherId, period.name(), period.code(), date, ReorganizationType.valueOf((String) row[2]),
                    (UUID) row[3], (String) row[4]));
        }
        return steps;
    }
}
