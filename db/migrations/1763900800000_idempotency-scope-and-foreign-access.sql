-- Up Migration

-- Idempotency-Keys are the caller's: scoped per municipality and per token subject, so two
-- callers who happen to pick the same key never share a case or a command.
--
-- POST /cases: the key column keeps its form '<municipality>:<key>'; the subject joins it in the
-- primary key. Rows written before this have subject '' and still claim their key for any
-- caller of their municipality (api/routes/cases.ts looks for the caller's row, then that one).
ALTER TABLE case_requests ADD COLUMN subject text NOT NULL DEFAULT '';
ALTER TABLE case_requests DROP CONSTRAINT case_requests_pkey;
ALTER TABLE case_requests ADD PRIMARY KEY (idempotency_key, subject);

-- Commands: one key, one command (which update, on which case, with which body). Written before
-- the update is sent; the update id is derived from the caller's scope and the key, so a repeat
-- is the same Temporal update, and the same key with another command is refused (409).
CREATE TABLE command_requests (
  municipality    text        NOT NULL,
  subject         text        NOT NULL,
  idempotency_key text        NOT NULL,
  command         text        NOT NULL,
  case_id         uuid        NOT NULL,
  body_hash       text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality, subject, idempotency_key)
);

-- Attempts on a case by a caller of another municipality. They are not the family's business
-- (and would show a stranger's subject in the family's access log), but they are a security
-- matter: kept here, one row per caller, case and hour with a count, so a caller hammering a
-- case id adds at most one row an hour.
CREATE TABLE foreign_access_attempts (
  case_id         uuid        NOT NULL,
  subject         text        NOT NULL,
  hour            timestamptz NOT NULL,
  municipality    text,
  roles           text[]      NOT NULL,
  attempts        integer     NOT NULL DEFAULT 1,
  first_at        timestamptz NOT NULL DEFAULT now(),
  last_at         timestamptz NOT NULL DEFAULT now(),
  last_method     text        NOT NULL,
  last_route      text        NOT NULL,
  last_action     text        NOT NULL CHECK (last_action IN ('read', 'change')),
  last_request_id text,
  PRIMARY KEY (case_id, subject, hour)
);
CREATE INDEX foreign_access_attempts_subject_idx ON foreign_access_attempts (subject, hour);

-- What the access log already holds of such attempts moves there.
INSERT INTO foreign_access_attempts (case_id, subject, hour, municipality, roles, attempts, first_at, last_at, last_method, last_route, last_action, last_request_id)
SELECT DISTINCT ON (a.case_id, a.subject, date_trunc('hour', a.at))
       a.case_id, a.subject, date_trunc('hour', a.at), a.municipality, a.roles,
       count(*) OVER w, min(a.at) OVER w, max(a.at) OVER w, a.method, a.route, a.action, a.request_id
  FROM access_log a JOIN cases c ON c.id = a.case_id
 WHERE NOT a.granted AND a.municipality IS DISTINCT FROM c.municipality
WINDOW w AS (PARTITION BY a.case_id, a.subject, date_trunc('hour', a.at))
 ORDER BY a.case_id, a.subject, date_trunc('hour', a.at), a.at DESC, a.id DESC;
DELETE FROM access_log a USING cases c
 WHERE c.id = a.case_id AND NOT a.granted AND a.municipality IS DISTINCT FROM c.municipality;

-- Down Migration
INSERT INTO access_log (case_id, at, subject, roles, municipality, method, route, action, granted, reason, request_id)
SELECT case_id, last_at, subject, roles, municipality, last_method, last_route, last_action, false, NULL, last_request_id
  FROM foreign_access_attempts;
DROP TABLE foreign_access_attempts;
DROP TABLE command_requests;
DELETE FROM case_requests r
 WHERE EXISTS (SELECT 1 FROM case_requests o WHERE o.idempotency_key = r.idempotency_key AND o.created_at < r.created_at);
ALTER TABLE case_requests DROP CONSTRAINT case_requests_pkey;
ALTER TABLE case_requests ADD PRIMARY KEY (idempotency_key);
ALTER TABLE case_requests DROP COLUMN subject;
