package vn.danvan.embedded;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the three services' access-matrix tests share: a prepared call and how to tell that a refused one changed
 * nothing, the ways a token can fail to be valid, and what a refusal may say (nothing that names what was asked).
 */
public final class AccessCalls {
    public static final String PROBLEM = "application/problem+json";
    /** No token, then tokens that would be valid but for one thing, then no token at all but text. */
    public static final List<String> TOKEN_PROBLEMS = List.of("none", "expired", "forged", "otherAudience", "otherIssuer",
            "garbage");

    private AccessCalls() {
    }

    /** One prepared call: the request to send, how to tell afterwards that it changed nothing, and ids it may not name. */
    public record Call(String method, String path, String contentType, byte[] body, Runnable unchanged,
                       List<String> secrets) {
        /** A call sent by other means, for its check and its secrets only. */
        public static Call of(Runnable unchanged, UUID... secrets) {
            return new Call(null, null, null, null, unchanged, Arrays.stream(secrets).map(UUID::toString).toList());
        }

        public Response send(RequestSpecification request) {
            if (body != null) {
                request.contentType(contentType).body(body);
            }
            return switch (method) {
                case "GET" -> request.when().get(path);
                case "PUT" -> request.when().put(path);
                case "DELETE" -> request.when().delete(path);
                default -> request.when().post(path);
            };
        }

        public void assertNothingChanged() {
            if (unchanged != null) {
                unchanged.run();
            }
        }
    }

    /** A request as this user would send it with a valid token. */
    public static RequestSpecification as(String user, String role, UUID unit) {
        return given().auth().oauth2(TestTokens.token(user, role, unit));
    }

    /** A request whose token, this user's, is not valid in the way named (one of {@link #TOKEN_PROBLEMS}). */
    public static RequestSpecification withTokenProblem(String problem, String user, String role, UUID unit) {
        RequestSpecification request = given();
        switch (problem) {
            case "none" -> { }
            case "expired" -> request.auth().oauth2(TestTokens.expired(user, role, unit));
            case "forged" -> request.auth().oauth2(TestTokens.forged(user, role, unit));
            case "otherAudience" -> request.auth().oauth2(TestTokens.otherAudience(user, role, unit));
            case "otherIssuer" -> request.auth().oauth2(TestTokens.otherIssuer(user, role, unit));
            case "garbage" -> request.auth().oauth2("not-a-token");
            default -> throw new IllegalArgumentException("no such token problem: " + problem);
        }
        return request;
    }

    /** A refusal is problem+json with a fixed wording: no unit, no resource, nothing about why. */
    public static void saysNothingMore(Response response, int status, Call call) {
        response.then().contentType(PROBLEM).body("status", equalTo(status))
                .body("detail", equalTo(status == 401 ? "A valid bearer token is required" : "You may not do this"))
                .body("errors", equalTo(null));
        // "instance" only echoes the caller's own request path; nothing else may name what was asked.
        Map<String, Object> problem = new LinkedHashMap<>(response.jsonPath().getMap(""));
        problem.remove("instance");
        String text = problem.toString();
        for (String secret : call.secrets()) {
            if (text.contains(secret)) {
                throw new AssertionError("the refusal names " + secret + ": " + text);
            }
        }
    }
}
