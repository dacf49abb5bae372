package vn.danvan.deploy.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoreSchemasTest {

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: %s
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: example.org/demo:1.0.0
                      %s: IfNotPresent
                      resources:
                        limits: {cpu: "%s", memory: 256Mi}
            """;

    static List<String> validate(String replicas, String pullPolicyField, String cpu) {
        return CoreSchemas.validate(Yaml.readOne(DEPLOYMENT.formatted(replicas, pullPolicyField, cpu)));
    }

    @Test
    void aCorrectDeploymentPasses() {
        assertEquals(List.of(), validate("2", "imagePullPolicy", "500m"));
    }

    @Test
    void aMisspeltFieldDeepInThePodTemplateFails() {
        List<String> errors = validate("2", "imagePullPolcy", "500m");
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("imagePullPolcy"), errors::toString);
    }

    @Test
    void aWordWhereANumberBelongsFails() {
        assertEquals(1, validate("two", "imagePullPolicy", "500m").size());
    }

    @Test
    void aMalformedQuantityFails() {
        assertEquals(1, validate("2", "imagePullPolicy", "half a core").size());
    }

    @Test
    void aMissingRequiredFieldFails() {
        List<String> errors = CoreSchemas.validate(Yaml.readOne("""
                apiVersion: v1
                kind: Service
                metadata: {name: demo}
                spec:
                  ports:
                    - name: http
                """));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("port"), errors::toString);
    }

    @Test
    void aKindWithoutAKnownSchemaFails() {
        List<String> errors = CoreSchemas.validate(Yaml.readOne("""
                apiVersion: apps/v1
                kind: Ingress
                metadata: {name: demo}
                """));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("no Kubernetes schema"), errors::toString);
    }
}
