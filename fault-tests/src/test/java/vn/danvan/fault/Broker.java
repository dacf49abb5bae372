package vn.danvan.fault;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What the broker knows about a consumer group: how far behind the end of its topics it is. */
public final class Broker {
    private Broker() {
    }

    /**
     * Messages not yet committed by the group, per partition of the topics (0 everywhere = it has processed, or sent
     * to its dead-letter topic, everything written so far).
     */
    public static Map<String, Long> lag(String bootstrap, String group, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<String, Long> lag = new TreeMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                lag.put(partition.toString(), end.offset() - (done == null ? 0 : done.offset()));
            });
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the lag of " + group + ": " + e.getMessage(), e);
        }
    }

    public static boolean caughtUp(String bootstrap, String group, List<String> topics) {
        return lag(bootstrap, group, topics).values().stream().allMatch(l -> l <= 0);
    }
}
