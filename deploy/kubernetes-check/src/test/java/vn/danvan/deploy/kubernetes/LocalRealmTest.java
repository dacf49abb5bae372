package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local realm that ./danvan up imports (deploy/keycloak), parsed strictly by Keycloak's own representation: the
 * contract's roles, client and claims, and demo users whose unit_id names units of the demo data.
 */
class LocalRealmTest {
    static final Path DEPLOY = OverlaysTest.KUBERNETES.getParent();

    @Test
    void theLocalRealmHoldsTheContractsRolesClientClaimsAndDemoUsers() throws IOException {
        // Unknown properties fail, as in RealmCheck; trailing-token checks stay off because Keycloak's own deserializer
        // of user attributes reads a sub-tree that Jackson would otherwise refuse (the production realm has no users).
        RealmRepresentation realm = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Files.readString(DEPLOY.resolve("keycloak/danvan-realm.json")), RealmRepresentation.class);
        assertEquals("danvan", realm.getRealm());
        assertEquals(Set.of("admin", "editor", "viewer"),
                realm.getRoles().getRealm().stream().map(r -> r.getName()).collect(Collectors.toSet()));

        ClientRepresentation dashboard = realm.getClients().stream()
                .filter(c -> "danvan-dashboard".equals(c.getClientId())).findFirst().orElseThrow();
        assertTrue(dashboard.isPublicClient());
        assertTrue(dashboard.isStandardFlowEnabled());
        assertTrue(dashboard.isDirectAccessGrantsEnabled(), "scripts use the password grant locally");
        assertEquals("S256", dashboard.getAttributes().get("pkce.code.challenge.method"));
        Set<String> mappers = new HashSet<>();
        for (ProtocolMapperRepresentation mapper : dashboard.getProtocolMappers()) {
            mappers.add(mapper.getProtocolMapper() + ":" + mapper.getConfig().getOrDefault("claim.name",
                    mapper.getConfig().getOrDefault("included.custom.audience", "")));
        }
        assertEquals(Set.of("oidc-usermodel-attribute-mapper:unit_id", "oidc-usermodel-realm-role-mapper:groups",
                "oidc-audience-mapper:danvan-api"), mappers);
        assertTrue(RealmCheck.productionRules(realm).stream().anyMatch(p -> p.contains("users")),
                "the local realm has the demo users the production realm must not have");

        Set<String> demoUnits = new HashSet<>();
        for (JsonNode unit : new ObjectMapper().readTree(DEPLOY.resolve("demo/10-units.json").toFile()).path("items")) {
            demoUnits.add(unit.path("id").asText());
        }
        Map<String, String> expected = Map.of("admin", "admin", "editor-lynhan", "editor", "viewer-lynhan", "viewer",
                "editor-binhluc", "editor");
        assertEquals(expected.keySet(), realm.getUsers().stream().map(UserRepresentation::getUsername).collect(Collectors.toSet()));
        for (UserRepresentation user : realm.getUsers()) {
            assertEquals(List.of(expected.get(user.getUsername())), user.getRealmRoles(), user.getUsername());
            String unit = user.getAttributes().get("unit_id").get(0);
            assertTrue(demoUnits.contains(unit), user.getUsername() + "'s unit_id " + unit + " is not a demo unit");
            assertEquals(user.getUsername(), user.getCredentials().get(0).getValue(), "password = user name");
        }
    }
}
