package vn.danvan.common.web;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** Optimistic locking over HTTP: the ETag is the resource's version, If-Match must name the current one. */
public final class Etags {
    private Etags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 412 when If-Match is given and names another version; {@code *} and absence match anything. */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String current = Long.toString(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim().replaceFirst("^W/", "").replace("\"", "");
            if (value.equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("If-Match " + ifMatch.trim() + " does not match the current version \""
                + current + "\"");
    }

    public static Response.ResponseBuilder ok(Object body, long version) {
        return Response.ok(body).tag(of(version));
    }
}
