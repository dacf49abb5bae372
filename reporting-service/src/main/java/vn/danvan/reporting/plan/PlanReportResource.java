package vn.danvan.reporting.plan;

import vn.danvan.common.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import vn.danvan.common.security.Access;
import vn.danvan.common.security.Roles;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.danvan.reporting.export.CsvExport;
import vn.danvan.reporting.export.ReportTables;
import vn.danvan.reporting.export.XlsxExport;
import vn.danvan.reporting.report.Params;

import java.util.List;
import java.util.UUID;

/** Which units of the subtree signed their coordination plan for the year, with partners and task progress. */
@Path("/api/reports/plans")
@Transactional(Transactional.TxType.SUPPORTS)
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
public class PlanReportResource {
    @Inject
    Access access;

    @Inject
    PlanReportQuery query;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv", XlsxExport.MEDIA_TYPE})
    public Response planReport(@QueryParam("unitId") String unitId, @QueryParam("year") String year,
                           @QueryParam("structureAsOf") String structureAsOf, @QueryParam("format") String format,
                           @Context HttpHeaders headers) {
        String representation = Params.representation(format, headers, List.of("json", "csv", "xlsx"));
        UUID unit = QueryParams.requiredUuid("unitId", unitId);
        access.require(unit);
        PlanReport report = query.report(unit, QueryParams.requiredYear("year", year),
                QueryParams.date("structureAsOf", structureAsOf));
        return switch (representation) {
            case "csv" -> Params.download(CsvExport.write(ReportTables.plans(report)), "text/csv; charset=UTF-8",
                    "ke-hoach-phoi-hop.csv");
            case "xlsx" -> Params.download(XlsxExport.write(ReportTables.plans(report)), XlsxExport.MEDIA_TYPE,
                    "ke-hoach-phoi-hop.xlsx");
            default -> Response.ok(report, MediaType.APPLICATION_JSON).build();
        };
    }
}
