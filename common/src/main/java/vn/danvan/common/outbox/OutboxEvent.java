package vn.danvan.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** One event waiting to be relayed: the Debezium outbox shape (aggregatetype is the topic, aggregateid the key). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    private UUID id;

    @Column(name = "aggregatetype", nullable = false)
    private String aggregateType;

    @Column(name = "aggregateid", nullable = false)
    private String aggregateId;

    @Column(nullable = false)
    private String type;

    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private String payload;

    @Column(name = "timestamp", nullable = false)
    private Instant timestamp;

    protected OutboxEvent() {
    }

    OutboxEvent(UUID id, String aggregateType, String aggregateId, String type, String payload, Instant timestamp) {
        this.id = id;
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.type = type;
        this.payload = payload;
        this.timestamp = timestamp;
    }

    public UUID id() {
        return id;
    }

    public String type() {
        return type;
    }
}
