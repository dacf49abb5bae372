-- reporting-service's own copy of the unit tree (fed by the units topic).
CREATE TABLE unit_node (
    id          uuid PRIMARY KEY,
    name        varchar(255) NOT NULL,
    level       varchar(16)  NOT NULL,
    parent_id   uuid,
    valid_from  date NOT NULL,
    valid_to    date
);
CREATE INDEX unit_node_parent ON unit_node (parent_id, valid_from);

-- One row per registered model (fed by the models topic). No foreign key to unit_node: events of different
-- topics arrive in any order, and a fact is counted as soon as its unit is known.
CREATE TABLE model_fact (
    model_id       uuid PRIMARY KEY,
    unit_id        uuid NOT NULL,
    field          varchar(32) NOT NULL,
    origin         varchar(16) NOT NULL,
    registered_on  date NOT NULL
);
CREATE INDEX model_fact_unit ON model_fact (unit_id, registered_on);
