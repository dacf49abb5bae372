-- The lineage of the unit tree, from the data.lineage edges of unit-reorganized: "predecessor became (part of)
-- successor on effective_date". Scope follows it: a unit that ended into another (merged, split, dissolved) counts
-- inside every subtree that holds its successor today, so the absorbing unit's officials see its history. An edge is
-- a fact of one reorganisation: recorded once, never changed, whatever order the events arrive in.
CREATE TABLE unit_lineage (
    predecessor_id  uuid NOT NULL,
    successor_id    uuid NOT NULL,
    effective_date  date NOT NULL,
    type            varchar(16),
    PRIMARY KEY (predecessor_id, successor_id, effective_date)
);
CREATE INDEX unit_lineage_successor ON unit_lineage (successor_id, predecessor_id);
