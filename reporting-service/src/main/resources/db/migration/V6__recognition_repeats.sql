-- A model may be recognised at the same level more than once (another decision, another year). groupBy=recognitionLevel
-- counts the models recognised at a level in a period, once each: the recognitions, which the rollup keeps, less those
-- whose model was recognised at that level earlier in the same period. previous_on is the day of the model's
-- recognition at the same level just before this one (ordered by day, then id), null for the first; kept by the models
-- consumer, and only the few repeated recognitions are indexed.
ALTER TABLE recognition_fact ADD COLUMN previous_on date;

UPDATE recognition_fact r SET previous_on = x.previous_on
FROM (SELECT * FROM (SELECT recognition_id, lag(recognized_on) OVER (PARTITION BY model_id, level
                                                                     ORDER BY recognized_on, recognition_id) AS previous_on
                     FROM recognition_fact) y
      WHERE previous_on IS NOT NULL) x
WHERE r.recognition_id = x.recognition_id;

CREATE INDEX recognition_fact_repeat ON recognition_fact (unit_id, recognized_on) INCLUDE (previous_on, level, origin)
    WHERE previous_on IS NOT NULL;

-- Bumped in the transaction of every batch that moves a repeat (a mark set or changed, or a model with repeats
-- corrected), and by a rebuild's swap: the repeats a report subtracts are kept in memory until it moves.
CREATE TABLE repeat_version (
    id       integer PRIMARY KEY CHECK (id = 1),
    version  bigint NOT NULL
);
INSERT INTO repeat_version VALUES (1, 0);
