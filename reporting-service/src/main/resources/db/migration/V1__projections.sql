-- reporting-service's own copy of the unit tree through time, fed by the units topic. A unit's history is a list of
-- time slices (name, parent, level, kind); an event replaces a unit's whole history when its revision is newer.
CREATE TABLE unit_node (
    id          uuid PRIMARY KEY,
    kind        varchar(32),
    code        varchar(32),
    valid_from  date NOT NULL,
    valid_to    date,
    revision    bigint NOT NULL DEFAULT 0
);

CREATE TABLE unit_period (
    unit_id     uuid NOT NULL REFERENCES unit_node (id) ON DELETE CASCADE,
    valid_from  date NOT NULL,
    valid_to    date,
    name        varchar(255) NOT NULL,
    parent_id   uuid,
    level       varchar(16) NOT NULL,
    kind        varchar(32),
    PRIMARY KEY (unit_id, valid_from)
);
-- Children of a unit as of a date: the recursive subtree walks this index.
CREATE INDEX unit_period_parent ON unit_period (parent_id, valid_from) INCLUDE (unit_id, valid_to, level);

-- Which units became which (merge, split). Only "primary" edges carry history forward: a split predecessor's
-- figures go to its first successor, so nothing is counted twice.
CREATE TABLE unit_lineage (
    predecessor_id  uuid NOT NULL,
    successor_id    uuid NOT NULL,
    effective_date  date NOT NULL,
    type            varchar(16) NOT NULL,
    is_primary      boolean NOT NULL,
    PRIMARY KEY (predecessor_id, successor_id, effective_date)
);
CREATE INDEX unit_lineage_successor ON unit_lineage (successor_id, effective_date);

-- One row per registered model (models topic). No foreign key to the tree: topics arrive in any order, and a fact
-- is counted as soon as its unit is known.
CREATE TABLE model_fact (
    model_id       uuid PRIMARY KEY,
    unit_id        uuid NOT NULL,
    name           varchar(500),
    field          varchar(32) NOT NULL,
    origin         varchar(16) NOT NULL,
    registered_on  date NOT NULL
);
CREATE INDEX model_fact_unit ON model_fact (unit_id, registered_on) INCLUDE (field, origin);

CREATE TABLE recognition_fact (
    recognition_id  uuid PRIMARY KEY,
    model_id        uuid NOT NULL,
    unit_id         uuid NOT NULL,
    level           varchar(16) NOT NULL,
    recognized_on   date NOT NULL,
    decision_ref    varchar(255),
    field           varchar(32),
    origin          varchar(16)
);
CREATE INDEX recognition_fact_unit ON recognition_fact (unit_id, recognized_on) INCLUDE (level, model_id);

-- Coordination plans (plans topic).
CREATE TABLE plan_fact (
    plan_id           uuid PRIMARY KEY,
    title             varchar(1000),
    document_number   varchar(255),
    owner_unit_id     uuid NOT NULL,
    partner_unit_ids  uuid[] NOT NULL DEFAULT '{}',
    year              integer,
    start_date        date,
    end_date          date,
    status            varchar(16) NOT NULL,
    signed_on         date,
    place             varchar(500)
);
CREATE INDEX plan_fact_owner ON plan_fact (owner_unit_id, year);

CREATE TABLE plan_task (
    plan_id              uuid NOT NULL REFERENCES plan_fact (plan_id) ON DELETE CASCADE,
    task_id              uuid NOT NULL,
    title                varchar(1000),
    responsible_unit_id  uuid,
    status               varchar(16) NOT NULL DEFAULT 'NOT_STARTED',
    note                 text,
    PRIMARY KEY (plan_id, task_id)
);

CREATE TABLE plan_review (
    review_id  uuid PRIMARY KEY,
    plan_id    uuid NOT NULL REFERENCES plan_fact (plan_id) ON DELETE CASCADE,
    kind       varchar(16) NOT NULL,
    held_on    date NOT NULL,
    summary    text
);
CREATE INDEX plan_review_plan ON plan_review (plan_id, held_on);

-- Recent projection changes, for the dashboard's timeline.
CREATE TABLE activity (
    event_id    uuid PRIMARY KEY,
    type        varchar(64) NOT NULL,
    subject     uuid NOT NULL,
    unit_id     uuid,
    summary     varchar(1000) NOT NULL,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX activity_time ON activity (occurred_at DESC);
