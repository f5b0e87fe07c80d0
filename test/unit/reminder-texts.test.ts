/** The words of reminders and escalations (worker/reminder-texts.ts): pure, no server. */
import { GENERIC_TEXT, caseLink, dueDateText, osloTimeText, reminderText } from '../../worker/reminder-texts';
import { revealsBirth } from '../../workflows/case/deadlines';
import { messageIdOf } from '../../worker/dispatcher';
import { DEADLINE_KINDS } from '../../api/schemas';

const CASE = '0b6f1c7e-2f4a-4c1d-9a65-3e8f2b7d1a90';
const BASE = 'https://barnekoordinator.kommune.no';
const KINDS = DEADLINE_KINDS;
const all = KINDS.flatMap((kind) =>
  (['reminder', 'escalation'] as const).map((level) => ({ kind, level, ...reminderText({ caseId: CASE, level, kind, dueAt: '2026-02-28T23:30:00Z', publicBaseUrl: BASE }) })),
);

describe('reminder texts', () => {
  test('when a due time is given, then the date is the Oslo calendar date written in Norwegian', () => {
    // 23:30 UTC on 28 February is 00:30 on 1 March in Oslo (UTC+1 in winter).
    expect(dueDateText('2026-02-28T23:30:00Z')).toBe('1. mars 2026');
    expect(dueDateText(new Date('2026-12-24T10:00:00Z'))).toBe('24. desember 2026');
    // Summer time: 22:15 UTC is 00:15 the next day in Oslo (UTC+2).
    expect(dueDateText('2026-06-30T22:15:00Z')).toBe('1. juli 2026');
    expect(osloTimeText('2026-06-30T07:05:00Z')).toBe('09.05');
  });

  test('when a consent reminder is written, then it says what is missing, what to do, by when, and links to the case', () => {
    const t = reminderText({ caseId: CASE, level: 'reminder', kind: 'consent', dueAt: '2026-02-28T23:30:00Z', publicBaseUrl: BASE });
    expect(t.subject).toBe('Påminnelse: samtykke mangler – frist 1. mars 2026');
    expect(t.body).toContain('Samtykke fra familien er ikke registrert i saken. Fristen er 1. mars 2026.');
    expect(t.body).toContain('Hva du må gjøre innen 1. mars 2026: Innhent samtykke fra familien');
    expect(t.body).toContain(`Åpne saken: ${BASE}/cases/${CASE}`);
  });

  test('when a deadline is escalated, then the text is addressed to KE and says the deadline was missed', () => {
    const t = reminderText({ caseId: CASE, level: 'escalation', kind: 'minutes', dueAt: '2026-03-10T08:00:00Z', publicBaseUrl: BASE });
    expect(t.subject).toBe('Eskalering: referat mangler – fristen 10. mars 2026 er oversittet');
    expect(t.body).toMatch(/^Eskalering til koordinerende enhet/);
    expect(t.body).toContain('Fristen var 10. mars 2026, og den er oversittet.');
    expect(t.body).toContain('Hva koordinerende enhet må gjøre: Følg opp saken med den som er ansvarlig');
    const reassignment = reminderText({ caseId: CASE, level: 'escalation', kind: 'reassignment', dueAt: '2026-03-10T08:00:00Z', publicBaseUrl: BASE });
    expect(reassignment.body).toContain('Hva koordinerende enhet må gjøre: Oppnevn ny barnekoordinator i saken');
  });

  test('when a meeting is coming, then the reminder gives its date and Oslo time', () => {
    const t = reminderText({ caseId: CASE, level: 'reminder', kind: 'meeting', dueAt: '2026-03-12T08:00:00Z', publicBaseUrl: BASE });
    expect(t.subject).toBe('Påminnelse: ansvarsgruppemøte 12. mars 2026 kl. 09.00');
    expect(t.body).toContain('Møtet er 12. mars 2026 kl. 09.00.');
    expect(t.body).toContain('Send innkalling');
  });

  test('when any kind and level is written, then each has its own subject, the link and the date, in Norwegian', () => {
    const told = all.filter((t) => !revealsBirth(t.kind));
    for (const t of told) {
      expect(t.body).toContain(`${BASE}/cases/${CASE}`);
      expect(`${t.subject}\n${t.body}`).toContain('1. mars 2026');
      expect(t.subject).toMatch(/^(Påminnelse|Eskalering): /);
      expect(t.subject).not.toMatch(/frist i saken/);
      expect(t.body).not.toMatch(/undefined|null|NaN|\$\{/);
    }
    expect(new Set(told.map((t) => t.subject)).size).toBe(told.length);
  });

  test('when the deadline comes from the birth date or the termin, then the text is generic: neither the kind nor the date, only the link', () => {
    const generic = all.filter((t) => revealsBirth(t.kind));
    expect(generic.map((t) => t.kind).sort()).toEqual(['birth', 'birth', 'own_consent', 'own_consent', 'transition_planning', 'transition_planning']);
    for (const t of generic) {
      const text = `${t.subject}\n${t.body}`;
      expect(t.subject).toBe(t.level === 'reminder' ? GENERIC_TEXT.reminderSubject : GENERIC_TEXT.escalationSubject);
      expect(t.subject).toMatch(/^(Påminnelse|Eskalering): en frist i saken må følges opp$/);
      expect(t.body).toContain(GENERIC_TEXT.fact);
      expect(t.body).toContain(`Åpne saken: ${BASE}/cases/${CASE}`);
      expect(text).not.toMatch(/\d{4}|mars|fødsel|født|termin|gravid|barsel|18|overgang|alminnelig|slutt/i);
    }
  });

  test('when an unknown kind comes, then a general text still says when and links to the case', () => {
    const t = reminderText({ caseId: CASE, level: 'reminder', kind: 'something_new', dueAt: '2026-02-28T23:30:00Z', publicBaseUrl: BASE });
    expect(t.subject).toBe('Påminnelse: frist i saken – frist 1. mars 2026');
    expect(t.body).toContain(`${BASE}/cases/${CASE}`);
  });

  test('when texts are written, then they carry no personal data: only the case id, the kind and the date go in', () => {
    // The input has no field for a name, birth date, national id or diagnosis, so nothing of the
    // kind can reach the text; the check below guards against words that would hint at them.
    for (const t of all) {
      const text = `${t.subject}\n${t.body}`;
      expect(text).not.toMatch(/\b\d{11}\b/); // fødselsnummer
      expect(text).not.toMatch(/diagnos|sykdom|funksjonsevne|fødselsnummer|personnummer/i);
      expect(text).not.toMatch(/@/); // no e-mail address
      // The only long hex/uuid-like token is the case id in the link.
      expect(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)).toEqual([CASE]);
    }
  });

  test('when the base URL ends with a slash, then the link has no double slash', () => {
    expect(caseLink(`${BASE}/`, CASE)).toBe(`${BASE}/cases/${CASE}`);
  });

  test('when a reminder key is given, then its Message-ID is a stable hash of the key and nothing else', () => {
    const key = `reminder:${CASE}:consent:2026-02-14T10:00:00.000Z`;
    expect(messageIdOf(key)).toBe(messageIdOf(key));
    expect(messageIdOf(key)).toMatch(/^<[0-9a-f]{64}@barnekoordinator>$/);
    expect(messageIdOf(key)).not.toContain(CASE);
    expect(messageIdOf(`${key}x`)).not.toBe(messageIdOf(key));
  });

  test('when the reminder of a missing decision is written (law-letter-contents), then it says avgjørelse, and no reminder or escalation says vedtak: the decision is no enkeltvedtak (pbrl § 2-7)', () => {
    const t = reminderText({ caseId: CASE, level: 'reminder', kind: 'decision', dueAt: '2026-02-28T23:30:00Z', publicBaseUrl: BASE });
    expect(t.subject).toBe('Påminnelse: skriftlig avgjørelse mangler – frist 1. mars 2026');
    expect(t.body).toContain('Ta skriftlig avgjørelse og registrer den i saken');
    for (const r of all) expect(`${r.subject}\n${r.body}`).not.toMatch(/vedtak/i);
  });
});
