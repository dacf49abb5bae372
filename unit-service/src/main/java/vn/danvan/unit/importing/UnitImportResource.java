package vn.danvan.unit.importing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;
import vn.danvan.common.web.QueryParams;
import vn.danvan.unit.unit.UnitKind;

import java.time.LocalDate;

/**
 * Bulk imports from the official lists: CSV (UTF-8, ',' or ';') or XLSX (first sheet), header row first.
 * Answers 200 with what was applied, what was already there and each rejected row.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/units/import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({"text/csv", Table.XLSX, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
public class UnitImportResource {
    @Inject
    Importer importer;

    @Inject
    CurrentUser user;

    /** Rows: code, name, level, parentCode [, kind, validFrom, id]; kind defaults to {@code ?kind=} (PARTY_COMMITTEE). */
    @POST
    public ImportReport importUnits(byte[] body, @HeaderParam("Content-Type") String contentType,
                                    @QueryParam("kind") String kind, @QueryParam("validFrom") String validFrom) {
        UnitKind defaultKind = QueryParams.oneOf("kind", kind, UnitKind.class);
        LocalDate from = QueryParams.date("validFrom", validFrom);
        return importer.importUnits(Table.read(body, contentType),
                defaultKind == null ? UnitKind.PARTY_COMMITTEE : defaultKind, from == null ? LocalDate.now() : from,
                user.subject());
    }
}
