package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderer on small kustomizations, one feature (or one refusal) per test. */
class KustomizeTest {

    @TempDir
    Path dir;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example.org/web:1.0.0
                      envFrom:
                        - configMapRef: {name: web-config}
                      env:
                        - {name: A, value: "1"}
                    - name: sidecar
                      image: example.org/sidecar:2.0.0
                  volumes:
                    - name: cfg
                      configMap: {name: web-config}
            """;

    void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    void base() throws IOException {
        write("base/deployment.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", """
                resources: [deployment.yaml]
                configMapGenerator:
                  - name: web-config
                    literals: [MODE=base, LEVEL=info]
                """);
    }

    static JsonNode find(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).findFirst().orElseThrow();
    }

    @Test
    void anOverlaySetsNamespaceLabelsAndImagesAndMergesTheGeneratedConfigMap() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                namespace: prod
                resources: [../base]
                labels:
                  - pairs: {team: danvan}
                    includeTemplates: true
                images:
                  - name: example.org/web
                    newTag: 1.2.3
                configMapGenerator:
                  - name: web-config
                    behavior: merge
                    literals: [MODE=prod]
                """);
        List<ObjectNode> objects = Kustomize.build(dir.resolve("overlay"));

        JsonNode deployment = find(objects, "Deployment");
        JsonNode cm = find(objects, "ConfigMap");
        assertEquals("prod", deployment.path("metadata").path("namespace").asText());
        assertEquals("prod", cm.path("metadata").path("namespace").asText());
        assertEquals("danvan", deployment.path("metadata").path("labels").path("team").asText());
        assertEquals("danvan", deployment.path("spec").path("template").path("metadata").path("labels").path("team").asText());
        assertFalse(deployment.path("spec").path("selector").path("matchLabels").has("team"), "selectors stay untouched");
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertEquals("example.org/web:1.2.3", containers.get(0).path("image").asText());
        assertEquals("example.org/sidecar:2.0.0", containers.get(1).path("image").asText());
        assertEquals("prod", cm.path("data").path("MODE").asText());
        assertEquals("info", cm.path("data").path("LEVEL").asText());
        String name = cm.path("metadata").path("name").asText();
        assertTrue(name.matches("web-config-[a-z0-9]{10}"), name);
        assertEquals(name, containers.get(0).path("envFrom").get(0).path("configMapRef").path("name").asText());
        assertEquals(name, deployment.path("spec").path("template").path("spec").path("volumes").get(0).path("configMap").path("name").asText());
    }

    @Test
    void theHashFollowsTheContent() throws IOException {
        base();
        String before = find(Kustomize.build(dir.resolve("base")), "ConfigMap").path("metadata").path("name").asText();
        write("base/kustomization.yaml", Files.readString(dir.resolve("base/kustomization.yaml")).replace("info", "debug"));
        String after = find(Kustomize.build(dir.resolve("base")), "ConfigMap").path("metadata").path("name").asText();
        assertNotEquals(before, after);
    }

    @Test
    void theHashIsKustomizes() {
        // kustomize's own example (examples/configGeneration.md) renders these literals as
        // ConfigMap my-java-server-env-vars-44k658k8gk.
        ObjectNode cm = (ObjectNode) Yaml.readOne("""
                data: {JAVA_HOME: /opt/java/jdk, JAVA_TOOL_OPTIONS: "-agentlib:hprof"}
                """);
        assertEquals("44k658k8gk", Kustomize.configMapHash(cm, "my-java-server-env-vars"));
    }

    @Test
    void aStrategicMergePatchMergesContainersAndEnvByName() throws IOException {
        base();
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - {name: B, value: "2"}
                """);
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: patch.yaml
                """);
        JsonNode d = find(Kustomize.build(dir.resolve("overlay")), "Deployment");
        assertEquals(3, d.path("spec").path("replicas").asInt());
        JsonNode containers = d.path("spec").path("template").path("spec").path("containers");
        assertEquals(2, containers.size(), "the sidecar is kept");
        assertEquals(2, containers.get(0).path("env").size(), "A is kept, B is added");
        assertEquals("example.org/web:1.0.0", containers.get(0).path("image").asText());
    }

    @Test
    void aJson6902PatchWithATargetAppliesToEveryMatch() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      - op: add
                        path: /metadata/annotations
                        value: {}
                      - op: add
                        path: /metadata/annotations/example.org~1owner
                        value: danvan
                      - op: remove
                        path: /spec/template/spec/containers/1
                """);
        JsonNode d = find(Kustomize.build(dir.resolve("overlay")), "Deployment");
        assertEquals("danvan", d.path("metadata").path("annotations").path("example.org/owner").asText());
        assertEquals(1, d.path("spec").path("template").path("spec").path("containers").size());
    }

    @Test
    void aDeletePatchRemovesTheResource() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - target: {kind: Deployment, name: web}
                    patch: |-
                      $patch: delete
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: web}
                """);
        List<ObjectNode> objects = Kustomize.build(dir.resolve("overlay"));
        assertEquals(List.of("ConfigMap"), objects.stream().map(o -> o.path("kind").asText()).toList());
    }

    @Test
    void anUnsupportedFieldIsRefusedNotIgnored() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                commonLabels: {team: danvan}
                """);
        var e = assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("overlay")));
        assertTrue(e.getMessage().contains("commonLabels"), e.getMessage());
    }

    @Test
    void aPatchTargetThatMatchesNothingIsRefused() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - target: {kind: Deployment, name: wbe}
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 2
                """);
        assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("overlay")));
    }

    @Test
    void aJson6902PatchOnAMissingPathIsRefused() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - target: {kind: Deployment}
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 2
                """);
        var e = assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("overlay")));
        assertTrue(e.getMessage().contains("/spec/replicas"), e.getMessage());
    }

    @Test
    void aResourceDefinedTwiceIsRefused() throws IOException {
        base();
        write("overlay/copy.yaml", DEPLOYMENT);
        write("overlay/kustomization.yaml", "resources: [../base, copy.yaml]\n");
        assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("overlay")));
    }

    @Test
    void mergingIntoAConfigMapThatDoesNotExistIsRefused() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                resources: [../base]
                configMapGenerator:
                  - name: other-config
                    behavior: merge
                    literals: [X=1]
                """);
        assertThrows(Kustomize.KustomizeException.class, () -> Kustomize.build(dir.resolve("overlay")));
    }
}
