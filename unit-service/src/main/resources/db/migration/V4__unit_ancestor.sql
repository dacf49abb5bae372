-- Subtrees through time, flattened (a closure table through time, ADR 0010): on every day from valid_from to
-- valid_to (inclusive; null = open), ancestor_id lies depth steps above descendant_id (depth 0: the unit itself), and
-- the row carries the descendant as GET /api/units/{id} shows it on those days (its period's name, kind, level,
-- parent, code and former names; its life span and version), so that a subtree as of a date is one index range
-- of one table, no join, no walk.
-- Rows are derived from unit and unit_period alone and kept canonical: one row per (descendant period, ancestor,
-- depth) span, adjacent spans merged, so the rows of a unit never depend on how its ancestors' periods are cut (a
-- rename touches the renamed unit's rows only). They are rewritten in the transaction of every change of a unit
-- (unit_ancestor_refresh); the recursive walk of unit_period stays the reference the table is tested against.
-- No foreign keys: a derived table, rewritten as a whole for the units a change touches.
CREATE TABLE unit_ancestor (
    ancestor_id     uuid         NOT NULL,
    descendant_id   uuid         NOT NULL,
    depth           smallint     NOT NULL,
    valid_from      date         NOT NULL,
    valid_to        date,
    name            varchar(255) NOT NULL,
    kind            varchar(32)  NOT NULL,
    level           varchar(16)  NOT NULL,
    parent_id       uuid,
    code            varchar(32),
    former_names    jsonb        NOT NULL,
    unit_valid_from date         NOT NULL,
    unit_valid_to   date,
    version         bigint       NOT NULL,
    PRIMARY KEY (descendant_id, depth, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
-- A subtree as of a date: one range of this index (rows that ended before the date are skipped in the index);
-- a rebuild writes the rows in this order, so the range's rows lie together in the table too.
CREATE INDEX unit_ancestor_subtree ON unit_ancestor (ancestor_id, valid_from) INCLUDE (valid_to);

-- The rows of the given units as descendants (all units when units is null): from each of their periods, walk up
-- through the periods of the ancestors, intersecting the days at each step; merge adjacent spans of the same
-- (period, ancestor, depth); attach what the descendant's period and unit say.
CREATE FUNCTION unit_ancestor_rows(units uuid[]) RETURNS SETOF unit_ancestor
    LANGUAGE sql STABLE AS
$$
WITH RECURSIVE up (period_id, descendant_id, ancestor_id, depth, valid_from, valid_to) AS (
    SELECT p.id, p.unit_id, p.unit_id, 0, p.valid_from, coalesce(p.valid_to, DATE 'infinity')
    FROM unit_period p WHERE units IS NULL OR p.unit_id = ANY (units)
    UNION ALL
    SELECT up.period_id, up.descendant_id, p.parent_id, up.depth + 1, greatest(up.valid_from, p.valid_from),
           least(up.valid_to, coalesce(p.valid_to, DATE 'infinity'))
    FROM up JOIN unit_period p ON p.unit_id = up.ancestor_id AND p.parent_id IS NOT NULL
        AND p.valid_from <= up.valid_to AND coalesce(p.valid_to, DATE 'infinity') >= up.valid_from
    WHERE up.depth < 64
), starts AS (
    SELECT up.*, CASE WHEN lag(up.valid_to) OVER w = up.valid_from - 1 THEN 0 ELSE 1 END AS starts
    FROM up WINDOW w AS (PARTITION BY up.period_id, up.depth, up.ancestor_id ORDER BY up.valid_from)
), islands AS (
    SELECT s.*, sum(s.starts) OVER (PARTITION BY s.period_id, s.depth, s.ancestor_id ORDER BY s.valid_from) AS island
    FROM starts s
), spans AS (
    SELECT i.period_id, i.descendant_id, i.ancestor_id, i.depth, min(i.valid_from) AS valid_from,
           max(i.valid_to) AS valid_to
    FROM islands i
    GROUP BY i.period_id, i.descendant_id, i.depth, i.ancestor_id, i.island
)
SELECT s.ancestor_id, s.descendant_id, s.depth::smallint, s.valid_from, nullif(s.valid_to, DATE 'infinity'),
       p.name, p.kind, p.level, p.parent_id, p.code, p.former_names, u.valid_from, u.valid_to, u.version
FROM spans s JOIN unit_period p ON p.id = s.period_id JOIN unit u ON u.id = s.descendant_id
$$;

-- After a change, its periods and units written: rewrites the rows of the units it changed in any way ("touched":
-- created, renamed, corrected, moved, ended, or only given a new version) and, for the units whose place in the
-- tree changed from date "since" on ("reshaped": created, moved, ended), the rows of every unit that lay under one
-- of them on or after that date. Changes of units take this lock before they read the tree, so refreshes run one
-- after the other, each seeing the changes committed before it. Returns the number of rows written.
CREATE FUNCTION unit_ancestor_refresh(touched uuid[], reshaped uuid[], since date) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    affected uuid[];
    written  integer;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('unit_ancestor'));
    SELECT array_agg(DISTINCT id) INTO affected FROM (
        SELECT unnest(touched) AS id
        UNION ALL
        SELECT unnest(reshaped)
        UNION ALL
        SELECT a.descendant_id FROM unit_ancestor a
        WHERE a.ancestor_id = ANY (reshaped) AND (a.valid_to IS NULL OR a.valid_to >= since)
    ) ids;
    IF affected IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM unit_ancestor WHERE descendant_id = ANY (affected);
    INSERT INTO unit_ancestor SELECT * FROM unit_ancestor_rows(affected);
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

-- The whole table from the period table: the backfill below, and bulk loads that write unit_period directly.
CREATE FUNCTION unit_ancestor_rebuild() RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    written bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('unit_ancestor'));
    TRUNCATE unit_ancestor;
    INSERT INTO unit_ancestor SELECT * FROM unit_ancestor_rows(NULL) r ORDER BY r.ancestor_id, r.valid_from;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

SELECT unit_ancestor_rebuild();
