package vn.danvan.reporting.dashboard;

import vn.danvan.common.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import vn.danvan.common.security.Access;
import vn.danvan.common.security.Roles;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.reporting.period.Period;
import vn.danvan.reporting.period.Periods;
import vn.danvan.reporting.plan.PlanReport;
import vn.danvan.reporting.plan.PlanReportQuery;
import vn.danvan.reporting.report.ModelReport;
import vn.danvan.reporting.report.ModelReportQuery;
import vn.danvan.reporting.report.Params;
import vn.danvan.reporting.unit.Structure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Headline figures for the dashboard, and the timeline of recent changes inside a unit's subtree. */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Transactional(Transactional.TxType.SUPPORTS)
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
public class DashboardResource {
    @Inject
    Access access;

    @Inject
    ModelReportQuery models;

    @Inject
    PlanReportQuery plans;

    @Inject
    Periods periods;

    @Inject
    EntityManager em;

    @Inject
    Structure structure;

    public record Summary(UUID unitId, String unitName, Period period, String periodLabel, ModelReport.Counts models,
                          PlanReport.Summary plans, int planYear) {
    }

    public record ActivityLine(UUID eventId, String type, UUID subject, UUID unitId, String summary, Instant occurredAt) {
    }

    @GET
    @Path("summary")
    public Summary summary(@QueryParam("unitId") String unitId, @QueryParam("period") String period) {
        Period parsed = periods.parse(period);
        UUID unit = QueryParams.requiredUuid("unitId", unitId);
        access.require(unit);
        ModelReport report = models.report(unit, parsed, null, null);
        int year = parsed.to().getYear();
        PlanReport planReport = plans.report(unit, year, parsed.to());
        return new Summary(unit, report.unitName(), parsed, parsed.label(), report.totals(), planReport.summary(), year);
    }

    @GET
    @Path("activity")
    @SuppressWarnings("unchecked")
    public List<ActivityLine> activity(@QueryParam("unitId") String unitId, @QueryParam("limit") Integer limit) {
        UUID unit = QueryParams.requiredUuid("unitId", unitId);
        access.require(unit);
        int size = limit == null ? 20 : Math.max(1, Math.min(limit, 200));
        Structure.Members members = structure.members(unit, structure.todayOrLastDay(unit));
        List<Object[]> rows = em.createNativeQuery(Structure.MEMBER_LIST + """
                        SELECT a.event_id, a.type, a.subject, a.unit_id, a.summary, a.occurred_at
                        FROM activity a JOIN members m ON a.unit_id = m.id
                        ORDER BY a.occurred_at DESC LIMIT :size""")
                .setParameter("ids", members.ids()).setParameter("branches", members.branches()).setParameter("size", size)
                .getResultList();
        return rows.stream().map(r -> new ActivityLine((UUID) r[0], (String) r[1], (UUID) r[2], (UUID) r[3],
                (String) r[4], toInstant(r[5]))).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
