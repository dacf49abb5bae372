package vn.danvan.plan.importing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.security.Access;
import vn.danvan.common.security.CurrentUser;
import vn.danvan.common.security.Roles;
import vn.danvan.common.web.Problem;
import vn.danvan.common.web.ProblemException;
import vn.danvan.plan.importing.Sheet.SheetRow;
import vn.danvan.plan.model.Model;
import vn.danvan.plan.model.ModelField;
import vn.danvan.plan.model.ModelForm;
import vn.danvan.plan.model.ModelOrigin;
import vn.danvan.plan.model.ModelRegistration;
import vn.danvan.plan.model.ModelRequest;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk registration of models from what districts keep in Excel: every row is checked first, and either all rows
 * are registered (one model-registered event each, one transaction) or none, with an error for each faulty cell.
 */
@Path("/api/models/imports")
@RolesAllowed({Roles.ADMIN, Roles.EDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class ModelImportResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_ROWS = 5000;
    private static final DateTimeFormatter VIETNAMESE_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

    @Inject
    ModelRegistration registration;

    @Inject
    Validator validator;

    @Inject
    CurrentUser user;

    @Inject
    Access access;

    /** What an import did: the ids registered (or, on a dry run, that would be). */
    public record ImportResult(int rows, int imported, boolean dryRun, List<UUID> ids) {
    }

    @POST
    @Consumes({"text/csv", XLSX})
    @Transactional
    public ImportResult importModels(byte[] body, @HeaderParam("Content-Type") String contentType,
                                     @QueryParam("dryRun") boolean dryRun) {
        List<SheetRow> rows = read(body, contentType);
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("file", "has no data rows below the header");
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.badRequest("file", "has " + rows.size() + " rows; at most " + MAX_ROWS + " per import");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<ModelRequest> requests = new ArrayList<>();
        Map<UUID, LocalDate> pending = new HashMap<>();
        for (SheetRow row : rows) {
            String prefix = "rows[" + row.number() + "].";
            int before = errors.size();
            ModelRequest request = toRequest(row, prefix, errors);
            if (errors.size() > before) {
                continue;
            }
            for (ConstraintViolation<ModelRequest> v : validator.validate(request)) {
                errors.add(new Problem.FieldError(prefix + v.getPropertyPath(), v.getMessage()));
            }
            if (errors.size() > before) {
                continue;
            }
            if (!access.allows(request.unitId())) {
                errors.add(new Problem.FieldError(prefix + "unitId", "is outside your units"));
                continue;
            }
            try {
                registration.checkNew(request.id(), request, pending);
                pending.put(request.id(), request.registeredOn());
                requests.add(request);
            } catch (ProblemException e) {
                if (e.errors() == null) {
                    errors.add(new Problem.FieldError(prefix + "id", e.getMessage()));
                } else {
                    e.errors().forEach(f -> errors.add(new Problem.FieldError(prefix + f.field(), f.message())));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable import", errors.size() + " error(s) in "
                    + rows.size() + " rows; nothing was imported", errors);
        }
        List<UUID> ids = requests.stream().map(ModelRequest::id).toList();
        if (!dryRun) {
            for (ModelRequest request : requests) {
                Model model = registration.register(request, user.subject());
                assert model.id().equals(request.id());
            }
        }
        return new ImportResult(rows.size(), dryRun ? 0 : ids.size(), dryRun, ids);
    }

    private static List<SheetRow> read(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("file", "is empty");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try {
            return type.startsWith(XLSX) ? Sheet.xlsx(body) : Sheet.csv(body);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest("file", "is not a readable spreadsheet: " + e.getClass().getSimpleName());
        }
    }

    private static ModelRequest toRequest(SheetRow row, String prefix, List<Problem.FieldError> errors) {
        UUID id = uuid(row, "id", prefix, errors);
        ModelForm form = new ModelForm(row.get("situation"), row.get("goals"), row.get("content"),
                row.get("beneficiaries"), row.get("leadForces"), row.get("partnerForces"), row.get("resources"),
                row.get("timeline"), row.get("expectedResults"));
        return new ModelRequest(id == null ? UUID.randomUUID() : id, row.get("name"), uuid(row, "unitId", prefix, errors),
                oneOf(row, "field", ModelField.class, prefix, errors), oneOf(row, "origin", ModelOrigin.class, prefix, errors),
                uuid(row, "replicatedFromId", prefix, errors), bool(row, "collective", prefix, errors),
                date(row, "registeredOn", prefix, errors), row.get("description"), form);
    }

    private static UUID uuid(SheetRow row, String column, String prefix, List<Problem.FieldError> errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(prefix + column, "must be a UUID"));
            return null;
        }
    }

    private static <E extends Enum<E>> E oneOf(SheetRow row, String column, Class<E> type, String prefix,
                                               List<Problem.FieldError> errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(prefix + column, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static Boolean bool(SheetRow row, String column, String prefix, List<Problem.FieldError> errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "x", "có", "tập thể" -> true;
            case "false", "no", "0", "không", "cá nhân" -> false;
            default -> {
                errors.add(new Problem.FieldError(prefix + column, "must be true or false"));
                yield null;
            }
        };
    }

    private static LocalDate date(SheetRow row, String column, String prefix, List<Problem.FieldError> errors) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value, VIETNAMESE_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(prefix + column, "must be a date YYYY-MM-DD or D/M/YYYY"));
            return null;
        }
    }
}
