-- Lists in Vietnamese order can walk this index and stop at the page instead of sorting every match
-- (only where the server has ICU; elsewhere the service sorts in Java).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'vi-x-icu') THEN
        EXECUTE 'CREATE INDEX unit_period_name_vi ON unit_period ((name COLLATE "vi-x-icu"), unit_id)';
    END IF;
END
$$;
