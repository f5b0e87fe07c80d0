-- Up Migration

-- A case shown in a list with the child's name (GET /cases?withChild=true, the worklist) or found
-- by a search is a read of the child's personal data, and goes to the case's access log. The web
-- app polls its lists every 30 seconds: such a read is logged once per case, subject, reason and
-- Oslo calendar day, its first time that day. `day` is set only on these rows; every other row
-- (reading the case itself, a change, a refusal) keeps NULL and is never merged.
ALTER TABLE access_log ADD COLUMN day date;
CREATE UNIQUE INDEX access_log_daily_idx ON access_log (case_id, subject, reason, day) WHERE day IS NOT NULL;

-- Down Migration
DROP INDEX access_log_daily_idx;
ALTER TABLE access_log DROP COLUMN day;
