-- Up Migration

-- The case projection: one row per case, rewritten by the workflow after every event.
-- "version" is the workflow's event sequence; an older write never overwrites a newer one.
CREATE TABLE cases (
  id              uuid PRIMARY KEY,
  status          text        NOT NULL,
  version         integer     NOT NULL,
  unit_id         uuid,
  coordinator_id  uuid,
  caseworker_id   text,
  received_on     date        NOT NULL,
  registered_at   timestamptz NOT NULL,
  next_deadline   timestamptz,
  view            jsonb       NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_status_idx ON cases (status);
CREATE INDEX cases_unit_idx ON cases (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX cases_coordinator_idx ON cases (coordinator_id) WHERE coordinator_id IS NOT NULL;
CREATE INDEX cases_next_deadline_idx ON cases (next_deadline) WHERE next_deadline IS NOT NULL;

-- The append-only event log: who did what, when. (case_id, seq) is the business key that
-- makes a retried write a no-op.
CREATE TABLE case_events (
  case_id     uuid        NOT NULL,
  seq         integer     NOT NULL,
  type        text        NOT NULL,
  actor       text        NOT NULL,
  request_id  text,
  occurred_at timestamptz NOT NULL,
  data        jsonb       NOT NULL,
  PRIMARY KEY (case_id, seq)
);

-- Letters to the family, stored as written. The id is chosen by the workflow.
CREATE TABLE letters (
  id          uuid PRIMARY KEY,
  case_id     uuid        NOT NULL,
  kind        text        NOT NULL,
  title       text        NOT NULL,
  body        jsonb       NOT NULL,
  html        text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX letters_case_idx ON letters (case_id, created_at);

-- Reminder and escalation outbox. The key is computed in the workflow
-- (e.g. "reminder:<case>:<step>:<since>") so a repeated write never makes a second row.
CREATE TABLE reminders (
  key          text PRIMARY KEY,
  case_id      uuid        NOT NULL,
  level        text        NOT NULL CHECK (level IN ('reminder', 'escalation')),
  kind         text        NOT NULL,
  recipient    text        NOT NULL,
  due_at       timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  status       text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts     integer     NOT NULL DEFAULT 0,
  sent_at      timestamptz
);
CREATE INDEX reminders_pending_idx ON reminders (created_at) WHERE status = 'pending';
CREATE INDEX reminders_case_idx ON reminders (case_id);
CREATE INDEX reminders_recipient_idx ON reminders (recipient, created_at);

-- Idempotency for POST /cases: one key, one case.
CREATE TABLE case_requests (
  idempotency_key text PRIMARY KEY,
  case_id         uuid        NOT NULL,
  body_hash       text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- The registry of service units (tjenestested) and their coordinators.
CREATE TABLE units (
  id          uuid PRIMARY KEY,
  name        text        NOT NULL UNIQUE,
  sector      text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coordinators (
  id          uuid PRIMARY KEY,
  unit_id     uuid        NOT NULL REFERENCES units (id),
  name        text        NOT NULL,
  email       text        NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coordinators_unit_idx ON coordinators (unit_id);

-- Down Migration
DROP TABLE coordinators;
DROP TABLE units;
DROP TABLE case_requests;
DROP TABLE reminders;
DROP TABLE letters;
DROP TABLE case_events;
DROP TABLE cases;
