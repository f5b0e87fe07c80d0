-- Up Migration

-- Deadlines derived from the child's birth date or the termin ('birth': register the birth of an
-- unborn child after the termin; 'transition_planning': before the right ends at 18 or the
-- extended age) carried that date in their reminder keys, in the worklist's `since` and in the
-- texts of their inbox messages. workflows/case/deadlines.ts now writes opaque values
-- (opaqueSince): 'expected' for the birth, 'age-<age the right ends at>' for the transition. This
-- moves what was written before to the same form:
--   reminder:<case>:birth:2026-05-01             -> reminder:<case>:birth:expected
--   reminder:<case>:transition_planning:2034-03-15[:ke] -> reminder:<case>:transition_planning:age-18[:ke]
-- and gives those inbox messages the generic text of worker/reminder-texts.ts (GENERIC_TEXT),
-- which names neither the kind nor the date. Running workflows still hold the old keys among
-- their fired alerts; deadlines.ts (hasFired, liveAlertKeys) recognises them, so nothing fires twice.

ALTER TABLE inbox DROP CONSTRAINT inbox_reminder_key_fkey;

CREATE TEMP TABLE legacy_reminder_keys ON COMMIT DROP AS
SELECT r.key AS old_key,
       CASE WHEN m.p[3] = 'birth' THEN m.p[1] || ':' || m.p[2] || ':birth:expected' || coalesce(m.p[5], '')
            ELSE m.p[1] || ':' || m.p[2] || ':transition_planning:age-'
                 || coalesce((m.p[4]::int - left(c.view #>> '{request,child,birthDate}', 4)::int)::text, '18')
                 || coalesce(m.p[5], '')
       END AS new_key
  FROM reminders r
  LEFT JOIN cases c ON c.id = r.case_id
 CROSS JOIN LATERAL (SELECT regexp_match(r.key, '^(reminder|escalation):([^:]+):(birth|transition_planning):(\d{4})-\d{2}-\d{2}(:ke)?$') AS p) m
 WHERE m.p IS NOT NULL;

-- An alert already written under both keys (it cannot be fired twice, but to be sure): the old row goes.
DELETE FROM inbox i USING legacy_reminder_keys l
 WHERE i.reminder_key = l.old_key AND EXISTS (SELECT 1 FROM reminders x WHERE x.key = l.new_key);
DELETE FROM reminders r USING legacy_reminder_keys l
 WHERE r.key = l.old_key AND EXISTS (SELECT 1 FROM reminders x WHERE x.key = l.new_key);

UPDATE reminders r SET key = l.new_key FROM legacy_reminder_keys l WHERE r.key = l.old_key;
UPDATE inbox i SET reminder_key = l.new_key FROM legacy_reminder_keys l WHERE i.reminder_key = l.old_key;

ALTER TABLE inbox ADD CONSTRAINT inbox_reminder_key_fkey FOREIGN KEY (reminder_key) REFERENCES reminders (key) ON DELETE CASCADE;

UPDATE inbox i
   SET subject = CASE WHEN r.level = 'escalation' THEN 'Eskalering: en frist i saken må følges opp'
                      ELSE 'Påminnelse: en frist i saken må følges opp' END,
       body = CASE WHEN r.level = 'escalation' THEN E'Eskalering til koordinerende enhet\n\n' ELSE E'Påminnelse\n\n' END
              || E'En frist i saken må følges opp. Hva fristen gjelder og når den er, ser du i saken.\n\n'
              || CASE WHEN r.level = 'escalation' THEN E'Hva koordinerende enhet må gjøre: Følg opp saken med den som er ansvarlig.\n\n' ELSE '' END
              || coalesce(substring(i.body FROM E'Åpne saken: [^\n]*') || E'\n\n', '')
              || E'Meldingen inneholder ingen opplysninger om barnet eller familien; dem finner du i saken.\n'
              || 'Dette er en automatisk melding fra Barnekoordinator og kan ikke besvares.'
  FROM reminders r
 WHERE r.key = i.reminder_key AND r.kind IN ('birth', 'transition_planning');

-- The worklist: one row per case and kind for these two, so the new since cannot collide.
UPDATE case_deadlines SET since = 'expected' WHERE kind = 'birth' AND since <> 'expected';
UPDATE case_deadlines d SET since = 'age-' || coalesce(c.extended_to_age, 18)
  FROM cases c
 WHERE c.id = d.case_id AND d.kind = 'transition_planning' AND d.since ~ '^\d{4}-';

-- Down Migration
-- Nothing to undo: the dates are not put back.
SELECT 1;
