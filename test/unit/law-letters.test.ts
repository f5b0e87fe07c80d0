/**
 * The letter rules of issue #14 (items 4, 8, 9 and 14) in the pure state machine and the letter
 * texts, each named after its rule: law-statsforvalteren-letters, law-letters-to-whom,
 * law-absence-letters and law-letter-contents.
 */
import { letterHtml } from '../../activities/letters/html';
import { absenceLetter, closureLetter, complaintLetter, decisionLetter, letterBody, type CoordinatorContact, type LetterBody, type Municipality } from '../../activities/letters/text';
import { letterFacts, letterRecipients, type AbsenceLetterFacts, type ComplaintLetterFacts } from '../../workflows/case/letter-facts';
import { transition } from '../../workflows/case/state';
import type { CaseState } from '../../workflows/case/types';
import {
  ABSENCE_AT,
  COORDINATOR,
  OTHER_COORDINATOR,
  accepted,
  apply,
  appointed,
  consentCmd,
  ctx,
  leave,
  onLeave,
  registered,
  request,
} from './case-states';
import { AT, complained, forwarded, refused } from './state-steps';

const municipality: Municipality = {
  name: 'Testvik kommune',
  keAddress: 'Koordinerende enhet, Postboks 1, 9999 Testvik',
  keEmail: 'ke@testvik.kommune.no',
  kePhone: '12 34 56 78',
};
const kim: CoordinatorContact = { name: 'Kim Koordinator', email: 'kim@testvik.kommune.no', unitName: 'Helsestasjonen' };
const vera: CoordinatorContact = { name: 'Vera Vikar', email: 'vera@testvik.kommune.no', unitName: 'Skolen' };
const text = (letter: LetterBody) => letter.sections.map((s) => `${s.heading ?? ''}\n${s.text}`).join('\n');

describe('law-letters-to-whom', () => {
  /** A case of a child born on the date, with two parents as consenters. */
  const caseOf = (birthDate: string) => registered({ request: request({ name: 'Ung Person', birthDate }) });

  test('when the child is under 16, then letters go to the parents and guardians the request names', () => {
    expect(letterRecipients(caseOf('2012-06-01'), '2026-02-01')).toEqual({ to: ['Per Testforelder', 'Kari Testforelder'], copyTo: [] });
  });

  test('when the child is unborn, then letters go to the parents', () => {
    const unborn = registered({ request: request({ birthDate: undefined, expectedDate: '2026-04-10' }) });
    expect(letterRecipients(unborn, '2026-02-01').to).toEqual(['Per Testforelder', 'Kari Testforelder']);
  });

  test('when the young person is 16 and consented personally, then letters go to them alone, and to the parents in copy only where they agreed', () => {
    const own = (copy?: boolean) =>
      apply(caseOf('2009-06-01'), consentCmd(['appointment'], { role: 'young_person', givenBy: 'Ung Person', ...(copy !== undefined ? { copyLettersToParents: copy } : {}) }), '2026-01-10T10:00:00.000Z');
    expect(letterRecipients(own(), '2026-02-01')).toEqual({ to: ['Ung Person'], copyTo: [], youngPersonAlone: true });
    expect(letterRecipients(own(false), '2026-02-01')).toEqual({ to: ['Ung Person'], copyTo: [], youngPersonAlone: true });
    expect(letterRecipients(own(true), '2026-02-01')).toEqual({ to: ['Ung Person'], copyTo: ['Per Testforelder', 'Kari Testforelder'], youngPersonAlone: true });
  });

  test('when KE has recorded that a 17-year-old lacks the competence to consent, then letters go to the young person and the parents who consented for them', () => {
    const state = apply(caseOf('2008-06-01'), consentCmd(['appointment'], { youngPersonLacksCompetence: 'Kan ikke overskue hva samtykket gjelder.' }), '2026-01-10T10:00:00.000Z');
    expect(letterRecipients(state, '2026-02-01')).toEqual({ to: ['Ung Person', 'Per Testforelder', 'Kari Testforelder'], copyTo: [] });
  });

  test('when the young person is 18 on the letter\'s day, then the letter goes to the adult, not to the parents', () => {
    expect(letterRecipients(caseOf('2008-01-15'), '2026-02-01')).toEqual({ to: ['Ung Person'], copyTo: [], youngPersonAlone: true });
  });

  test('when a parent gives copyLettersToParents in the pure rules, then it is not kept: the copy is the young person\'s choice', () => {
    const state = apply(caseOf('2012-06-01'), consentCmd(['appointment'], { copyLettersToParents: true }), '2026-01-10T10:00:00.000Z');
    expect(state.consents[0]).not.toHaveProperty('copyLettersToParents');
  });

  test('when a decision letter is written for a 16-year-old who consented with a copy, then its facts and HTML address the young person and copy the parents', () => {
    const state = apply(caseOf('2009-06-01'), consentCmd(['appointment'], { role: 'young_person', givenBy: 'Ung Person', copyLettersToParents: true }), '2026-01-10T10:00:00.000Z');
    const facts = letterFacts({ ...state, decisions: [{ letterId: 'l1', outcome: 'granted', reasons: 'Ja.', offeredInstead: [], decidedOn: '2026-02-01', recordedAt: AT }] }, 'l1', 'decision');
    expect(facts).toMatchObject({ addressees: ['Ung Person'], copyTo: ['Per Testforelder', 'Kari Testforelder'], youngPersonAddressed: true });
    const html = letterHtml(letterBody(facts, municipality));
    expect(html).toContain('<p class="to">Til: Ung Person</p>\n<p class="copy">Kopi: Per Testforelder, Kari Testforelder</p>');
  });
});

describe('law-letters-to-whom: the young person written to alone is "du"', () => {
  const pronoun = /\b(dere|deres|Dere|Deres)\b/;
  const alone = { youngPersonAddressed: true, caseId: 'case-1', childName: 'Ung Person', addressees: ['Ung Person'], letterId: 'l' };
  const dere = 'Vi har snakket med dere og foreldrene deres.';
  const letters: [string, LetterBody][] = [
    ['a refusal', decisionLetter({ ...alone, kind: 'decision', receivedOn: '2026-01-05', outcome: 'refused', reasons: dere, offeredInstead: ['coordinated_services', 'ordinary_coordinator'], decidedOn: '2026-02-01', complaintDeadline: '2026-03-02' }, municipality)],
    ['a grant', decisionLetter({ ...alone, kind: 'decision', receivedOn: '2026-01-05', outcome: 'granted', reasons: dere, offeredInstead: [], decidedOn: '2026-02-01', complaintDeadline: '2026-03-02' }, municipality)],
    ['a closure', closureLetter({ ...alone, kind: 'closure', reason: 'age_limit', closedOn: '2026-02-01', complaintDeadline: '2026-03-02' }, municipality)],
    ['an appointment', letterBody({ ...alone, kind: 'appointment', unitId: 'u', coordinatorId: COORDINATOR, appointedOn: '2026-02-01' }, municipality, { coordinator: kim })],
    ['a leave', absenceLetter({ ...alone, kind: 'coordinator_absence', writtenOn: '2026-03-02', coordinatorId: COORDINATOR, absence: { kind: 'leave', from: '2026-03-02' } }, municipality, { coordinator: kim })],
    ['a departure with a substitute', absenceLetter({ ...alone, kind: 'coordinator_absence', writtenOn: '2026-03-02', coordinatorId: COORDINATOR, absence: { kind: 'departure', from: '2026-03-02', substituteId: OTHER_COORDINATOR } }, municipality, { coordinator: kim, substitute: vera })],
    ['a return', absenceLetter({ ...alone, kind: 'coordinator_return', writtenOn: '2026-03-21', coordinatorId: COORDINATOR }, municipality, { coordinator: kim })],
    ...(['forwarded', 'upheld', 'overturned'] as const).flatMap((outcome) =>
      (['refusal', 'change_or_termination', 'right_not_fulfilled'] as const).map((about): [string, LetterBody] => [
        `a complaint about ${about} ${outcome}`,
        complaintLetter({ ...alone, kind: outcome === 'forwarded' ? 'complaint_forwarded' : 'statsforvalteren_decision', about, outcome, complaintReceivedOn: '2026-02-10', on: '2026-03-01', reasons: dere, grantedNow: false, refusalStands: true, offeredInstead: [] }, municipality),
      ]),
    ),
  ];

  test.each(letters)('when %s is written to the young person alone, then it says "du", never "dere", except in KE\'s own words', (_name, letter) => {
    for (const section of letter.sections) {
      if (section.text === dere) continue;
      expect(`${letter.title}\n${section.heading ?? ''}\n${section.text}`).not.toMatch(pronoun);
    }
    expect(text(letter)).toMatch(/\b(du|Du|deg|din|dine)\b/);
  });

  test('when a refusal is written to the young person alone, then KE\'s reasons and assessment are kept as KE wrote them', () => {
    const refusal = letters[0][1];
    expect(refusal.sections.find((s) => s.heading === 'Begrunnelse')!.text).toBe(dere);
    expect(refusal.sections.find((s) => s.heading === 'Klageadgang')!.text).toContain('Du kan klage på avgjørelsen');
    expect(refusal.sections.find((s) => s.heading === 'Klageadgang')!.text).toContain('hjelper deg gjerne');
  });
});

describe('law-statsforvalteren-letters', () => {
  const base = { letterId: 'l', caseId: 'case-1', childName: 'Nora Testbarn', addressees: ['Per Testforelder'], complaintReceivedOn: '2026-02-10', on: '2026-03-01' };
  const complaint = (over: Partial<ComplaintLetterFacts>): ComplaintLetterFacts => ({
    ...base,
    kind: 'statsforvalteren_decision',
    about: 'refusal',
    outcome: 'upheld',
    reasons: 'Begrunnelsen.',
    grantedNow: false,
    refusalStands: true,
    offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
    ...over,
  });

  test('when KE forwards the complaint, then the letter facts name the complaint and the reasons, and the letter says Statsforvalteren decides', () => {
    const result = accepted(transition(complained(), { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE står ved avslaget.', on: '2026-02-20' }, ctx(AT, { ids: ['l1'] })));
    const facts = letterFacts(result.state, 'l1', 'complaint_forwarded');
    expect(facts).toMatchObject({ kind: 'complaint_forwarded', about: 'refusal', outcome: 'forwarded', on: '2026-02-20', reasons: 'KE står ved avslaget.' });
    const letter = letterBody(facts, municipality);
    expect(letter.title).toBe('Klagen deres er sendt til Statsforvalteren');
    expect(text(letter)).toContain('Vi har derfor sendt klagen til Statsforvalteren 20. februar 2026, som avgjør den.');
    expect(text(letter)).not.toContain('Klagefristen');
  });

  test('when Statsforvalteren overturns a refusal, then the facts say the family is granted now, and the letter says what KE does and that the decision is final', () => {
    const result = accepted(transition(forwarded(), { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'overturned_by_statsforvalteren', reasons: 'Vilkår b er oppfylt.', on: '2026-03-01' }, ctx(AT, { ids: ['l2'] })));
    const facts = letterFacts(result.state, 'l2', 'statsforvalteren_decision') as ComplaintLetterFacts;
    expect(facts).toMatchObject({ outcome: 'overturned', grantedNow: true });
    const letter = complaintLetter(facts, municipality);
    expect(letter.sections.map((s) => s.heading)).toEqual([undefined, 'Statsforvalterens avgjørelse', 'Begrunnelse', 'Hva koordinerende enhet gjør nå', 'Avgjørelsen er endelig', 'Kontakt']);
    expect(text(letter)).toContain('Koordinerende enhet gir et tjenestested ansvaret for å oppnevne barnekoordinator');
    expect(text(letter)).toContain('forvaltningsloven § 28 tredje ledd');
    expect(text(letter)).not.toMatch(/Dere kan klage|Klagefristen/);
  });

  test('when Statsforvalteren upholds a refusal, then the letter says the refusal stands, what the municipality offers instead, and no new complaint right', () => {
    const letter = complaintLetter(complaint({}), municipality);
    expect(text(letter)).toContain('Statsforvalteren har ikke gitt dere medhold.');
    expect(text(letter)).toContain('samordningsplikt');
    expect(text(letter)).toContain('alminnelig koordinator');
    expect(text(letter)).toContain('kan ikke påklages');
  });

  test('when Statsforvalteren upholds a refusal KE has meanwhile changed on another complaint, then the letter says the family keeps its right', () => {
    expect(text(complaintLetter(complaint({ refusalStands: false }), municipality))).toContain('familien har rett til barnekoordinator. Statsforvalterens avgjørelse endrer ikke det.');
  });

  test('when Statsforvalteren overturns on a complaint that the right is not fulfilled, then KE says it will see that the right is fulfilled', () => {
    const letter = complaintLetter(complaint({ about: 'right_not_fulfilled', outcome: 'overturned', refusalStands: false }), municipality);
    expect(text(letter)).toContain('sørger for at retten til barnekoordinator blir oppfylt');
    expect(text(letter)).toContain('at retten til barnekoordinator ikke blir oppfylt for Nora Testbarn');
  });

  test('when a refusal is overturned in a history from before the rule, then the letter is the old complaint_reversal', () => {
    const result = accepted(transition(forwarded(), { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'overturned_by_statsforvalteren', reasons: 'x', on: '2026-03-01' }, { ...ctx(AT, { ids: ['l2'] }), applies: () => false }));
    expect(result.letter).toEqual({ id: 'l2', kind: 'complaint_reversal' });
  });
});

describe('law-absence-letters', () => {
  const absence = (over: Partial<AbsenceLetterFacts> = {}): AbsenceLetterFacts => ({
    letterId: 'l',
    caseId: 'case-1',
    childName: 'Nora Testbarn',
    addressees: ['Per Testforelder'],
    kind: 'coordinator_absence',
    writtenOn: '2026-03-02',
    coordinatorId: COORDINATOR,
    absence: { kind: 'leave', from: '2026-03-02', until: '2026-03-20', substituteId: OTHER_COORDINATOR },
    ...over,
  });

  test('when the coordinator goes on leave, then the case writes a coordinator_absence letter whose facts name the coordinator, the leave and the substitute', () => {
    const result = accepted(transition(appointed(), leave(), ctx(ABSENCE_AT, { ids: ['t1', 't2', 'l1'] })));
    expect(result.letter).toEqual({ id: 'l1', kind: 'coordinator_absence' });
    expect(letterFacts(result.state, 'l1', 'coordinator_absence')).toMatchObject({
      kind: 'coordinator_absence',
      writtenOn: '2026-03-02',
      coordinatorId: COORDINATOR,
      absence: { kind: 'leave', from: '2026-03-02', until: '2026-03-20', substituteId: OTHER_COORDINATOR },
    });
  });

  test('when the leave ends, then the case writes a coordinator_return letter dated the day it ends, naming the coordinator who is back', () => {
    const back = accepted(transition(onLeave(), { type: 'endLeave', absenceId: 'abs-1' }, ctx('2026-03-20T23:00:00.000Z', { ids: ['t3', 't4', 'l2'] })));
    expect(back.letter).toEqual({ id: 'l2', kind: 'coordinator_return', on: '2026-03-21' });
    expect(letterFacts(back.state, 'l2', 'coordinator_return', back.letter!.on)).toMatchObject({ kind: 'coordinator_return', writtenOn: '2026-03-21', coordinatorId: COORDINATOR });
  });

  test('when a history from before the rule replays, then a leave and its end write no letter', () => {
    const before = { ...ctx(ABSENCE_AT, { ids: ['t1', 't2'] }), applies: () => false };
    const left = accepted(transition(appointed(), leave(), before));
    expect(left.letter).toBeUndefined();
    expect(accepted(transition(left.state, { type: 'endLeave', absenceId: 'abs-1' }, { ...ctx('2026-03-20T23:00:00.000Z'), applies: () => false })).letter).toBeUndefined();
  });

  test('when the leave has a substitute, then the letter names the substitute, their unit and e-mail, and says the coordinator comes back', () => {
    const letter = absenceLetter(absence(), municipality, { coordinator: kim, substitute: vera });
    expect(letter.title).toBe('Barnekoordinatoren har permisjon');
    expect(text(letter)).toContain('Kim Koordinator, Helsestasjonen, barnekoordinator for Nora Testbarn, har permisjon fra 2. mars 2026 til og med 20. mars 2026.');
    expect(text(letter)).toContain('er Vera Vikar, Skolen, barnekoordinator for Nora Testbarn. Dere når Vera Vikar på e-post vera@testvik.kommune.no.');
    expect(text(letter)).toContain('Når permisjonen er over, er Kim Koordinator igjen barnekoordinator');
  });

  test('when the leave has neither substitute nor end, then KE holds the case and the family is told how to reach KE', () => {
    const letter = absenceLetter(absence({ absence: { kind: 'leave', from: '2026-03-02' } }), municipality, { coordinator: kim });
    expect(text(letter)).toContain('har koordinerende enhet ansvaret for oppfølgingen');
    expect(text(letter)).toContain('e-post ke@testvik.kommune.no, telefon 12 34 56 78');
    expect(text(letter)).toContain('Dere får brev når permisjonen er over');
  });

  test('when the coordinator departs with a substitute, then the substitute holds the case until KE appoints a new coordinator', () => {
    const letter = absenceLetter(absence({ absence: { kind: 'departure', from: '2026-03-02', substituteId: OTHER_COORDINATOR } }), municipality, { coordinator: kim, substitute: vera });
    expect(letter.title).toBe('Barnekoordinatoren slutter');
    expect(text(letter)).toContain('Mens vi oppnevner ny barnekoordinator, er Vera Vikar, Skolen, barnekoordinator');
    expect(text(letter)).toContain('dere får brev om hvem det blir');
  });

  test('when the coordinator is back, then the letter says so and how to reach them', () => {
    const letter = absenceLetter(absence({ kind: 'coordinator_return', writtenOn: '2026-03-21', absence: undefined }), municipality, { coordinator: kim });
    expect(letter.title).toBe('Barnekoordinatoren er tilbake');
    expect(text(letter)).toContain('er igjen barnekoordinator for Nora Testbarn fra 21. mars 2026');
    expect(text(letter)).toContain('e-post kim@testvik.kommune.no');
  });
});

describe('law-letter-contents', () => {
  const decisionFacts = (state: CaseState) => letterFacts(state, state.decisions.at(-1)!.letterId, 'decision');

  test('when a refusal is written, then its facts carry KE\'s assessment and the letter gives each condition, met or not, with KE\'s words', () => {
    const facts = decisionFacts(refused());
    const letter = letterBody(facts, municipality);
    const conditions = letter.sections.filter((s) => s.heading?.startsWith('Vilkår '));
    expect(conditions.map((s) => [s.heading!.slice(0, 8), s.text])).toEqual([
      ['Vilkår a', 'Oppfylt. Barnet er under 18 år eller ventes.'],
      ['Vilkår b', 'Ikke oppfylt. Ikke alvorlig nok.'],
      ['Vilkår c', 'Oppfylt. Behov for helse- og omsorgstjenester og PPT over lang tid.'],
    ]);
  });

  test('when a grant is written, then it gives no condition sections: the right is stated', () => {
    const state = appointed();
    expect(letterBody(letterFacts(state, state.decisions[0].letterId, 'decision'), municipality).sections.some((s) => s.heading?.startsWith('Vilkår'))).toBe(false);
  });

  test('when any letter is written, then it carries the saksnummer, and its contact section names the caseworker and how to reach KE', () => {
    const state = { ...refused(), request: { ...refused().request, caseworkerName: 'Siri Saksbehandler' } };
    const letter = letterBody(decisionFacts(state), municipality);
    expect(letter.reference).toBe(state.caseId);
    const contact = letter.sections.find((s) => s.heading === 'Kontakt')!.text;
    expect(contact).toContain('Saksbehandler er Siri Saksbehandler, koordinerende enhet.');
    expect(contact).toContain('Dere når koordinerende enhet på Koordinerende enhet, Postboks 1, 9999 Testvik, e-post ke@testvik.kommune.no, telefon 12 34 56 78.');
    expect(contact).toContain(`Oppgi saksnummer ${state.caseId}`);
    expect(letterHtml(letter)).toContain(`<p class="reference">Saksnummer: ${state.caseId}</p>`);
  });

  test('when the complaint right is given, then it says a complaint should be written and KE helps to write it (fvl § 11)', () => {
    const decision = decisionLetter(decisionFacts(refused()) as Parameters<typeof decisionLetter>[0], municipality);
    expect(decision.sections.find((s) => s.heading === 'Klageadgang')!.text).toContain('Klagen bør være skriftlig. Koordinerende enhet hjelper dere gjerne med å skrive den (forvaltningsloven § 11).');
  });

  test('when a closure letter is written, then the deadline is given "hvis dere mottok den" the closure date, as in decision letters', () => {
    const closed = apply(appointed(), { type: 'closeCase', reason: 'need_ended', on: '2026-03-01' }, '2026-03-01T10:00:00.000Z');
    const facts = letterFacts(closed, closed.closure!.letterId, 'closure');
    const complaint = closureLetter(facts as Parameters<typeof closureLetter>[0], municipality).sections.find((s) => s.heading === 'Klageadgang')!.text;
    expect(complaint).toContain('innen 30. mars 2026 hvis dere mottok den 1. mars 2026.');
    expect(complaint).toContain('Klagen bør være skriftlig');
  });
});
