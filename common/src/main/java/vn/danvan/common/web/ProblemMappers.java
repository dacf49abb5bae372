package vn.danvan.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every error of every API as RFC 9457 problem+json; nothing about internals leaks into a 5xx. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(null, e.title(), e.status(), e.getMessage(), path(uri), e.errors()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(new Problem(null, "Bad request", 400, "The request has invalid fields", path(uri), errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : null;
        String reason = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().split("\n")[0];
        if (reason.length() > 200) {
            reason = reason.substring(0, 200);
        }
        List<Problem.FieldError> errors = field == null || field.isEmpty() ? null : List.of(new Problem.FieldError(field, reason));
        return respond(new Problem(null, "Bad request", 400, "The body is not valid JSON for this request: " + reason,
                path(uri), errors));
    }

    /** Quarkus REST ships its own mappers for these subtypes; ours must be at least as specific to win. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unparsableJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(new Problem(null, "Conflict", 409, "The resource was changed by someone else; reload it and retry",
                path(uri), null));
    }

    /**
     * Two concurrent requests that create the same thing (a client-chosen id, the same recognition): the check in
     * memory let both pass and the database's unique key stopped the second. That is a conflict, not an error.
     */
    @ServerExceptionMapper
    public Response uniqueKey(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() != org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
            return unexpected(e, uri);
        }
        return respond(new Problem(null, "Conflict", 409, "The same resource was recorded by another request first; reload it",
                path(uri), null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "A valid bearer token is required", path(uri), null));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "A valid bearer token is required", path(uri), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, "Forbidden", 403, "You may not do this", path(uri), null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status >= 500 ? "The request could not be completed" : e.getMessage();
        return respond(new Problem(null, title, status, detail, path(uri), null));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected error", e);
        return respond(new Problem(null, "Internal error", 500, "The request could not be completed", path(uri), null));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /**
     * "create.request.name" (method, body parameter, property) becomes "name", "tasks[2].title" keeps its index,
     * and a violated query parameter keeps its own name ("size").
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    if (node.getIndex() != null && !property.isEmpty()) {
                        property.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                        if (!property.isEmpty()) {
                            property.append('.');
                        }
                        property.append(node.getName());
                    }
                }
                default -> { }
            }
        }
        return !property.isEmpty() ? property.toString() : parameter == null ? "request" : parameter;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
