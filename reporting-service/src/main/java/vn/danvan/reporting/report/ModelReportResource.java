package vn.danvan.reporting.report;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.web.ProblemException;
import vn.danvan.reporting.period.Period;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/api/reports/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelReportResource {
    @Inject
    ModelReportQuery query;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public ModelReport report(@QueryParam("unitId") String unitId, @QueryParam("period") String period,
                              @QueryParam("groupBy") String groupBy, @QueryParam("structureAsOf") String structureAsOf) {
        return query.report(uuid("unitId", unitId), period(period), groupBy, date("structureAsOf", structureAsOf));
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, "is required");
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be a UUID");
        }
    }

    static Period period(String value) {
        try {
            return Period.parse(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("period", e.getMessage());
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be a date YYYY-MM-DD");
        }
    }
}
