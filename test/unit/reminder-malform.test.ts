/**
 * Reminders and escalations in both målformer (issue #16): every deadline kind and level written
 * in bokmål and nynorsk, with no key left in the text, every word in the målform's word list, the
 * sender named when given, and still no personal data or birth-derived date.
 */
import { MALFORMER } from '../../lib/i18n';
import { DEADLINE_KINDS } from '../../api/schemas';
import { reminderText } from '../../worker/reminder-texts';
import { dictionary, misspelt } from '../helpers/spelling';

const CASE = '6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f';
const BASE = 'https://bk.kommune.test';
const KINDS = [...DEADLINE_KINDS, 'some_future_kind'];

describe.each(MALFORMER)('in %s', (malform) => {
  const spell = dictionary(malform);

  test.each(KINDS)('when a reminder and an escalation of %s are written, then no key is missing and every word is in the word list', (kind) => {
    for (const level of ['reminder', 'escalation'] as const) {
      const t = reminderText({ caseId: CASE, level, kind, dueAt: '2026-03-12T08:00:00Z', publicBaseUrl: BASE, malform, municipalityName: 'Fjordvik kommune' });
      const text = `${t.subject}\n${t.body}`;
      expect(text).not.toMatch(/reminder\.|\{\{|undefined|NaN/);
      const words = text.split(`${BASE}/cases/${CASE}`).join(' ').replace('Fjordvik kommune', ' ').replace(/[0-9]+/g, ' ');
      expect(misspelt(spell, malform, words)).toEqual([]);
      expect(t.body).toContain(malform === 'nn' ? 'Koordinerande eining, Fjordvik kommune' : 'Koordinerende enhet, Fjordvik kommune');
    }
  });
});

test('when the same reminder is written in each form, then nynorsk has its own words and the same date', () => {
  const input = { caseId: CASE, level: 'reminder' as const, kind: 'minutes', dueAt: '2026-03-01T08:00:00Z', publicBaseUrl: BASE };
  const nb = reminderText({ ...input, malform: 'nb' });
  const nn = reminderText({ ...input, malform: 'nn' });
  expect(nb.subject).toBe('Påminnelse: referat mangler – frist 1. mars 2026');
  expect(nn.subject).toBe('Påminning: referat manglar – frist 1. mars 2026');
  expect(nn.body).toContain(`Opne saka: ${BASE}/cases/${CASE}`);
  expect(reminderText(input)).toEqual(nb);
});

test('when a birth-derived deadline is written in nynorsk, then it names neither the kind nor the date', () => {
  for (const kind of ['birth', 'own_consent', 'transition_planning']) {
    const t = reminderText({ caseId: CASE, level: 'escalation', kind, dueAt: '2026-05-15T08:00:00Z', publicBaseUrl: BASE, malform: 'nn' });
    expect(t.subject).toBe('Eskalering: ein frist i saka må følgjast opp');
    expect(`${t.subject}\n${t.body}`).not.toMatch(/mai|2026|fødsel|termin|18/);
  }
});
