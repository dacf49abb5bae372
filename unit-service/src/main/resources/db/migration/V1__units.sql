CREATE TABLE unit (
    id           uuid PRIMARY KEY,
    name         varchar(255) NOT NULL,
    name_folded  varchar(255) NOT NULL,
    kind         varchar(32)  NOT NULL,
    level        varchar(16)  NOT NULL,
    parent_id    uuid REFERENCES unit (id),
    code         varchar(32),
    valid_from   date NOT NULL,
    valid_to     date,
    version      bigint NOT NULL DEFAULT 0,
    created_by   varchar(255) NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_by   varchar(255) NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_parent ON unit (parent_id);
CREATE INDEX unit_code ON unit (code);
