/** Letter facts and letter texts: workflows/case/letter-facts.ts, activities/letters/text.ts and html.ts. */
import { created } from './case-states';
import { letterHtml } from '../../activities/letters/html';
import { decisionLetter, norwegianDate, type LetterBody, type Municipality } from '../../activities/letters/text';
import type { CaseCommand } from '../../workflows/case/commands';
import { letterFacts, type DecisionLetterFacts as LetterFacts } from '../../workflows/case/letter-facts';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import type { LetterKind } from '../../workflows/case/rules';
import { createCase, transition } from '../../workflows/case/state';
import { complaintDeadline } from '../../workflows/case/to-appointment';
import type { CaseRequest, CaseState, Child } from '../../workflows/case/types';

const municipality: Municipality = { name: 'Testvik kommune', keAddress: 'Koordinerende enhet, Postboks 1, 9999 Testvik' };

function facts(over: Partial<LetterFacts> = {}): LetterFacts {
  return {
    letterId: 'letter-1',
    caseId: 'case-1',
    kind: 'decision',
    childName: 'Nora Testbarn',
    receivedOn: '2026-01-05',
    outcome: 'granted',
    reasons: 'Alle vilkår er oppfylt.',
    offeredInstead: [],
    decidedOn: '2026-02-01',
    complaintDeadline: '2026-03-01',
    addressees: ['Per Testforelder', 'Kari Testforelder'],
    ...over,
  };
}

const sectionText = (letter: LetterBody, heading: string) => {
  const section = letter.sections.find((s) => s.heading === heading);
  if (!section) throw new Error(`no section ${heading}; headings: ${letter.sections.map((s) => s.heading).join(', ')}`);
  return section.text;
};
const allText = (letter: LetterBody) => letter.sections.map((s) => s.text).join('\n');

describe('norwegianDate', () => {
  test('when 2026-03-01 is written in Norwegian, then it is "1. mars 2026"', () => {
    expect(norwegianDate('2026-03-01')).toBe('1. mars 2026');
  });

  test('when dates in January and December are written, then the month names are lower-case bokmål and days have no leading zero', () => {
    expect(norwegianDate('2026-01-05')).toBe('5. januar 2026');
    expect(norwegianDate('2025-12-31')).toBe('31. desember 2025');
    expect(norwegianDate('2026-05-17')).toBe('17. mai 2026');
  });
});

describe('complaintDeadline', () => {
  test('when the family learned of the decision on 1 February 2026, then the deadline, 28 days later, is a Sunday and runs to Monday 2 March 2026', () => {
    expect(complaintDeadline('2026-02-01')).toBe('2026-03-02');
  });

  test('when four weeks end on Christmas Day 2026 (law-complaint-deadline-working-day), then the deadline is Monday 28 December', () => {
    expect(complaintDeadline('2026-11-27')).toBe('2026-12-28');
  });

  test('when the family learned of the decision on 1 February 2024 (leap year), then the deadline is 29 February 2024', () => {
    expect(complaintDeadline('2024-02-01')).toBe('2024-02-29');
  });

  test('when the family learned of the decision on 20 December 2025, then the deadline, Saturday 17 January 2026, runs to Monday 19 January', () => {
    expect(complaintDeadline('2025-12-20')).toBe('2026-01-19');
  });
});

describe('letterFacts', () => {
  function request(child: Partial<Child> = {}): CaseRequest {
    return {
      child: { name: 'Nora Testbarn', birthDate: '2016-03-15', adopted: false, ...child },
      consenters: [
        { name: 'Per Testforelder', role: 'parent' },
        { name: 'Kari Testforelder', role: 'guardian' },
      ],
      channel: 'written',
      reasons: 'Mange tjenester.',
      receivedOn: '2026-01-05',
    };
  }

  let n = 0;
  function run(state: CaseState, commands: CaseCommand[]) {
    let letter: { id: string; kind: LetterKind } | undefined;
    for (const command of commands) {
      // After every date the commands carry: a date after the day a command is given is refused.
      const result = transition(state, command, { at: '2026-03-01T10:00:00.000Z', policy: DEFAULT_POLICY, newId: () => 'id-' + ++n });
      if (!result.ok) throw new Error(result.message);
      state = result.state;
      letter = result.letter ?? letter;
    }
    return { state, letter: letter! };
  }

  const met = { met: true, text: 'Oppfylt.' };
  const toDecision = (outcome: 'granted' | 'refused'): CaseCommand[] => [
    { type: 'recordConsent', givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: '2026-01-08' },
    { type: 'recordInterview', heldOn: '2026-01-20', participants: ['Per Testforelder'], childParticipated: false },
    {
      type: 'recordAssessment',
      childUnder18OrExpected: met,
      seriousCondition: outcome === 'granted' ? met : { met: false, text: 'Ikke alvorlig nok.' },
      longTermCoordinatedNeeds: met,
    },
    outcome === 'granted'
      ? { type: 'recordDecision', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: '2026-02-01' }
      : { type: 'recordDecision', outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['coordinated_services'], decidedOn: '2026-02-01' },
  ];

  test('when a grant is decided on 2026-02-01, then the facts carry the decision, a complaint deadline of 2026-03-02 (28 days, a Sunday, to Monday) and the consenters as addressees', () => {
    const { state, letter } = run(created(createCase('case-1', request(), '2026-01-05T09:00:00.000Z')).state, toDecision('granted'));
    expect(letter.kind).toBe('decision');
    expect(letterFacts(state, letter.id, letter.kind)).toEqual({
      letterId: letter.id,
      caseId: 'case-1',
      kind: 'decision',
      childName: 'Nora Testbarn',
      expectedDate: undefined,
      receivedOn: '2026-01-05',
      outcome: 'granted',
      reasons: 'Alle vilkår er oppfylt.',
      offeredInstead: [],
      decidedOn: '2026-02-01',
      complaintDeadline: '2026-03-02',
      addressees: ['Per Testforelder', 'Kari Testforelder'],
      kartleggingHeld: true,
    });
  });

  test('when a refusal is decided, then the facts carry the alternatives offered', () => {
    const { state, letter } = run(created(createCase('case-1', request(), '2026-01-05T09:00:00.000Z')).state, toDecision('refused'));
    expect(letterFacts(state, letter.id, 'decision')).toMatchObject({ outcome: 'refused', offeredInstead: ['coordinated_services'], reasons: 'Vilkår b er ikke oppfylt.' });
  });

  test('when the child is unborn, then the facts carry the expected date (termin)', () => {
    const { state, letter } = run(created(createCase('case-1', request({ birthDate: undefined, expectedDate: '2026-04-10' }), '2026-01-05T09:00:00.000Z')).state, toDecision('granted'));
    expect(letterFacts(state, letter.id, 'decision').expectedDate).toBe('2026-04-10');
  });

  test('when the child has both a birth date and an expected date, then no expected date is given: the child is born', () => {
    const { state, letter } = run(created(createCase('case-1', request({ expectedDate: '2016-03-20' }), '2026-01-05T09:00:00.000Z')).state, toDecision('granted'));
    expect(letterFacts(state, letter.id, 'decision').expectedDate).toBeUndefined();
  });

  test('when a refusal is reversed on complaint on 2026-02-20, then the reversal letter facts are the new grant with a deadline of 2026-03-20', () => {
    const refused = run(created(createCase('case-1', request(), '2026-01-05T09:00:00.000Z')).state, toDecision('refused')).state;
    const withComplaint = run(refused, [{ type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-10' }]).state;
    const complaintId = withComplaint.complaints[0].id;
    const { state, letter } = run(withComplaint, [
      { type: 'recordComplaintOutcome', complaintId, outcome: 'reversed_by_ke', reasons: 'Ny vurdering: vilkår b er oppfylt.', on: '2026-02-20' },
    ]);
    expect(letter.kind).toBe('complaint_reversal');
    expect(letterFacts(state, letter.id, letter.kind)).toMatchObject({
      kind: 'complaint_reversal',
      outcome: 'granted',
      reasons: 'Ny vurdering: vilkår b er oppfylt.',
      offeredInstead: [],
      decidedOn: '2026-02-20',
      complaintDeadline: '2026-03-20',
    });
  });

  test('when the letter id matches no decision, then letterFacts throws', () => {
    const state = created(createCase('case-1', request(), '2026-01-05T09:00:00.000Z')).state;
    expect(() => letterFacts(state, 'missing', 'decision')).toThrow('no decision for letter missing');
  });
});

describe('decisionLetter', () => {
  test('when a grant is written, then the letter is titled, dated, addressed, states the right and the reasons, and offers no alternatives', () => {
    const letter = decisionLetter(facts(), municipality);
    expect(letter.title).toBe('Avgjørelse om barnekoordinator');
    expect(letter.date).toBe('2026-02-01');
    expect(letter.to).toEqual(['Per Testforelder', 'Kari Testforelder']);
    expect(letter.signature).toBe('Koordinerende enhet, Testvik kommune');
    expect(letter.sections.map((s) => s.heading)).toEqual([undefined, 'Avgjørelse', 'Begrunnelse', 'Klageadgang', 'Kontakt']);
    expect(letter.sections[0].text).toBe(
      'Vi viser til ønsket om barnekoordinator for Nora Testbarn, mottatt 5. januar 2026, og til kartleggingssamtalen med familien.',
    );
    expect(sectionText(letter, 'Avgjørelse')).toContain('Familien har rett til barnekoordinator');
    expect(sectionText(letter, 'Begrunnelse')).toBe('Alle vilkår er oppfylt.');
    expect(sectionText(letter, 'Klageadgang')).toContain('Dere kan også klage hvis dere mener at retten til barnekoordinator ikke blir oppfylt.');
  });

  test('when a refusal with both alternatives is written, then it says the request is refused and explains samordningsplikt and an alminnelig koordinator', () => {
    const letter = decisionLetter(
      facts({ outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['coordinated_services', 'ordinary_coordinator'] }),
      municipality,
    );
    expect(letter.title).toBe('Avgjørelse om barnekoordinator');
    expect(letter.sections.map((s) => s.heading)).toEqual([undefined, 'Avgjørelse', 'Begrunnelse', 'Hva kommunen tilbyr', 'Klageadgang', 'Kontakt']);
    expect(sectionText(letter, 'Avgjørelse')).toContain('ikke er oppfylt, og ønsket er derfor avslått');
    const offer = sectionText(letter, 'Hva kommunen tilbyr');
    expect(offer).toContain('samordningsplikt');
    expect(offer).toContain('alminnelig koordinator');
    expect(offer.indexOf('samordningsplikt')).toBeLessThan(offer.indexOf('alminnelig koordinator'));
    expect(sectionText(letter, 'Klageadgang')).not.toContain('ikke blir oppfylt');
  });

  test('when a refusal with only an ordinary coordinator is written, then only that alternative is explained', () => {
    const letter = decisionLetter(facts({ outcome: 'refused', offeredInstead: ['ordinary_coordinator'] }), municipality);
    const offer = sectionText(letter, 'Hva kommunen tilbyr');
    expect(offer).toContain('alminnelig koordinator');
    expect(offer).not.toContain('samordningsplikt');
  });

  test('when a complaint reversal is written, then the title and opening say the decision was changed after the complaint', () => {
    const letter = decisionLetter(facts({ kind: 'complaint_reversal', decidedOn: '2026-02-20', complaintDeadline: '2026-03-20' }), municipality);
    expect(letter.title).toBe('Ny avgjørelse etter klage: barnekoordinator');
    expect(letter.sections[0].text).toBe(
      'Koordinerende enhet har behandlet klagen deres på avgjørelsen om barnekoordinator for Nora Testbarn på nytt, og har endret avgjørelsen.',
    );
    expect(sectionText(letter, 'Avgjørelse')).toContain('Familien har rett til barnekoordinator');
    expect(sectionText(letter, 'Klageadgang')).toContain('innen 20. mars 2026 hvis dere mottok den 20. februar 2026');
  });

  test('when the child is unborn, then the letter names the child by the termin date and not by name', () => {
    const letter = decisionLetter(facts({ childName: 'Baby Testbarn', expectedDate: '2026-04-10' }), municipality);
    expect(letter.sections[0].text).toContain('for barnet med termin 10. april 2026,');
    expect(allText(letter)).not.toContain('Baby Testbarn');
    const reversal = decisionLetter(facts({ kind: 'complaint_reversal', childName: 'Baby Testbarn', expectedDate: '2026-04-10' }), municipality);
    expect(reversal.sections[0].text).toContain('for barnet med termin 10. april 2026 på nytt');
    expect(allText(reversal)).not.toContain('Baby Testbarn');
  });

  test('when any decision is written, then the complaint section states fire uker, the deadline date in Norwegian, KE’s address and Statsforvalteren', () => {
    const text = sectionText(decisionLetter(facts({ outcome: 'refused', offeredInstead: ['coordinated_services'] }), municipality), 'Klageadgang');
    expect(text).toContain('Klagefristen er fire uker fra dere fikk kjennskap til avgjørelsen');
    expect(text).toContain('innen 1. mars 2026 hvis dere mottok den 1. februar 2026');
    expect(text).toContain('Klagen sendes til koordinerende enhet: Koordinerende enhet, Postboks 1, 9999 Testvik.');
    expect(text).toContain('sender vi klagen videre til Statsforvalteren');
    expect(text).toContain('pasient- og brukerrettighetsloven kapittel 7');
  });
});

describe('letterHtml', () => {
  test('when a letter is laid out as HTML, then it is a bokmål document (lang="nb") with title, addressees, Norwegian date and signature', () => {
    const html = letterHtml(decisionLetter(facts(), municipality));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Avgjørelse om barnekoordinator</title>');
    expect(html).toContain('<h1>Avgjørelse om barnekoordinator</h1>');
    expect(html).toContain('<p class="to">Til: Per Testforelder, Kari Testforelder</p>');
    expect(html).toContain('<p class="date">Dato: 1. februar 2026</p>');
    expect(html).toContain('<h2>Klageadgang</h2>');
    expect(html).toContain('<p class="signature">Med vennlig hilsen<br>Koordinerende enhet, Testvik kommune</p>');
  });

  test('when the reasons contain <script>, then the HTML escapes it and contains no script tag', () => {
    const html = letterHtml(decisionLetter(facts({ reasons: '<script>alert("x")</script> & \'mer\'' }), municipality));
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h2>Begrunnelse</h2>\n<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;mer&#39;</p>');
  });

  test('when names, the municipality and the title contain HTML characters, then they are escaped too', () => {
    const letter: LetterBody = {
      title: 'A <b>tittel</b>',
      date: '2026-03-01',
      to: ['Ola <i>Nordmann</i>'],
      sections: [{ heading: 'H & <x>', text: 'ok' }],
      signature: 'KE, "Testvik" kommune',
    };
    const html = letterHtml(letter);
    expect(html).toContain('<title>A &lt;b&gt;tittel&lt;/b&gt;</title>');
    expect(html).toContain('Til: Ola &lt;i&gt;Nordmann&lt;/i&gt;');
    expect(html).toContain('<h2>H &amp; &lt;x&gt;</h2>');
    expect(html).toContain('KE, &quot;Testvik&quot; kommune');
    expect(html).toContain('Dato: 1. mars 2026');
  });

  test('when a section has no heading, then it is laid out as a paragraph without an h2', () => {
    const html = letterHtml({ title: 'T', date: '2026-01-01', to: [], sections: [{ text: 'Innledning.' }], signature: 'S' });
    expect(html).toContain('<h1>T</h1>\n<p>Innledning.</p>\n<p class="signature">');
    expect(html).not.toContain('<h2>');
  });
});
