-- The facts of each unit counted per calendar year (grain Y), quarter (Q) and month (M), kept by the models consumer
-- in the same transaction as the facts (ADR 0012). counts holds one counter per cell, in the order FactRollup.CELLS
-- defines: registrations (all, by origin, by field, by field and origin), then per recognition level (all, by field,
-- by origin). bucket is the first day of the year, quarter or month. Facts recorded before this table existed are
-- counted at start-up (FactRollup.countExistingFacts).
CREATE TABLE fact_rollup (
    unit_id  uuid NOT NULL,
    grain    text NOT NULL CHECK (grain IN ('Y', 'Q', 'M')),
    bucket   date NOT NULL,
    counts   integer[] NOT NULL,
    PRIMARY KEY (unit_id, grain, bucket)
);

-- Bumped in the transaction of every change of the tree (unit_period, unit_lineage), so that subtrees computed
-- before it are not reused after it (Structure.members).
CREATE TABLE tree_version (
    id       integer PRIMARY KEY CHECK (id = 1),
    version  bigint NOT NULL
);
INSERT INTO tree_version VALUES (1, 0);
