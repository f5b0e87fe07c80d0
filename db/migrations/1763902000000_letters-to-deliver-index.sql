-- Up Migration

-- KE's worklist reads the letters KE must see delivered (api/repositories/overview.ts
-- lettersToDeliver) on every poll: a partial index holds only those, so the read does not scan
-- every delivery a municipality ever made. The predicate is the query's, word for word.
CREATE INDEX letter_deliveries_to_deliver_idx ON letter_deliveries (case_id)
  WHERE (state IN ('by_hand', 'failed')
         OR (escalated_at IS NOT NULL AND state IN ('pending', 'sending', 'accepted')));

-- Down Migration
DROP INDEX letter_deliveries_to_deliver_idx;
