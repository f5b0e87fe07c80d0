-- Up Migration

-- Browser sign-in (api/plugins/session.ts). A login in progress: the PKCE verifier, state and
-- nonce between /auth/login and /auth/callback, found by the hash of the id in a short-lived
-- cookie and used once.
CREATE TABLE web_logins (
  id_hash       text PRIMARY KEY,
  code_verifier text NOT NULL,
  state         text NOT NULL,
  nonce         text NOT NULL,
  return_to     text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A signed-in browser. Only a SHA-256 hash of the session id is kept: a copy of this table does
-- not let anyone act as the user. The id token is kept for the provider's logout (id_token_hint).
CREATE TABLE web_sessions (
  id_hash      text PRIMARY KEY,
  subject      text NOT NULL,
  name         text NOT NULL,
  roles        text[] NOT NULL,
  municipality text,
  csrf_token   text NOT NULL,
  id_token     text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
CREATE INDEX web_sessions_subject ON web_sessions (subject);

-- Who has which role, for identity providers that carry none (Ansattporten): KE keeps it
-- (AUTH_ROLES_SOURCE=table).
CREATE TABLE user_roles (
  municipality text NOT NULL,
  subject      text NOT NULL,
  name         text NOT NULL,
  roles        text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ke', 'coordinator', 'leader']),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   text NOT NULL,
  PRIMARY KEY (municipality, subject)
);
CREATE INDEX user_roles_subject ON user_roles (subject);

-- Every change to user_roles, a removal included: who changed whose roles, when, to what.
CREATE TABLE user_role_changes (
  id           bigserial PRIMARY KEY,
  municipality text NOT NULL,
  subject      text NOT NULL,
  roles        text[],
  changed_by   text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_role_changes_subject ON user_role_changes (municipality, subject, changed_at);

-- Down Migration
DROP TABLE user_role_changes;
DROP TABLE user_roles;
DROP TABLE web_sessions;
DROP TABLE web_logins;
