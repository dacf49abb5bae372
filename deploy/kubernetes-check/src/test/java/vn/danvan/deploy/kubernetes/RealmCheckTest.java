package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule on the production realm, shown failing on a copy of the real file with one change. */
class RealmCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode realm() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(OverlaysTest.KUBERNETES.resolve("base/keycloak/danvan-realm.json")));
    }

    static ObjectNode dashboard(ObjectNode realm) {
        return (ObjectNode) realm.get("clients").get(0);
    }

    static List<String> problemsAfter(Consumer<ObjectNode> change) throws IOException {
        ObjectNode r = realm();
        change.accept(r);
        return RealmCheck.productionRules(RealmCheck.parseStrict(JSON.writeValueAsString(r)));
    }

    @Test
    void aMisspeltPropertyIsRejectedByKeycloaksRepresentation() throws IOException {
        ObjectNode r = realm();
        r.put("acessTokenLifespan", 300);
        assertThrows(IOException.class, () -> RealmCheck.parseStrict(JSON.writeValueAsString(r)));
    }

    @Test
    void aMisspeltClientPropertyIsRejected() throws IOException {
        ObjectNode r = realm();
        dashboard(r).put("pkceMethod", "S256");
        assertThrows(IOException.class, () -> RealmCheck.parseStrict(JSON.writeValueAsString(r)));
    }

    @Test
    void usersAreNotAllowed() throws IOException {
        List<String> problems = problemsAfter(r -> r.putArray("users").addObject().put("username", "admin"));
        assertEquals(List.of("the production realm must contain no users (found 1)"), problems);
    }

    @Test
    void directAccessGrantsAreNotAllowed() throws IOException {
        List<String> problems = problemsAfter(r -> dashboard(r).put("directAccessGrantsEnabled", true));
        assertEquals(List.of("danvan-dashboard must have direct access grants disabled in production"), problems);
    }

    @Test
    void pkceIsRequired() throws IOException {
        List<String> problems = problemsAfter(r -> ((ObjectNode) dashboard(r).get("attributes")).remove("pkce.code.challenge.method"));
        assertEquals(List.of("danvan-dashboard must require PKCE S256"), problems);
    }

    @Test
    void aClientSecretValueIsNotAllowed() throws IOException {
        List<String> problems = problemsAfter(r -> dashboard(r).put("secret", "s3cr3t-value"));
        assertEquals(List.of("client danvan-dashboard carries a secret value (use a vault reference)"), problems);
    }

    @Test
    void theUnitIdMapperIsRequired() throws IOException {
        List<String> problems = problemsAfter(r -> ((ArrayNode) dashboard(r).get("protocolMappers")).remove(0));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("oidc-usermodel-attribute-mapper"), problems::toString);
    }

    @Test
    void aRoleIsRequired() throws IOException {
        List<String> problems = problemsAfter(r -> ((ArrayNode) r.get("roles").get("realm")).remove(2));
        assertEquals(List.of("realm role 'viewer' is missing"), problems);
    }

    @Test
    void usersMustNotEditTheirOwnUnit() throws IOException {
        List<String> problems = problemsAfter(r -> {
            ArrayNode config = (ArrayNode) r.get("components").get(RealmCheck.USER_PROFILE_PROVIDER).get(0)
                    .get("config").get("kc.user.profile.config");
            config.set(0, config.get(0).asText().replace("\"edit\": [\"admin\"]", "\"edit\": [\"admin\", \"user\"]"));
        });
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("only administrators may edit unit_id"), problems::toString);
    }
}
