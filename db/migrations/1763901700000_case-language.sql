-- Up Migration

-- The målform a family has asked to be written to in (issue #16), where it is not their
-- municipality's: the case workflow does not know of it, letters read it when they are written
-- (activities/letters/sender.ts). No row: the municipality's målform. No foreign key to cases:
-- POST /cases writes the row before the workflow has projected the case.
CREATE TABLE case_language (
  case_id    uuid PRIMARY KEY,
  malform    text NOT NULL CHECK (malform IN ('nb', 'nn')),
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- Every choice, the first included: who, when, and what it became.
CREATE TABLE case_language_changes (
  id         bigserial PRIMARY KEY,
  case_id    uuid NOT NULL,
  malform    text NOT NULL CHECK (malform IN ('nb', 'nn')),
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_language_changes_case_idx ON case_language_changes (case_id, id);

-- Down Migration
DROP TABLE case_language_changes;
DROP TABLE case_language;
