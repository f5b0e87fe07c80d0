/**
 * Every kind of letter, and every branch of its text, written in bokmål and in nynorsk (issue
 * #16): no catalogue key left in the text, every word of the målform's word list, the young
 * person written to as "du" in both forms, dates the Norwegian way, and signed for the
 * municipality.
 */
import { letterHtml } from '../../activities/letters/html';
import { letterBody, norwegianDate, type CoordinatorContact, type LetterBody, type LetterContacts, type Municipality } from '../../activities/letters/text';
import type { LetterFacts } from '../../workflows/case/letter-facts';
import type { ClosureReason, ComplaintAbout } from '../../workflows/case/types';
import { MALFORMER, type Malform } from '../../lib/i18n';
import { dictionary, misspelt } from '../helpers/spelling';

const municipality: Municipality = {
  name: 'Fjordvik kommune',
  keAddress: 'Postboks 12, 5400 Fjordvik',
  keEmail: 'ke@fjordvik.kommune.no',
  kePhone: '53 00 00 00',
  complaintAddress: 'Postboks 12, 5400 Fjordvik',
  letterheadName: 'Fjordvik kommune',
};
const kim: CoordinatorContact = { name: 'Kim Koordinator', email: 'kim@fjordvik.kommune.no', unitName: 'Helsestasjonen' };
const vera: CoordinatorContact = { name: 'Vera Vikar', email: 'vera@fjordvik.kommune.no', unitName: 'Skulen' };
const REASONS = 'GRUNNAR-FRA-KE';
const NOTE = 'MERKNAD-FRA-KE';
const CASE = '6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f';

const common = {
  letterId: 'l-1',
  caseId: CASE,
  childName: 'Ola Barn',
  addressees: ['Per Forelder', 'Kari Forelder'],
  caseworkerName: 'Sara Saksbehandler',
};
const assessment = {
  childUnder18OrExpected: { met: true, text: REASONS },
  seriousCondition: { met: false, text: REASONS },
  longTermCoordinatedNeeds: { met: false, text: REASONS },
};
const decision = { receivedOn: '2026-01-05', reasons: REASONS, decidedOn: '2026-03-03', complaintDeadline: '2026-03-31' };
const complaint = { complaintReceivedOn: '2026-04-01', on: '2026-04-20', reasons: REASONS, grantedNow: false, refusalStands: true, offeredInstead: [] };

/** Each kind, and each branch of its text, by name. */
const LETTERS: Record<string, LetterFacts> = {
  'decision granted': { ...common, kind: 'decision', outcome: 'granted', offeredInstead: [], ...decision },
  'decision refused, with the assessment and both alternatives': {
    ...common,
    kind: 'decision',
    outcome: 'refused',
    offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
    assessment,
    ...decision,
  },
  'decision without kartlegging, for an unborn child': { ...common, expectedDate: '2026-06-10', kind: 'decision', outcome: 'refused', offeredInstead: [], kartleggingHeld: false, ...decision },
  'complaint reversal': { ...common, kind: 'complaint_reversal', outcome: 'granted', offeredInstead: [], ...decision },
  ...Object.fromEntries(
    (['age_limit', 'consent_withdrawn', 'moved_away', 'need_ended', 'child_died', 'other'] as ClosureReason[]).map((reason) => [
      `closure (${reason})`,
      { ...common, kind: 'closure', reason, closedOn: '2026-05-02', complaintDeadline: '2026-05-30', note: NOTE } as LetterFacts,
    ]),
  ),
  appointment: { ...common, kind: 'appointment', unitId: 'u', coordinatorId: 'c', appointedOn: '2026-03-10' },
  'coordinator change': { ...common, kind: 'coordinator_change', unitId: 'u', coordinatorId: 'c', appointedOn: '2026-04-10' },
  'leave with an end and a substitute': {
    ...common,
    kind: 'coordinator_absence',
    writtenOn: '2026-06-01',
    coordinatorId: 'c',
    absence: { kind: 'leave', from: '2026-06-15', until: '2026-08-15', substituteId: 's' },
  },
  'leave without an end, KE meanwhile': { ...common, kind: 'coordinator_absence', writtenOn: '2026-06-01', coordinatorId: 'c', absence: { kind: 'leave', from: '2026-06-15' } },
  departure: { ...common, kind: 'coordinator_absence', writtenOn: '2026-06-01', coordinatorId: 'c', absence: { kind: 'departure', from: '2026-07-01' } },
  'return from leave': { ...common, kind: 'coordinator_return', writtenOn: '2026-08-16', coordinatorId: 'c' },
  'complaint forwarded': { ...common, kind: 'complaint_forwarded', about: 'refusal', outcome: 'forwarded', ...complaint },
  ...Object.fromEntries(
    (['refusal', 'change_or_termination', 'right_not_fulfilled'] as ComplaintAbout[]).flatMap((about) =>
      (['upheld', 'overturned'] as const).map((outcome) => [
        `Statsforvalteren ${outcome} a complaint about ${about}`,
        { ...common, kind: 'statsforvalteren_decision', about, outcome, ...complaint, grantedNow: outcome === 'overturned' && about === 'refusal' } as LetterFacts,
      ]),
    ),
  ),
  'Statsforvalteren upheld a refusal, with what was offered': {
    ...common,
    kind: 'statsforvalteren_decision',
    about: 'refusal',
    outcome: 'upheld',
    ...complaint,
    offeredInstead: ['ordinary_coordinator'],
  },
  'Statsforvalteren on a refusal KE had already reversed': {
    ...common,
    kind: 'statsforvalteren_decision',
    about: 'refusal',
    outcome: 'overturned',
    ...complaint,
    refusalStands: false,
  },
};
const who: LetterContacts = { coordinator: kim, substitute: vera };

const textOf = (letter: LetterBody) => [letter.title, ...letter.sections.flatMap((s) => [s.heading ?? '', s.text]), letter.signature].join('\n');

/** The letter's own words: names, addresses, dates, references and KE's verbatim words left out. */
function ownWords(letter: LetterBody): string {
  const values = [REASONS, NOTE, CASE, municipality.keAddress, municipality.keEmail!, municipality.kePhone!, municipality.name, kim.email, vera.email, kim.name, kim.unitName, vera.name, vera.unitName, common.childName, common.caseworkerName];
  let text = textOf(letter);
  for (const v of values) text = text.split(v).join(' ');
  return text.replace(/§ [0-9-]+(?: [a-z]\b)?/g, ' ').replace(/[0-9]+/g, ' ');
}

const spelling = Object.fromEntries(MALFORMER.map((m) => [m, dictionary(m)])) as Record<Malform, ReturnType<typeof dictionary>>;

describe.each(MALFORMER)('in %s', (malform) => {
  test.each(Object.keys(LETTERS))('when the letter "%s" is written, then no key is missing and every word is in the word list', (name) => {
    for (const young of [false, true]) {
      const facts = { ...LETTERS[name], ...(young ? { youngPersonAddressed: true } : {}) } as LetterFacts;
      const letter = letterBody(facts, municipality, who, malform);
      const text = textOf(letter);
      expect(text).not.toMatch(/letter\.|\{\{|\}\}|undefined|NaN|null/);
      expect(misspelt(spelling[malform], malform, ownWords(letter))).toEqual([]);
      expect(letter.malform ?? 'nb').toBe(malform);
      expect(letterHtml(letter)).toContain(`<html lang="${malform}">`);
    }
  });
});

describe('nynorsk and bokmål side by side', () => {
  const both = (facts: LetterFacts) => ({ nb: letterBody(facts, municipality, who, 'nb'), nn: letterBody(facts, municipality, who, 'nn') });

  test('when a decision is written in each form, then each has its own words, dates the Norwegian way and the signature of the municipality', () => {
    const { nb, nn } = both(LETTERS['decision granted']);
    expect(nb.title).toBe('Avgjørelse om barnekoordinator');
    expect(nn.title).toBe('Avgjerd om barnekoordinator');
    expect(nb.signature).toBe('Koordinerende enhet, Fjordvik kommune');
    expect(nn.signature).toBe('Koordinerande eining, Fjordvik kommune');
    expect(textOf(nn)).toContain('motteke 5. januar 2026');
    expect(textOf(nn)).toContain('innan 31. mars 2026 dersom de fekk ho 3. mars 2026');
    expect(textOf(nn)).toContain('Statsforvaltaren');
    expect(textOf(nn)).not.toMatch(/Statsforvalteren|koordinerende enhet|avgjørelse|\bikke\b|\bdere\b/i);
    expect(norwegianDate('2026-03-03', 'nn')).toBe('3. mars 2026');
    expect(letterHtml(nn)).toContain('Med venleg helsing');
    expect(letterHtml(nb)).toContain('Med vennlig hilsen');
  });

  test.each(Object.keys(LETTERS))('when "%s" is written to the young person alone, then nynorsk says "du" where it says "de", "dykk" and "dykkar" to the family', (name) => {
    const letter = letterBody({ ...LETTERS[name], youngPersonAddressed: true } as LetterFacts, municipality, who, 'nn');
    expect(ownWords(letter)).not.toMatch(/\b(De|de|dykk|dykkar)\b/);
    const family = letterBody(LETTERS[name], municipality, who, 'nn');
    expect(ownWords(family)).not.toMatch(/\b(Du|du|deg|din|di|dine)\b/);
  });

  test('when the register sends complaints elsewhere than to KE, then the letter says where', () => {
    const elsewhere = { ...municipality, complaintAddress: 'Servicetorget, Postboks 1, 5400 Fjordvik' };
    for (const malform of MALFORMER) {
      const text = textOf(letterBody(LETTERS['decision refused, with the assessment and both alternatives'], elsewhere, who, malform));
      expect(text).toContain(malform === 'nb' ? 'Klagen sendes til Servicetorget, Postboks 1, 5400 Fjordvik.' : 'Klaga skal sendast til Servicetorget, Postboks 1, 5400 Fjordvik.');
    }
  });

  test('when a name holds what looks like a catalogue value, then it is written as it is', () => {
    const letter = letterBody({ ...LETTERS['decision granted'], childName: '{{child}} $t(letter.closing)' } as LetterFacts, municipality, who, 'nn');
    expect(letter.sections[0].text).toContain('for {{child}} $t(letter.closing), motteke');
  });
});
