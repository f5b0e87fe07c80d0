-- Up Migration

-- The delivery of each letter to the family (workflows/delivery). persistCase writes a
-- 'pending' row in the transaction that writes the letter, so the row is an outbox: the worker's
-- delivery starter (worker/delivery-starter.ts) starts one delivery workflow per pending row,
-- and a crash anywhere loses nothing. The workflow moves the row on:
--   pending -> by_hand                        (SvarUt not configured, or no postal address)
--   pending -> sending -> accepted -> delivered_digitally | sent_to_print | read | failed
--   any but read / delivered_digitally -> handed_over   (KE handed it over, POST …/handed-over)
-- received_on is the receipt: the day the letter was delivered digitally or read, the print day
-- plus the days post takes, or the day KE handed it over. The complaint deadline runs from it.
CREATE TABLE letter_deliveries (
  letter_id        uuid PRIMARY KEY REFERENCES letters (id) ON DELETE CASCADE,
  case_id          uuid        NOT NULL,
  municipality     text,
  state            text        NOT NULL DEFAULT 'pending' CHECK (state IN (
                     'pending', 'by_hand', 'sending', 'accepted', 'delivered_digitally',
                     'sent_to_print', 'read', 'failed', 'handed_over')),
  by_hand_reason   text CHECK (by_hand_reason IN ('not_configured', 'no_address')),
  forsendelse_id   text,
  svarut_status    text,
  -- The channel SvarUt took: digital (a mailbox or Altinn) or print.
  channel          text CHECK (channel IN ('digital', 'print')),
  -- From KRR: reserved against digital post, and the language the person prefers (issue #16).
  krr_reserved     boolean,
  preferred_language text,
  received_on      date,
  handed_over_on   date,
  handed_over_how  text CHECK (handed_over_how IN ('personlig', 'post', 'annet')),
  handed_over_by   text,
  handed_over_note text,
  escalated_at     timestamptz,
  attempts         integer     NOT NULL DEFAULT 0,
  workflow_started_at timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX letter_deliveries_case_idx ON letter_deliveries (case_id);
CREATE INDEX letter_deliveries_unstarted_idx ON letter_deliveries (created_at) WHERE workflow_started_at IS NULL;

-- Every status SvarUt reported for a letter, once, as the workflow saw it.
CREATE TABLE letter_delivery_transitions (
  letter_id     uuid        NOT NULL REFERENCES letter_deliveries (letter_id) ON DELETE CASCADE,
  svarut_status text        NOT NULL,
  state         text        NOT NULL,
  changed_at    timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (letter_id, svarut_status, changed_at)
);

-- The family's postal addresses and national identity numbers, per case and addressee (the name
-- the letters give). Letters go through SvarUt only to an addressee found here; nothing fills it
-- from the population register yet.
CREATE TABLE case_contacts (
  case_id       uuid NOT NULL,
  name          text NOT NULL,
  national_id   text CHECK (national_id ~ '^[0-9]{11}$'),
  address_lines text[] NOT NULL DEFAULT '{}',
  postal_code   text NOT NULL,
  city          text NOT NULL,
  country       text,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, name)
);

-- Letters written before deliveries existed were handed over however KE did it then: no row, no workflow.

-- Down Migration
DROP TABLE case_contacts;
DROP TABLE letter_delivery_transitions;
DROP TABLE letter_deliveries;
