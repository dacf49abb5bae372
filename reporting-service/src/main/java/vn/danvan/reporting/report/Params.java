package vn.danvan.reporting.report;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import vn.danvan.common.web.ProblemException;

import java.util.List;

/** How a report is asked for (JSON, CSV, XLSX, Markdown, Word) and handed out as a file. */
public final class Params {
    private Params() {
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
