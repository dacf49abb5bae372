-- The tree through time: a unit is an identity (id, life span, version); what it is called, where it hangs and what
-- it is live in unit_period, one row per span of days in which nothing about it changed. "valid_to" is the last day
-- (inclusive); null means open.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE unit (
    id           uuid PRIMARY KEY,
    valid_from   date NOT NULL,
    valid_to     date,
    version      bigint NOT NULL DEFAULT 0,
    created_by   varchar(255) NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_by   varchar(255) NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE unit_period (
    id              uuid PRIMARY KEY,
    unit_id         uuid NOT NULL REFERENCES unit (id),
    valid_from      date NOT NULL,
    valid_to        date,
    name            varchar(255) NOT NULL,
    kind            varchar(32)  NOT NULL,
    level           varchar(16)  NOT NULL,
    parent_id       uuid REFERENCES unit (id),
    code            varchar(32),
    former_names    jsonb NOT NULL DEFAULT '[]',
    -- folded (lower case, no marks, đ→d) current and former names: what q= searches
    search_key      text NOT NULL,
    UNIQUE (unit_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- children/subtree as of a date: walk parent_id, keep the period that covers the date
CREATE INDEX unit_period_parent ON unit_period (parent_id, valid_from) INCLUDE (valid_to, unit_id);
CREATE INDEX unit_period_search ON unit_period USING gin (search_key gin_trgm_ops);
CREATE INDEX unit_period_code ON unit_period (code);

-- A code belongs to one unit for ever: unique among units alive together, and never reused by another unit.
CREATE TABLE unit_code (
    code     varchar(32) PRIMARY KEY,
    unit_id  uuid NOT NULL REFERENCES unit (id)
);

CREATE TABLE reorganization (
    id              uuid PRIMARY KEY,
    type            varchar(16) NOT NULL,
    effective_date  date NOT NULL,
    decision_ref    varchar(255),
    request         jsonb NOT NULL,
    result_unit_ids jsonb NOT NULL,
    created_by      varchar(255) NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE lineage (
    reorganization_id uuid NOT NULL REFERENCES reorganization (id),
    predecessor_id    uuid NOT NULL REFERENCES unit (id),
    successor_id      uuid NOT NULL REFERENCES unit (id),
    effective_date    date NOT NULL,
    type              varchar(16) NOT NULL,
    PRIMARY KEY (reorganization_id, predecessor_id, successor_id)
);
CREATE INDEX lineage_predecessor ON lineage (predecessor_id);
CREATE INDEX lineage_successor ON lineage (successor_id);

-- Who changed what and when, for every change (the outbox keeps the events; this keeps the trail).
CREATE TABLE audit_entry (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       varchar(255) NOT NULL,
    action      varchar(64) NOT NULL,
    subject_id  uuid NOT NULL,
    details     jsonb
);
CREATE INDEX audit_entry_subject ON audit_entry (subject_id, at);
