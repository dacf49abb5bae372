-- Shared by every service (flyway location db/common). Shape of the Debezium outbox so a province can swap
-- our relay for Debezium CDC: id, aggregatetype (= topic), aggregateid (= key), type, payload, timestamp.
CREATE TABLE outbox_event (
    id             uuid PRIMARY KEY,
    seq            bigserial NOT NULL UNIQUE,
    aggregatetype  varchar(64)  NOT NULL,
    aggregateid    varchar(64)  NOT NULL,
    type           varchar(64)  NOT NULL,
    payload        jsonb        NOT NULL,
    timestamp      timestamptz  NOT NULL DEFAULT now(),
    published_at   timestamptz
);
-- The relay only ever looks for what is not yet published, in commit order.
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Processed event ids of every consumer, written in the same transaction as the projection change.
CREATE TABLE processed_event (
    event_id      uuid PRIMARY KEY,
    event_type    varchar(64) NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);
