-- Up Migration

-- Tenancy: every case, unit and coordinator belongs to one municipality (kommunenummer), and
-- every query of the API is scoped to the caller's. A case's municipality comes from the
-- workflow (the view the projection stores), so it cannot drift from the case itself.
ALTER TABLE cases ADD COLUMN municipality text GENERATED ALWAYS AS (view->>'municipality') STORED;
CREATE INDEX cases_municipality_idx ON cases (municipality, registered_at DESC);

ALTER TABLE units ADD COLUMN municipality text NOT NULL DEFAULT '9999';
ALTER TABLE units ALTER COLUMN municipality DROP DEFAULT;
ALTER TABLE units DROP CONSTRAINT units_name_key;
ALTER TABLE units ADD CONSTRAINT units_municipality_name_key UNIQUE (municipality, name);

-- A coordinator signs in with the identity provider's subject, which links the token to the
-- registry entry (and so to the coordinator's own cases).
ALTER TABLE coordinators ADD COLUMN municipality text NOT NULL DEFAULT '9999';
ALTER TABLE coordinators ALTER COLUMN municipality DROP DEFAULT;
ALTER TABLE coordinators ADD COLUMN subject text;
CREATE UNIQUE INDEX coordinators_subject_idx ON coordinators (municipality, subject) WHERE subject IS NOT NULL;

-- Who read or changed which case, when, through which endpoint, and why if a reason was
-- required: the log the family has a right to see (pasientjournalloven § 16,
-- helsepersonelloven § 21a). Written before the case's data is returned; refused attempts too.
CREATE TABLE access_log (
  id           bigserial PRIMARY KEY,
  case_id      uuid        NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  subject      text        NOT NULL,
  roles        text[]      NOT NULL,
  municipality text,
  method       text        NOT NULL,
  route        text        NOT NULL,
  action       text        NOT NULL CHECK (action IN ('read', 'change')),
  granted      boolean     NOT NULL,
  reason       text,
  request_id   text
);
CREATE INDEX access_log_case_idx ON access_log (case_id, at);
CREATE INDEX access_log_subject_idx ON access_log (subject, at);

-- Down Migration
DROP TABLE access_log;
DROP INDEX coordinators_subject_idx;
ALTER TABLE coordinators DROP COLUMN subject, DROP COLUMN municipality;
ALTER TABLE units DROP CONSTRAINT units_municipality_name_key;
ALTER TABLE units ADD CONSTRAINT units_name_key UNIQUE (name);
ALTER TABLE units DROP COLUMN municipality;
DROP INDEX cases_municipality_idx;
ALTER TABLE cases DROP COLUMN municipality;
