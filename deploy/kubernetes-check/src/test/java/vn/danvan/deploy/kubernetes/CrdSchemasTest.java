package vn.danvan.deploy.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrdSchemasTest {

    static final CrdSchemas CRDS = CrdSchemas.vendored();

    static List<String> validate(String yaml) {
        return CRDS.validate(Yaml.readOne(yaml));
    }

    static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata:
              name: units
              labels: {strimzi.io/cluster: danvan}
            spec:
              %s: %s
              replicas: 3
              config: {retention.ms: -1}
            """;

    @Test
    void aCorrectTopicPasses() {
        assertEquals(List.of(), validate(TOPIC.formatted("partitions", "6")));
    }

    @Test
    void anUnknownFieldFails() {
        assertEquals(List.of("KafkaTopic/units: .spec.partition: unknown field"),
                validate(TOPIC.formatted("partition", "6")));
    }

    @Test
    void aWrongTypeFails() {
        List<String> errors = validate(TOPIC.formatted("partitions", "six"));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("must be an integer"), errors::toString);
    }

    @Test
    void aValueOutsideTheEnumFails() {
        List<String> errors = validate("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: unit-service, labels: {strimzi.io/cluster: danvan}}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: units, patternType: literal}
                        operations: [Wrte]
                """);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("Wrte"), errors::toString);
    }

    @Test
    void aMissingRequiredFieldFails() {
        List<String> errors = validate("""
                apiVersion: postgresql.cnpg.io/v1
                kind: ScheduledBackup
                metadata: {name: daily}
                spec:
                  schedule: "0 0 1 * * *"
                """);
        assertEquals(List.of("ScheduledBackup/daily: .spec: missing required field cluster"), errors);
    }

    @Test
    void aMisspeltCloudNativePgFieldFails() {
        List<String> errors = validate("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: unit-db}
                spec:
                  instance: 3
                  storage: {size: 1Gi}
                """);
        assertEquals(List.of("Cluster/unit-db: .spec.instance: unknown field",
                "Cluster/unit-db: .spec: missing required field instances"), errors);
    }

    @Test
    void aBadMetadataFieldFails() {
        List<String> errors = validate("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: units, label: {strimzi.io/cluster: danvan}}
                spec: {partitions: 1, replicas: 1}
                """);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("`label`"), errors::toString);
    }

    @Test
    void anOldApiVersionHasNoSchema() {
        List<String> errors = validate(TOPIC.formatted("partitions", "6").replace("kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("no CRD schema"), errors::toString);
    }
}
