package vn.danvan.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.function.Consumer;

/**
 * What every consumer does with a message, written once: read the CloudEvent (an unreadable one is a poison message
 * for the dead-letter topic), record its id, and apply it only on its first delivery — all in the caller's
 * transaction, so the projection change and the record of the event commit together.
 */
@ApplicationScoped
public class IdempotentConsumer {
    @Inject
    EventReader reader;

    @Inject
    ProcessedEvents processed;

    @Transactional(Transactional.TxType.MANDATORY)
    public void once(String message, Consumer<CloudEvent> apply) {
        CloudEvent event = reader.read(message);
        if (processed.firstDelivery(event)) {
            apply.accept(event);
        }
    }
}
