package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real deploy/kubernetes: every overlay renders and passes every check. */
class OverlaysTest {

    static final Path KUBERNETES = Path.of(System.getProperty("danvan.kubernetes.dir", "../kubernetes"));
    static final Path RENDERED = Path.of(System.getProperty("danvan.rendered.dir", "target/rendered"));
    static final OfflineCheck CHECK = OfflineCheck.withVendoredCrds();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(KUBERNETES.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static List<ObjectNode> render(String overlay) {
        return Kustomize.build(KUBERNETES.resolve("overlays").resolve(overlay));
    }

    @Test
    void theThreeOverlaysExist() throws IOException {
        assertEquals(List.of("local", "production", "staging"), overlays().toList());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectOfTheOverlayMatchesItsSchemaAndThePolicy(String overlay) throws IOException {
        List<ObjectNode> objects = render(overlay);
        Files.createDirectories(RENDERED);
        Files.writeString(RENDERED.resolve(overlay + ".yaml"), Yaml.write(objects));

        List<String> errors = CHECK.all(objects);

        assertEquals(List.of(), errors, () -> overlay + ":\n  " + String.join("\n  ", errors));
        assertTrue(objects.size() > 40, "suspiciously few objects: " + objects.size());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyNamespacedObjectLandsInTheOverlaysNamespace(String overlay) {
        String namespace = "production".equals(overlay) ? "danvan" : "danvan-" + overlay;
        for (ObjectNode o : render(overlay)) {
            String expected = "Namespace".equals(o.path("kind").asText()) ? null : namespace;
            assertEquals(expected, o.path("metadata").path("namespace").asText(null), Kustomize.id(o));
            assertEquals("danvan", o.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(),
                    Kustomize.id(o) + " lacks the part-of label");
        }
    }

    @Test
    void productionKeepsEveryEventTopicForeverOnThreeReplicas() {
        List<ObjectNode> topics = Policy.ofKind(render("production"), "KafkaTopic");
        assertEquals(7, topics.size());
        for (ObjectNode t : topics) {
            JsonNode spec = t.path("spec");
            assertEquals(3, spec.path("replicas").asInt(), Kustomize.id(t));
            assertEquals(2, spec.path("config").path("min.insync.replicas").asInt(), Kustomize.id(t));
            boolean eventTopic = !t.path("metadata").path("name").asText().contains("-dlq");
            if (eventTopic) {
                assertEquals(6, spec.path("partitions").asInt(), Kustomize.id(t));
                assertEquals(-1, spec.path("config").path("retention.ms").asLong(), Kustomize.id(t));
            }
        }
    }

    @Test
    void productionRunsThreeDatabaseInstancesWithBackups() {
        List<ObjectNode> objects = render("production");
        List<ObjectNode> clusters = Policy.ofKind(objects, "Cluster");
        assertEquals(List.of("unit-db", "plan-db", "reporting-db", "keycloak-db"),
                clusters.stream().map(c -> c.path("metadata").path("name").asText()).toList());
        for (ObjectNode c : clusters) {
            assertEquals(3, c.path("spec").path("instances").asInt());
            assertTrue(c.path("spec").path("backup").has("barmanObjectStore"), Kustomize.id(c));
        }
        assertEquals(4, Policy.ofKind(objects, "ScheduledBackup").size());
    }

    @Test
    void localRunsOnOneNodeWithoutBackups() {
        List<ObjectNode> objects = render("local");
        assertEquals(1, Policy.ofKind(objects, "KafkaNodePool").get(0).path("spec").path("replicas").asInt());
        Policy.ofKind(objects, "KafkaTopic").forEach(t -> assertEquals(1, t.path("spec").path("replicas").asInt()));
        Policy.ofKind(objects, "Cluster").forEach(c -> assertFalse(c.path("spec").has("backup")));
        assertEquals(0, Policy.ofKind(objects, "ScheduledBackup").size());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesGetTheirConfigFromTheHashedConfigMaps(String overlay) {
        List<ObjectNode> objects = render(overlay);
        List<String> configMaps = Policy.ofKind(objects, "ConfigMap").stream()
                .map(c -> c.path("metadata").path("name").asText()).toList();
        for (String service : Policy.QUARKUS_SERVICES) {
            ObjectNode d = Policy.ofKind(objects, "Deployment").stream()
                    .filter(x -> service.equals(x.path("metadata").path("name").asText())).findFirst().orElseThrow();
            JsonNode envFrom = d.path("spec").path("template").path("spec").path("containers").get(0).path("envFrom");
            for (JsonNode ref : envFrom) {
                String name = ref.path("configMapRef").path("name").asText();
                assertTrue(configMaps.contains(name), service + " refers to " + name + ", not rendered");
                assertTrue(name.matches(".*-config-[a-z0-9]{10}"), name + " has no content hash");
            }
            String image = d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
            assertEquals("ghcr.io/danvan/" + service + ":0.1.0", image);
        }
        ObjectNode common = Policy.ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().startsWith("danvan-common-config-")).findFirst().orElseThrow();
        assertEquals("true", common.path("data").path("DANVAN_SECURITY_ENABLED").asText());
        assertTrue(common.path("data").has("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(common.path("data").has("QUARKUS_OIDC_AUTH_SERVER_URL"));
    }

    @Test
    void theProductionRealmIsStrictlyValidAndFitForProduction() throws IOException {
        String json = Files.readString(KUBERNETES.resolve("base/keycloak/danvan-realm.json"));
        RealmRepresentation realm = RealmCheck.parseStrict(json);
        assertEquals(List.of(), RealmCheck.productionRules(realm));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void keycloakImportsExactlyThatRealm(String overlay) throws IOException {
        String json = Files.readString(KUBERNETES.resolve("base/keycloak/danvan-realm.json"));
        ObjectNode realm = Policy.ofKind(render(overlay), "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().startsWith("keycloak-realm-")).findFirst().orElseThrow();
        assertEquals(json, realm.path("data").path("danvan-realm.json").asText());
    }
}
