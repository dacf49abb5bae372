-- Totals kept above the unit (ADR 0013): a subtree is a set of units a report counts together (a unit's subtree on a
-- structure date, or one branch of it), named by a digest of its members, so that the same set of units, whatever
-- date or report asked for it, shares one set of rows. subtree_rollup holds the counters of a subtree per calendar
-- year (Y), quarter (Q), month (M) and day (D), in the order FactRollup.CELLS defines; a row exists once a report has
-- asked for that bucket (all zeros when nothing was counted) and is then kept by the models consumer.
CREATE TABLE subtree (
    id       uuid PRIMARY KEY,
    size     integer NOT NULL,
    seq      bigserial NOT NULL
);

CREATE TABLE subtree_member (
    unit_id     uuid NOT NULL,
    subtree_id  uuid NOT NULL REFERENCES subtree (id) ON DELETE CASCADE,
    PRIMARY KEY (unit_id, subtree_id)
);
CREATE INDEX subtree_member_subtree ON subtree_member (subtree_id);

CREATE TABLE subtree_rollup (
    subtree_id  uuid NOT NULL REFERENCES subtree (id) ON DELETE CASCADE,
    grain       text NOT NULL CHECK (grain IN ('Y', 'Q', 'M', 'D')),
    bucket      date NOT NULL,
    counts      integer[] NOT NULL,
    PRIMARY KEY (subtree_id, grain, bucket)
);
