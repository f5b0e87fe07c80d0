-- Up Migration

-- The målform a person chose for the web app (issue #16). No row: the municipality's målform.
-- Keyed as browser sessions are (web_sessions), by municipality and the provider's subject; ''
-- for a subject without a municipality (an operator).
CREATE TABLE user_languages (
  municipality text NOT NULL,
  subject      text NOT NULL,
  language     text NOT NULL CHECK (language IN ('nb', 'nn')),
  changed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality, subject)
);

-- Down Migration
DROP TABLE user_languages;
