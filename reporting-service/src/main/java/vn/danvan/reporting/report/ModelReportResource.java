package vn.danvan.reporting.report;

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
import vn.danvan.reporting.export.Narrative;
import vn.danvan.reporting.export.ReportTables;
import vn.danvan.reporting.export.XlsxExport;
import vn.danvan.reporting.period.Period;
import vn.danvan.reporting.period.Periods;
import vn.danvan.reporting.plan.PlanReport;
import vn.danvan.reporting.plan.PlanReportQuery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Model figures of a unit's subtree over a period: JSON, CSV or XLSX by Accept, and the drafted narrative. */
@Path("/api/reports/models")
@Transactional(Transactional.TxType.SUPPORTS)
@RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.VIEWER})
public class ModelReportResource {
    @Inject
    Access access;

    @Inject
    ModelReportQuery query;

    @Inject
    PlanReportQuery plans;

    @Inject
    Periods periods;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv", XlsxExport.MEDIA_TYPE})
    public Response modelReport(@QueryParam("unitId") String unitId, @QueryParam("period") String period,
                           @QueryParam("groupBy") String groupBy, @QueryParam("structureAsOf") String structureAsOf,
                           @QueryParam("format") String format, @Context HttpHeaders headers) {
        String representation = Params.representation(format, headers, List.of("json", "csv", "xlsx"));
        Period parsed = periods.parse(period);
        UUID unit = QueryParams.requiredUuid("unitId", unitId);
        access.require(unit);
        String grouping = groupBy == null && !"json".equals(representation) ? "child" : groupBy;
        ModelReport report = query.report(unit, parsed, grouping, QueryParams.date("structureAsOf", structureAsOf));
        return switch (representation) {
            case "csv" -> Params.download(CsvExport.write(ReportTables.models(report, parsed.label())), "text/csv; charset=UTF-8",
                    "mo-hinh-dan-van-kheo.csv");
            case "xlsx" -> Params.download(XlsxExport.write(ReportTables.models(report, parsed.label())), XlsxExport.MEDIA_TYPE,
                    "mo-hinh-dan-van-kheo.xlsx");
            default -> Response.ok(report, MediaType.APPLICATION_JSON).build();
        };
    }

    @GET
    @Path("narrative")
    @Produces({Narrative.MARKDOWN, Narrative.DOCX})
    public Response narrative(@QueryParam("unitId") String unitId, @QueryParam("period") String period,
                              @QueryParam("structureAsOf") String structureAsOf, @QueryParam("format") String format,
                              @Context HttpHeaders headers) {
        String representation = Params.representation(format, headers, List.of("md", "docx"));
        Period parsed = periods.parse(period);
        UUID unit = QueryParams.requiredUuid("unitId", unitId);
        access.require(unit);
        var asOf = QueryParams.date("structureAsOf", structureAsOf);
        ModelReport byChild = query.report(unit, parsed, "child", asOf);
        ModelReport byField = query.report(unit, parsed, "field", asOf);
        PlanReport planReport = parsed.from().getYear() == parsed.to().getYear()
                ? plans.report(unit, parsed.to().getYear(), asOf == null ? parsed.to() : asOf) : null;
        Narrative narrative = Narrative.draft(byChild, byField, parsed.label(), planReport);
        if ("docx".equals(representation)) {
            return Params.download(narrative.docx(), Narrative.DOCX, "bao-cao-dan-van-kheo.docx");
        }
        return Response.ok(narrative.markdown().getBytes(StandardCharsets.UTF_8), "text/markdown; charset=UTF-8").build();
    }
}
