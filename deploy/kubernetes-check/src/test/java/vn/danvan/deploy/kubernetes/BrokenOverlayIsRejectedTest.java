package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * src/test/resources/broken-overlay is the real base with one mistake per rule; each mistake must
 * be reported, so that a green check of the real overlays means something.
 */
class BrokenOverlayIsRejectedTest {

    static List<String> errors;

    @BeforeAll
    static void renderAndCheck() {
        List<ObjectNode> objects = Kustomize.build(Path.of("src/test/resources/broken-overlay"));
        errors = OfflineCheck.withVendoredCrds().all(objects);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Kubernetes schema (client-java-api models): a misspelt field deep in a pod template
            "Deployment/unit-service: The field `imagePullPolcy`",
            // CRD schemas: an unknown field, a word where an integer belongs
            "KafkaTopic/units: .spec.partition: unknown field",
            "Cluster/plan-db: .spec.instances: must be an integer",
            // images
            "Deployment/plan-service container plan-service: image ghcr.io/danvan/plan-service:latest uses the tag latest",
            // probes, resources, non-root, read-only root filesystem
            "Deployment/plan-service container plan-service: readinessProbe is missing",
            "Deployment/plan-service container plan-service: resources.limits.cpu is missing",
            "Deployment/plan-service container plan-service: resources.limits.memory is missing",
            "Deployment/plan-service container plan-service: runAsNonRoot is not set",
            "Deployment/reporting-service container reporting-service: readOnlyRootFilesystem is not set",
            // secrets
            "Secret/leaked: a Secret with inline stringData",
            "Deployment/unit-service container unit-service: env QUARKUS_DATASOURCE_PASSWORD has an inline value",
            "Deployment/reporting-service: uses Secret reporting-db-credentials, which nothing creates",
            // every Deployment has an HPA
            "Deployment/reporting-service: no HorizontalPodAutoscaler scales it",
    })
    void reports(String expected) {
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(expected)),
                () -> "expected an error starting with\n  " + expected + "\nbut got\n  " + String.join("\n  ", errors));
    }
}
