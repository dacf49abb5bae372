package vn.danvan.unit.importing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;

/**
 * Bulk imports from the official lists: CSV (UTF-8, ',' or ';') or XLSX (first sheet), header row first.
 * Answers 200 with what was applied, what was already there and each rejected row.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/reorganizations/import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({"text/csv", Table.XLSX, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
public class ReorganizationImportResource {
    @Inject
    Importer importer;

    @Inject
    CurrentUser user;

    /** Rows: oldCodes, newCode, effectiveDate [, newName, decisionRef, parentCode, kind, level]. */
    @POST
    public ImportReport importReorganizations(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return importer.importReorganizations(Table.read(body, contentType), user.subject());
    }
}
