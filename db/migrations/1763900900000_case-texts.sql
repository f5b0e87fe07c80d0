-- Up Migration

-- Long texts a case accumulates (the reasons of each decision and complaint outcome), kept here
-- rather than in the workflow's state; the API puts them back into the case view. A text is
-- written once, by its key (e.g. "decision:<letter id>"), and never changed.
CREATE TABLE case_texts (
  case_id uuid NOT NULL,
  key     text NOT NULL,
  text    text NOT NULL,
  PRIMARY KEY (case_id, key)
);

-- Down Migration
DROP TABLE case_texts;
