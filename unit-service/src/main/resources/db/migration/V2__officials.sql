CREATE TABLE official (
    id          uuid PRIMARY KEY,
    full_name   varchar(255) NOT NULL,
    name_folded varchar(255) NOT NULL,
    position    varchar(255) NOT NULL,
    unit_id     uuid NOT NULL REFERENCES unit (id),
    username    varchar(255),
    valid_from  date NOT NULL,
    valid_to    date,
    version     bigint NOT NULL DEFAULT 0,
    created_by  varchar(255) NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_by  varchar(255) NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX official_unit ON official (unit_id, valid_from);
CREATE INDEX official_username ON official (username);
