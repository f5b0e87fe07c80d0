-- Up Migration

-- A letter's PDF, rendered once on its first download (api/routes/letters.ts) and served from
-- here afterwards. NULL until then; letters written before this column have none yet either.
ALTER TABLE letters ADD COLUMN pdf bytea;

-- Down Migration
ALTER TABLE letters DROP COLUMN pdf;
