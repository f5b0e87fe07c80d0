-- Up Migration

-- A coordinator's leave or departure. The fan-out workflow signals every open case of the
-- coordinator; fanned_out_at records that it finished, and how many cases it reached.
CREATE TABLE absences (
  id              uuid PRIMARY KEY,
  coordinator_id  uuid        NOT NULL REFERENCES coordinators (id),
  kind            text        NOT NULL CHECK (kind IN ('leave', 'departure')),
  from_date       date        NOT NULL,
  until_date      date,
  substitute_id   uuid        REFERENCES coordinators (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  fanned_out_at   timestamptz,
  cases_signalled integer
);
CREATE INDEX absences_coordinator_idx ON absences (coordinator_id, from_date);

-- Down Migration
DROP TABLE absences;
