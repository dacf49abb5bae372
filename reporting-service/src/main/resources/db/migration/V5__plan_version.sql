-- Bumped in the transaction of every plan event the projection applies (and by a rebuild's swap), so that plan
-- reports computed before it are not reused after it (PlanReportQuery). Plans change a few times a year per unit;
-- dashboards ask for the same plan status many times a day.
CREATE TABLE plan_version (
    id       integer PRIMARY KEY CHECK (id = 1),
    version  bigint NOT NULL
);
INSERT INTO plan_version VALUES (1, 0);
