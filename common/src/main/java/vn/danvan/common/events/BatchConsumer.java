package vn.danvan.common.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a consumer of a busy topic does with a batch of messages (channel with {@code batch=true}), written once: every
 * message read into a checked change, their ids recorded in one statement, the changes of first deliveries applied
 * together — one transaction for the batch. Poison messages go to the dead-letter topic after the commit. If the batch
 * fails as a whole, each message is tried alone (as {@link IdempotentConsumer} does) and only those that fail alone
 * are dead-lettered, so a bad message never blocks the partition nor takes good ones with it.
 */
@ApplicationScoped
public class BatchConsumer {
    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    @Inject
    EventReader reader;

    @Inject
    ProcessedEvents processed;

    @Inject
    IdempotentConsumer single;

    @Inject
    DeadLetters deadLetters;

    private record Poison(KafkaRecord<String, String> record, Throwable reason) {
    }

    /** An event and the change it carries (null for types the projection does not keep), checked before any write. */
    public record Read<C>(CloudEvent event, C change) {
    }

    public <C> CompletionStage<Void> consume(String channel, KafkaRecordBatch<String, String> batch,
                                             Function<CloudEvent, C> read, Consumer<List<C>> applyAll) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<Poison> poison = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                poison.clear();
                List<Read<C>> reads = new ArrayList<>();
                for (KafkaRecord<String, String> record : records) {
                    try {
                        CloudEvent event = reader.read(record.getPayload());
                        reads.add(new Read<>(event, read.apply(event)));
                    } catch (EventReader.UnreadableEventException e) {
                        poison.add(new Poison(record, e));
                    }
                }
                applyAll.accept(firstDeliveries(reads));
            });
        } catch (RuntimeException batchFailure) {
            LOG.warnf("a batch of %d messages on %s failed (%s); trying them one by one", records.size(), channel,
                    batchFailure.getMessage());
            poison.clear();
            for (KafkaRecord<String, String> record : records) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> single.once(record.getPayload(), event -> {
                        C change = read.apply(event);
                        if (change != null) {
                            applyAll.accept(List.of(change));
                        }
                    }));
                } catch (RuntimeException failure) {
                    poison.add(new Poison(record, failure));
                }
            }
        }
        String deadLetterTopic = ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class)
                .orElse("dead-letter-topic-" + channel);
        for (Poison p : poison) {
            LOG.warnf("message %s-%d@%d to %s: %s", p.record().getTopic(), p.record().getPartition(), DeadLetters.offset(p.record()),
                    deadLetterTopic, p.reason().getMessage());
            deadLetters.send(deadLetterTopic, p.record(), p.reason());
        }
        return batch.ack();
    }

    /**
     * Records the events' ids in one statement (in the caller's transaction) and returns the changes of the first
     * deliveries, in order: an event seen before, or twice in the list, is left out.
     */
    public <C> List<C> firstDeliveries(List<Read<C>> reads) {
        Set<UUID> first = processed.firstDeliveries(reads.stream().map(Read::event).toList());
        List<C> changes = new ArrayList<>();
        for (Read<C> read : reads) {
            if (first.remove(read.event().id()) && read.change() != null) {
                changes.add(read.change());
            }
        }
        return changes;
    }
}
