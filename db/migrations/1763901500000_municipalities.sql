-- Up Migration

-- The municipality register: per kommunenummer what its letters, reminders and reports say
-- about it (name, KE's addresses, letterhead), the målform it writes in, where complaints go,
-- and its case policy (deadlines; workflows/case/policy.ts). A municipality without a row is
-- written for with the deployment's environment settings (MUNICIPALITY_NAME, KE_POSTAL_ADDRESS,
-- KE_EMAIL, CASE_POLICY). `version` counts the changes, for If-Match.
CREATE TABLE municipalities (
  number             text PRIMARY KEY CHECK (number ~ '^[0-9]{4}$'),
  name               text NOT NULL,
  ke_postal_address  text NOT NULL,
  ke_visiting_address text,
  ke_email           text,
  ke_phone           text,
  letterhead_name    text NOT NULL,
  letterhead_logo    text,
  malform            text NOT NULL CHECK (malform IN ('nb', 'nn')),
  complaint_address  text NOT NULL,
  case_policy        jsonb NOT NULL DEFAULT '{}',
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         text NOT NULL
);

-- Every change, the first registration included: who, when, and the settings it left.
CREATE TABLE municipality_changes (
  id           bigserial PRIMARY KEY,
  municipality text NOT NULL REFERENCES municipalities (number),
  version      integer NOT NULL,
  settings     jsonb NOT NULL,
  changed_by   text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality, version)
);

-- Down Migration
DROP TABLE municipality_changes;
DROP TABLE municipalities;
