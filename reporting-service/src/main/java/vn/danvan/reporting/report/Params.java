package vn.danvan.reporting.report;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.web.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Query parameters shared by the report endpoints, refused with the field's name when malformed. */
public final class Params {
    private Params() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, "is required");
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be a UUID");
        }
    }

    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be a date YYYY-MM-DD");
        }
    }

    public static int year(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("year", "is required");
        }
        try {
            int year = Integer.parseInt(value.trim());
            if (year < 1945 || year > 2100) {
                throw ProblemException.badRequest("year", "must be between 1945 and 2100");
            }
            return year;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("year", "must be a year such as 2024");
        }
    }

    /**
     * Which representation the client asked for: {@code format=csv|xlsx|json|md|docx} wins (download links cannot set
     * headers), then the Accept header in its order of preference; JSON (or the first offered) by default.
     */
    public static String representation(String format, HttpHeaders headers, List<String> offered) {
        if (format != null && !format.isBlank()) {
            String wanted = format.trim().toLowerCase();
            if (!offered.contains(wanted)) {
                throw ProblemException.badRequest("format", "must be one of " + String.join(", ", offered));
            }
            return wanted;
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            for (String candidate : offered) {
                if (!accepted.isWildcardType() && accepted.isCompatible(MediaType.valueOf(mediaType(candidate)))) {
                    return candidate;
                }
            }
        }
        return offered.get(0);
    }

    /** A file to save, with the name a person sees in their downloads. */
    public static jakarta.ws.rs.core.Response download(byte[] body, String mediaType, String fileName) {
        return jakarta.ws.rs.core.Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    public static String mediaType(String representation) {
        return switch (representation) {
            case "csv" -> "text/csv";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "md" -> "text/markdown";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            default -> MediaType.APPLICATION_JSON;
        };
    }
}
