-- Up Migration

-- The case search (GET /cases?q=…&birthDate=…) by the child's name, a case-insensitive
-- substring, and by the birth date, both from the case view. A substring match (ILIKE '%…%')
-- can use only a trigram index; pg_trgm is a trusted extension (PostgreSQL 13+), so the
-- database's owner may create it. An unborn child has a termin, not a birth date, and is found
-- by name only.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX cases_child_name_trgm_idx ON cases USING gin (lower(view #>> '{request,child,name}') gin_trgm_ops);
CREATE INDEX cases_child_birth_date_idx ON cases ((view #>> '{request,child,birthDate}'));

-- Down Migration
DROP INDEX cases_child_birth_date_idx;
DROP INDEX cases_child_name_trgm_idx;
-- The extension stays: something else may have come to use it.
