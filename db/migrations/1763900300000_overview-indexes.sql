-- Up Migration

-- The worklist filtered by deadline kind, and the cases waiting for a new coordinator
-- (kind = 'reassignment'); due_at and responsible already have their own indexes.
CREATE INDEX case_deadlines_kind_idx ON case_deadlines (kind, due_at);

-- The yearly report: cases by the date of their first decision and first appointment.
CREATE INDEX cases_first_decided_on_idx ON cases (first_decided_on) WHERE first_decided_on IS NOT NULL;
CREATE INDEX cases_first_appointed_on_idx ON cases (first_appointed_on) WHERE first_appointed_on IS NOT NULL;

-- The yearly report counts events by the business date they carry (the date of the decision,
-- of receipt, of the outcome), not by when they were recorded. The dates are ISO strings, so
-- text order is date order.
CREATE INDEX case_events_decided_on_idx ON case_events ((data->>'decidedOn')) WHERE type = 'DecisionRecorded';
CREATE INDEX case_events_complaint_received_idx ON case_events ((data->>'receivedOn')) WHERE type = 'ComplaintReceived';
CREATE INDEX case_events_complaint_outcome_idx ON case_events ((data->>'on')) WHERE type = 'ComplaintOutcomeRecorded';

-- The unit responsible for a case at a given date: its latest appointment event up to then.
CREATE INDEX case_events_appointment_idx ON case_events (case_id, seq)
  WHERE type IN ('CoordinatorAppointed', 'CoordinatorChanged');

-- Down Migration
DROP INDEX case_events_appointment_idx;
DROP INDEX case_events_complaint_outcome_idx;
DROP INDEX case_events_complaint_received_idx;
DROP INDEX case_events_decided_on_idx;
DROP INDEX cases_first_appointed_on_idx;
DROP INDEX cases_first_decided_on_idx;
DROP INDEX case_deadlines_kind_idx;
