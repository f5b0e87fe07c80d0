-- Up Migration

-- Columns the KE overview and the yearly report read, kept by the same projection write.
ALTER TABLE cases
  ADD COLUMN substitute_id      uuid,
  ADD COLUMN decision_outcome   text,
  ADD COLUMN first_decided_on   date,
  ADD COLUMN first_appointed_on date,
  ADD COLUMN closure_reason     text,
  ADD COLUMN closed_on          date,
  ADD COLUMN extended_to_age    integer;
CREATE INDEX cases_substitute_idx ON cases (substitute_id) WHERE substitute_id IS NOT NULL;
CREATE INDEX cases_received_on_idx ON cases (received_on);
CREATE INDEX cases_closed_on_idx ON cases (closed_on) WHERE closed_on IS NOT NULL;

-- Every open deadline of every case, replaced on each projection write: the worklist.
CREATE TABLE case_deadlines (
  case_id     uuid        NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind        text        NOT NULL,
  since       text        NOT NULL,
  due_at      timestamptz NOT NULL,
  responsible text        NOT NULL,
  PRIMARY KEY (case_id, kind, since)
);
CREATE INDEX case_deadlines_due_idx ON case_deadlines (due_at);
CREATE INDEX case_deadlines_responsible_idx ON case_deadlines (responsible, due_at);

CREATE INDEX case_events_type_idx ON case_events (type, occurred_at);

-- Down Migration
DROP INDEX case_events_type_idx;
DROP TABLE case_deadlines;
DROP INDEX cases_closed_on_idx;
DROP INDEX cases_received_on_idx;
DROP INDEX cases_substitute_idx;
ALTER TABLE cases
  DROP COLUMN substitute_id, DROP COLUMN decision_outcome, DROP COLUMN first_decided_on,
  DROP COLUMN first_appointed_on, DROP COLUMN closure_reason, DROP COLUMN closed_on,
  DROP COLUMN extended_to_age;
