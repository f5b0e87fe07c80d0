-- Up Migration

-- Delivery of the reminder outbox (worker/dispatcher.ts). A row is 'pending' until a
-- dispatcher claims it ('sending', with claimed_at and the claim's token), then 'sent', or back
-- to 'pending' with a later next_attempt_at after a failed attempt, or 'failed' after the last
-- one. A row left in 'sending' longer than the lease (its dispatcher died) is claimed again.
-- attempts counts the attempts begun (it is raised when a row is claimed).
ALTER TABLE reminders
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN claimed_at      timestamptz,
  ADD COLUMN claim_token     uuid,
  ADD COLUMN channel         text CHECK (channel IN ('email', 'inbox')),
  ADD COLUMN last_error      text;
-- Rows written before delivery existed are due since they were written.
UPDATE reminders SET next_attempt_at = created_at;
ALTER TABLE reminders DROP CONSTRAINT reminders_status_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
CREATE INDEX reminders_due_idx ON reminders (next_attempt_at) WHERE status = 'pending';
CREATE INDEX reminders_sending_idx ON reminders (claimed_at) WHERE status = 'sending';

-- The in-app inbox: one message per reminder, for the person or role it is addressed to
-- ('ke', 'caseworker:<id>', 'coordinator:<uuid>'). Written once (the key is the reminder's),
-- whether or not e-mail is configured. Subject and body hold no personal data.
CREATE TABLE inbox (
  reminder_key text PRIMARY KEY REFERENCES reminders (key) ON DELETE CASCADE,
  recipient    text        NOT NULL,
  case_id      uuid        NOT NULL,
  subject      text        NOT NULL,
  body         text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz
);
CREATE INDEX inbox_recipient_idx ON inbox (recipient, created_at DESC);

-- Down Migration
DROP TABLE inbox;
DROP INDEX reminders_sending_idx;
DROP INDEX reminders_due_idx;
UPDATE reminders SET status = 'pending' WHERE status = 'sending';
ALTER TABLE reminders DROP CONSTRAINT reminders_status_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_status_check CHECK (status IN ('pending', 'sent', 'failed'));
ALTER TABLE reminders
  DROP COLUMN last_error, DROP COLUMN channel, DROP COLUMN claim_token, DROP COLUMN claimed_at,
  DROP COLUMN next_attempt_at;
