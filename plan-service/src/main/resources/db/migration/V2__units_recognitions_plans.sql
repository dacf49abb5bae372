-- plan-service's own copy of the unit tree, fed by the units topic: each unit's full history of periods.
CREATE TABLE unit_ref (
    id          uuid PRIMARY KEY,
    revision    bigint,
    kind        varchar(32),
    code        varchar(64),
    valid_from  date,
    valid_to    date,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE unit_period (
    unit_id    uuid NOT NULL REFERENCES unit_ref (id) ON DELETE CASCADE,
    from_date  date NOT NULL,
    to_date    date,
    name       varchar(500),
    parent_id  uuid,
    level      varchar(16),
    kind       varchar(32),
    code       varchar(64),
    PRIMARY KEY (unit_id, from_date)
);
CREATE INDEX unit_period_parent ON unit_period (parent_id);

-- The registration form of a model, and who changed it last.
ALTER TABLE model
    ADD COLUMN situation        text,
    ADD COLUMN goals            text,
    ADD COLUMN content          text,
    ADD COLUMN beneficiaries    text,
    ADD COLUMN lead_forces      text,
    ADD COLUMN partner_forces   text,
    ADD COLUMN resources        text,
    ADD COLUMN timeline         text,
    ADD COLUMN expected_results text,
    ADD COLUMN updated_by       varchar(255),
    ADD COLUMN updated_at       timestamptz;
CREATE INDEX model_field ON model (field, registered_on);

CREATE TABLE recognition (
    id             uuid PRIMARY KEY,
    model_id       uuid NOT NULL REFERENCES model (id),
    level          varchar(16) NOT NULL,
    recognized_on  date NOT NULL,
    decision_ref   varchar(200) NOT NULL,
    created_by     varchar(255) NOT NULL,
    created_at     timestamptz NOT NULL,
    UNIQUE (model_id, level, decision_ref)
);

-- A plan is one aggregate: tasks, signing, reviews and amendments are kept with it as JSON documents.
CREATE TABLE plan (
    id                uuid PRIMARY KEY,
    title             varchar(500) NOT NULL,
    document_number   varchar(100),
    owner_unit_id     uuid NOT NULL,
    partner_unit_ids  jsonb NOT NULL DEFAULT '[]',
    year              integer,
    start_date        date NOT NULL,
    end_date          date NOT NULL,
    status            varchar(16) NOT NULL,
    tasks             jsonb NOT NULL DEFAULT '[]',
    signing           jsonb,
    reviews           jsonb NOT NULL DEFAULT '[]',
    amendments        jsonb NOT NULL DEFAULT '[]',
    version           bigint NOT NULL DEFAULT 0,
    created_by        varchar(255) NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_by        varchar(255),
    updated_at        timestamptz,
    CHECK (end_date >= start_date),
    CHECK (status IN ('DRAFT', 'SIGNED', 'CLOSED', 'CANCELLED'))
);
CREATE INDEX plan_owner ON plan (owner_unit_id, start_date);
CREATE INDEX plan_partners ON plan USING gin (partner_unit_ids);
