CREATE TABLE model (
    id                  uuid PRIMARY KEY,
    name                varchar(500) NOT NULL,
    unit_id             uuid NOT NULL,
    field               varchar(32) NOT NULL,
    origin              varchar(16) NOT NULL,
    replicated_from_id  uuid REFERENCES model (id),
    collective          boolean NOT NULL DEFAULT false,
    registered_on       date NOT NULL,
    description         text,
    version             bigint NOT NULL DEFAULT 0,
    created_by          varchar(255) NOT NULL,
    created_at          timestamptz NOT NULL,
    CHECK (origin = 'REPLICATED' OR replicated_from_id IS NULL)
);
CREATE INDEX model_unit ON model (unit_id, registered_on);
