package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The production realm: parsed strictly by Keycloak's own representation classes (an unknown or
 * misspelt property fails, as it would be dropped silently by an import), then held to the
 * rules of ARCHITECTURE.md "Security" and to "no users, no secrets".
 */
public final class RealmCheck {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public static final String USER_PROFILE_PROVIDER = "org.keycloak.userprofile.UserProfileProvider";

    private RealmCheck() {
    }

    public static RealmRepresentation parseStrict(String json) throws IOException {
        return STRICT.readValue(json, RealmRepresentation.class);
    }

    /** Problems with a realm meant for production; empty when it is fit. */
    public static List<String> productionRules(RealmRepresentation realm) {
        List<String> problems = new ArrayList<>();
        if (!"danvan".equals(realm.getRealm())) {
            problems.add("realm must be 'danvan', is '" + realm.getRealm() + "'");
        }
        if (!Boolean.TRUE.equals(realm.isEnabled())) {
            problems.add("realm must be enabled");
        }
        if (!Set.of("external", "all").contains(String.valueOf(realm.getSslRequired()))) {
            problems.add("sslRequired must be external or all");
        }
        if (Boolean.TRUE.equals(realm.isRegistrationAllowed())) {
            problems.add("self-registration must be off: an administrator creates users and sets unit_id");
        }
        Set<String> roles = realm.getRoles() == null || realm.getRoles().getRealm() == null ? Set.of()
                : realm.getRoles().getRealm().stream().map(RoleRepresentation::getName).collect(Collectors.toSet());
        for (String role : List.of("admin", "editor", "viewer")) {
            if (!roles.contains(role)) {
                problems.add("realm role '" + role + "' is missing");
            }
        }
        if (realm.getUsers() != null && !realm.getUsers().isEmpty()) {
            problems.add("the production realm must contain no users (found " + realm.getUsers().size() + ")");
        }
        if (realm.getFederatedUsers() != null && !realm.getFederatedUsers().isEmpty()) {
            problems.add("the production realm must contain no federated users");
        }
        List<ClientRepresentation> clients = realm.getClients() == null ? List.of() : realm.getClients();
        for (ClientRepresentation c : clients) {
            if (c.getSecret() != null && !c.getSecret().startsWith("${vault.")) {
                problems.add("client " + c.getClientId() + " carries a secret value (use a vault reference)");
            }
        }
        if (realm.getIdentityProviders() != null) {
            for (IdentityProviderRepresentation idp : realm.getIdentityProviders()) {
                String secret = idp.getConfig() == null ? null : idp.getConfig().get("clientSecret");
                if (secret != null && !secret.startsWith("${vault.")) {
                    problems.add("identity provider " + idp.getAlias() + " carries a clientSecret value");
                }
            }
        }
        if (realm.getSmtpServer() != null && realm.getSmtpServer().get("password") != null
                && !realm.getSmtpServer().get("password").startsWith("${vault.")) {
            problems.add("smtpServer carries a password value");
        }
        ClientRepresentation dashboard = clients.stream()
                .filter(c -> "danvan-dashboard".equals(c.getClientId())).findFirst().orElse(null);
        if (dashboard == null) {
            problems.add("client danvan-dashboard is missing");
        } else {
            checkDashboard(dashboard, problems);
        }
        checkUserProfile(realm, problems);
        return problems;
    }

    private static void checkDashboard(ClientRepresentation c, List<String> problems) {
        if (!Boolean.TRUE.equals(c.isPublicClient())) {
            problems.add("danvan-dashboard must be a public client");
        }
        if (!Boolean.TRUE.equals(c.isStandardFlowEnabled())) {
            problems.add("danvan-dashboard must use the authorization code flow");
        }
        if (!Boolean.FALSE.equals(c.isDirectAccessGrantsEnabled())) {
            problems.add("danvan-dashboard must have direct access grants disabled in production");
        }
        if (Boolean.TRUE.equals(c.isImplicitFlowEnabled())) {
            problems.add("danvan-dashboard must not allow the implicit flow");
        }
        String pkce = c.getAttributes() == null ? null : c.getAttributes().get("pkce.code.challenge.method");
        if (!"S256".equals(pkce)) {
            problems.add("danvan-dashboard must require PKCE S256");
        }
        for (String uri : c.getRedirectUris() == null ? List.<String>of() : c.getRedirectUris()) {
            if ("*".equals(uri) || uri.startsWith("http://") || uri.contains("localhost")) {
                problems.add("danvan-dashboard redirect URI '" + uri + "' is not fit for production");
            }
        }
        List<ProtocolMapperRepresentation> mappers = c.getProtocolMappers() == null ? List.of() : c.getProtocolMappers();
        requireMapper(mappers, "oidc-usermodel-attribute-mapper",
                Map.of("user.attribute", "unit_id", "claim.name", "unit_id", "access.token.claim", "true"), problems);
        requireMapper(mappers, "oidc-usermodel-realm-role-mapper",
                Map.of("claim.name", "groups", "multivalued", "true", "access.token.claim", "true"), problems);
        requireMapper(mappers, "oidc-audience-mapper",
                Map.of("included.custom.audience", "danvan-api", "access.token.claim", "true"), problems);
    }

    private static void requireMapper(List<ProtocolMapperRepresentation> mappers, String type,
                                      Map<String, String> config, List<String> problems) {
        boolean found = mappers.stream().anyMatch(m -> type.equals(m.getProtocolMapper()) && m.getConfig() != null
                && config.entrySet().stream().allMatch(e -> e.getValue().equals(m.getConfig().get(e.getKey()))));
        if (!found) {
            problems.add("danvan-dashboard needs a " + type + " mapper with " + config);
        }
    }

    private static void checkUserProfile(RealmRepresentation realm, List<String> problems) {
        List<ComponentExportRepresentation> providers = realm.getComponents() == null ? null
                : realm.getComponents().get(USER_PROFILE_PROVIDER);
        String config = providers == null || providers.isEmpty() || providers.get(0).getConfig() == null ? null
                : providers.get(0).getConfig().getFirst("kc.user.profile.config");
        if (config == null) {
            problems.add("the user profile (declaring unit_id) is missing");
            return;
        }
        try {
            JsonNode profile = STRICT.readTree(config);
            JsonNode unitId = null;
            for (JsonNode a : profile.path("attributes")) {
                if ("unit_id".equals(a.path("name").asText())) {
                    unitId = a;
                }
            }
            if (unitId == null) {
                problems.add("the user profile does not declare unit_id (Keycloak 26 drops undeclared attributes)");
                return;
            }
            List<String> editors = new ArrayList<>();
            unitId.path("permissions").path("edit").forEach(r -> editors.add(r.asText()));
            if (!Objects.equals(editors, List.of("admin"))) {
                problems.add("only administrators may edit unit_id (it decides a user's scope), found " + editors);
            }
        } catch (IOException e) {
            problems.add("the user profile is not valid JSON: " + e.getMessage());
        }
    }
}
