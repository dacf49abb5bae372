package vn.danvan.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka topics and consumer groups each service is configured with (its
 * application.properties) exist as KafkaTopics, and its KafkaUser's ACLs allow exactly that use:
 * auto-creation is off and authorization is on, so anything missing fails only in the cluster.
 */
class ServiceTopicsTest {

    static final Path ROOT = OverlaysTest.KUBERNETES.resolve("../..").normalize();
    static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    @ParameterizedTest
    @ValueSource(strings = {"unit-service", "plan-service", "reporting-service"})
    void everyConfiguredTopicExistsAndTheServiceMayUseIt(String service) throws IOException {
        Properties props = new Properties();
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        }
        List<ObjectNode> objects = Kustomize.build(OverlaysTest.KUBERNETES.resolve("overlays/production"));
        Set<String> topics = new TreeSet<>();
        Policy.ofKind(objects, "KafkaTopic").forEach(t -> topics.add(t.path("metadata").path("name").asText()));
        ObjectNode user = Policy.ofKind(objects, "KafkaUser").stream()
                .filter(u -> service.equals(u.path("metadata").path("name").asText())).findFirst().orElseThrow();

        List<String> problems = new ArrayList<>();
        String defaultGroup = props.getProperty("mp.messaging.connector.smallrye-kafka.group.id",
                props.getProperty("quarkus.application.name", service));
        int channels = 0;
        for (String key : props.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (!m.matches() || !"connector".equals(m.group(3))) {
                continue;
            }
            channels++;
            String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
            String topic = props.getProperty(prefix + "topic", m.group(2));
            if ("incoming".equals(m.group(1))) {
                need(topics, user, "topic", topic, "Read", problems);
                String group = props.getProperty(prefix + "group.id", defaultGroup);
                need(null, user, "group", group, "Read", problems);
                String failure = props.getProperty(prefix + "failure-strategy",
                        props.getProperty("mp.messaging.connector.smallrye-kafka.failure-strategy", "fail"));
                if ("dead-letter-queue".equals(failure)) {
                    String dlq = props.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2));
                    need(topics, user, "topic", dlq, "Write", problems);
                }
            } else {
                need(topics, user, "topic", topic, "Write", problems);
            }
        }
        assertEquals(List.of(), problems, () -> service + ":\n  " + String.join("\n  ", problems));
        // reporting-service is fed only by events: finding no channel means this test reads nothing.
        assertTrue(!"reporting-service".equals(service) || channels >= 2, "no Kafka channel found in " + file);
    }

    private static void need(Set<String> topics, JsonNode user, String type, String name, String operation,
                             List<String> problems) {
        if (topics != null && !topics.contains(name)) {
            problems.add("no KafkaTopic " + name);
        }
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode res = acl.path("resource");
            if (type.equals(res.path("type").asText()) && name.equals(res.path("name").asText())
                    && acl.path("operations").toString().contains("\"" + operation + "\"")) {
                return;
            }
        }
        problems.add("KafkaUser " + user.path("metadata").path("name").asText() + " may not " + operation + " "
                + type + " " + name);
    }
}
