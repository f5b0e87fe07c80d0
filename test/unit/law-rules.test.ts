/** The rules of issue #14 (the law, second reading) in the pure state machine, each named after its rule. */
import { caseAlerts, dueActions, openDeadlines } from '../../workflows/case/deadlines';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import type { DecisionLetterFacts } from '../../workflows/case/letter-facts';
import { closureComplaintsUntil, complaintDeadline, complaintPending } from '../../workflows/case/to-appointment';
import { decisionLetter } from '../../activities/letters/text';
import type { RecordComplaintOutcome, RecordConsent } from '../../workflows/case/commands';
import type { CaseState } from '../../workflows/case/types';
import { createCase, transition } from '../../workflows/case/state';
import {
  ABSENCE_AT,
  OTHER_COORDINATOR,
  appointCmd,
  leave,
  onLeave,
  CONSENT_AT,
  COORDINATOR,
  INTERVIEW_AT,
  REGISTERED_AT,
  accepted,
  apply,
  appointed,
  consentCmd,
  created,
  ctx,
  deepFreeze,
  interviewCmd,
  refusal,
  registered,
  request,
  withGroup,
} from './case-states';
import { refused } from './state-steps';

const ids = (prefix: string) => {
  let k = 0;
  return () => `${prefix}-${++k}`;
};

describe('law-refusal-after-18', () => {
  test('when the child was 18 when the request came, then it is registered refused with a decision letter dated the day of registration, and no closure is due', () => {
    const result = created(createCase('c', request({ birthDate: '2006-10-20' }, { receivedOn: '2025-12-01' }), REGISTERED_AT, undefined, { newId: ids('l') }));
    expect(result.state.status).toBe('refused');
    expect(result.letter).toEqual({ id: 'l-1', kind: 'decision' });
    expect(result.state.decisions).toEqual([expect.objectContaining({ outcome: 'refused', decidedOn: '2026-01-05', letterId: 'l-1' })]);
    expect(result.state.decisions[0].reasons).toMatch(/^Barnet var 19 år da ønsket kom inn\. .*vilkår a/);
    expect(dueActions(result.state)).toEqual([]);
  });

  test('when the child turns 18 the day after the request came, then the case is registered as usual and closes at 18', () => {
    const result = created(createCase('c', request({ birthDate: '2008-01-06' }, { receivedOn: '2026-01-05' }), REGISTERED_AT));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.letter).toBeUndefined();
    expect(dueActions(result.state).map((a) => a.command)).toEqual([{ type: 'closeCase', reason: 'age_limit', on: '2026-01-06' }]);
  });

  test('when a history from before the rule replays, then the request for an adult is registered as it was then', () => {
    const result = created(createCase('c', request({ birthDate: '2006-10-20' }, { receivedOn: '2025-12-01' }), REGISTERED_AT, undefined, { applies: () => false }));
    expect(result.state.status).toBe('awaiting_consent');
    expect(dueActions(result.state, () => false)).toHaveLength(1);
  });
});

describe('law-consenters-only', () => {
  const consent = (over: Partial<RecordConsent>) => transition(registered(), consentCmd(['appointment'], over), ctx(CONSENT_AT));

  test('when someone not among the consenters gives consent, then it is refused with a message that names no one, and nothing changes', () => {
    expect(refusal(consent({ givenBy: 'Ukjent Nabo' }))).toBe(
      'givenBy is not among the consenters of this case: add them as a consenter with their role (addAsConsenter) or record the consent of a consenter',
    );
  });

  test('when a consenter gives consent in another role than the case has them in, then it is refused naming both roles', () => {
    expect(refusal(consent({ givenBy: 'Per Testforelder', role: 'guardian' }))).toBe('givenBy is a consenter of this case as parent, not guardian');
  });

  test('when a consenter gives consent with the name written in other case and spacing, then it is accepted', () => {
    expect(accepted(consent({ givenBy: ' per testforelder ' })).state.status).toBe('kartlegging');
  });

  test('when KE adds a new guardian as consenter with the consent, then the guardian is a consenter with that role and the consent counts', () => {
    const result = accepted(consent({ givenBy: 'Verge Vergesen', role: 'guardian', addAsConsenter: true }));
    expect(result.state.request.consenters).toContainEqual({ name: 'Verge Vergesen', role: 'guardian' });
    expect(result.state.status).toBe('kartlegging');
    expect(result.event.data).toMatchObject({ consenterAdded: true });
  });

  test('when someone other than the child consents as the young person, then it is refused', () => {
    const sixteen = created(createCase('c', request({ birthDate: '2009-01-01' }), REGISTERED_AT)).state;
    expect(refusal(transition(sixteen, consentCmd(['appointment'], { givenBy: 'Per Testforelder', role: 'young_person' }), ctx(CONSENT_AT)))).toBe(
      'givenBy is not the child of this case: a young person consents for themselves only',
    );
  });

  test('when a history from before the rule replays, then the consent of someone else is accepted as it was', () => {
    const result = transition(registered(), consentCmd(['appointment'], { givenBy: 'Ukjent Nabo' }), { ...ctx(CONSENT_AT), applies: () => false });
    expect(accepted(result).state.consents).toHaveLength(1);
  });
});

describe('law-own-consent-16', () => {
  const turns16On15Jan = request({ name: 'Ung Testbarn', birthDate: '2010-01-15' });

  test('when a parent alone consents for a 17-year-old, then it is refused: from 16 the young person consents personally', () => {
    const state = registered({ request: request({ birthDate: '2008-06-01' }) });
    expect(refusal(transition(state, consentCmd(), ctx(CONSENT_AT)))).toMatch(/^the child is 17: from 16 the young person consents personally \(pbrl § 4-3\)/);
  });

  test('when the 17-year-old consents personally, then the case goes on to kartlegging', () => {
    const state = registered({ request: request({ name: 'Ung Testbarn', birthDate: '2008-06-01' }) });
    expect(accepted(transition(state, consentCmd(undefined, { givenBy: 'Ung Testbarn', role: 'young_person' }), ctx(CONSENT_AT))).state.status).toBe('kartlegging');
  });

  test('when the child turns 16 during the kartlegging, then the parents\' consent no longer carries the steps that need consent, until the young person consents', () => {
    const consented = apply(registered({ request: turns16On15Jan }), consentCmd(), CONSENT_AT);
    expect(consented.status).toBe('kartlegging');
    expect(refusal(transition(consented, interviewCmd, ctx(INTERVIEW_AT)))).toMatch(/^the child is 16 or more: this step requires the young person's own consent/);
    const own = apply(consented, consentCmd(undefined, { givenBy: 'Ung Testbarn', role: 'young_person', givenOn: '2026-01-19' }), '2026-01-19T10:00:00.000Z');
    expect(accepted(transition(own, interviewCmd, ctx(INTERVIEW_AT))).state.kartlegging.interview).toBeDefined();
  });

  test('when an appointed case rests on the parents\' consent, then the coordinator is reminded on the 16th birthday to get the young person\'s own, and escalated to KE', () => {
    const state = appointed({ request: request({ name: 'Ung Testbarn', birthDate: '2011-05-02' }) });
    const deadline = openDeadlines(state, DEFAULT_POLICY).find((d) => d.kind === 'own_consent');
    expect(deadline).toEqual({ kind: 'own_consent', since: 'age-16', dueAt: '2027-05-01T22:00:00.000Z', responsible: `coordinator:${COORDINATOR}` });
    expect(caseAlerts(state, DEFAULT_POLICY).filter((a) => a.deadline.kind === 'own_consent').map((a) => a.level)).toEqual(['reminder', 'escalation']);
    const own = apply(state, consentCmd(undefined, { givenBy: 'Ung Testbarn', role: 'young_person', givenOn: '2027-05-03' }), '2027-05-03T10:00:00.000Z');
    expect(openDeadlines(own, DEFAULT_POLICY).map((d) => d.kind)).not.toContain('own_consent');
  });

  test('when KE records why the young person lacks the competence to consent, then the parents\' consent counts and no reminder is due', () => {
    const state = registered({ request: request({ birthDate: '2008-06-01' }) });
    const result = accepted(transition(state, consentCmd(undefined, { youngPersonLacksCompetence: 'Alvorlig kognitiv funksjonsnedsettelse.' }), ctx(CONSENT_AT)));
    expect(result.state.status).toBe('kartlegging');
    expect(refusal(transition(registered(), consentCmd(undefined, { youngPersonLacksCompetence: 'x' }), ctx(CONSENT_AT)))).toBe(
      'youngPersonLacksCompetence applies only to a child of 16 or more, who would otherwise consent personally',
    );
  });

  test('when a history from before the rule replays, then the parent alone consents for a 17-year-old as before', () => {
    const state = registered({ request: request({ birthDate: '2008-06-01' }) });
    expect(accepted(transition(state, consentCmd(), { ...ctx(CONSENT_AT), applies: () => false })).state.status).toBe('kartlegging');
  });
});

describe('law-withdrawn-consent-closes', () => {
  test('when the family withdraws consent to the coordinator in an appointed case, then the case closes that day for withdrawn consent, with the closure letter, and planned meetings are cancelled', () => {
    const state = withGroup();
    const result = accepted(
      transition(state, { type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: '2026-04-02' }, ctx('2026-04-02T10:00:00.000Z', { ids: ['letter-1'] })),
    );
    expect(result.state.status).toBe('closed');
    expect(result.state.closure).toEqual({ reason: 'consent_withdrawn', on: '2026-04-02', letterId: 'letter-1', recordedAt: '2026-04-02T10:00:00.000Z' });
    expect(result.letter).toEqual({ id: 'letter-1', kind: 'closure' });
    expect(result.state.followUp.meetings.map((m) => m.status)).toEqual(['cancelled']);
    expect(openDeadlines(result.state, DEFAULT_POLICY)).toEqual([]);
  });

  test('when only consent to sharing information is withdrawn, then the appointed case goes on', () => {
    const result = accepted(transition(withGroup(), { type: 'withdrawConsent', scopes: ['information_sharing'], withdrawnBy: 'Per Testforelder', on: '2026-04-02' }, ctx('2026-04-02T10:00:00.000Z')));
    expect(result.state.status).toBe('appointed');
    expect(result.letter).toBeUndefined();
  });
});

describe('law-complaint-deadline-working-day', () => {
  test('when four weeks from 27 November 2026 end on Christmas Day, then the letter says "innen 28. desember 2026" and a complaint received that day is on time', () => {
    const facts: DecisionLetterFacts = {
      kind: 'decision',
      letterId: 'l-1',
      caseId: 'case-1',
      childName: 'Nora Testbarn',
      addressees: ['Per Testforelder'],
      receivedOn: '2026-11-02',
      outcome: 'refused',
      reasons: 'Vilkår b er ikke oppfylt.',
      offeredInstead: ['coordinated_services'],
      decidedOn: '2026-11-27',
      complaintDeadline: complaintDeadline('2026-11-27'),
    };
    const text = decisionLetter(facts, { name: 'Testkommune', keAddress: 'Postboks 1' }).sections.map((s) => s.text).join(' ');
    expect(text).toContain('innen 28. desember 2026 hvis dere mottok den 27. november 2026');
    const refusedOn27Nov = { ...refused(), decisions: refused().decisions.map((d) => ({ ...d, decidedOn: '2026-11-27' })) };
    const complaint = (receivedOn: string) =>
      accepted(transition(refusedOn27Nov, { type: 'registerComplaint', about: 'refusal', receivedOn }, ctx('2027-01-10T10:00:00.000Z'))).state.complaints[0].late;
    expect(complaint('2026-12-28')).toBe(false);
    expect(complaint('2026-12-29')).toBe(true);
  });
});

describe('law-coordinator-change-tells-all', () => {
  const kinds = (s: { tasks: { kind: string }[] }) => s.tasks.map((t) => t.kind).sort();
  const both = ['inform_collaborators', 'inform_family'];

  test.each([
    ['a leave with a substitute', {}],
    ['a leave without substitute', { substituteId: undefined }],
    ['a departure', { kind: 'departure' as const, until: undefined }],
  ])('when the coordinator is absent (%s), then both the family and the collaborators are to be told', (_name, over) => {
    expect(kinds(onLeave(over))).toEqual(both);
  });

  test('when KE reassigns the case directly, then both the family and the collaborators are to be told', () => {
    expect(kinds(apply(appointed(), appointCmd(OTHER_COORDINATOR, '2026-03-03'), '2026-03-03T10:00:00.000Z'))).toEqual(both);
  });

  test('when the coordinator returns from leave, then both are told again, each with its deadline', () => {
    const back = apply(onLeave(), { type: 'endLeave', absenceId: 'abs-1' }, '2026-03-20T23:00:00.000Z');
    expect(kinds(back)).toEqual([...both, ...both].sort());
    expect(openDeadlines(back, DEFAULT_POLICY).filter((d) => d.kind.startsWith('inform_'))).toHaveLength(4);
  });

  test('when a history from before the rule replays, then a leave gives only the family task', () => {
    const result = accepted(transition(appointed(), leave(), { ...ctx(ABSENCE_AT, { ids: ['t1'] }), applies: () => false }));
    expect(kinds(result.state)).toEqual(['inform_family']);
  });
});

describe('law-unrecorded-meeting', () => {
  test('when a planned meeting\'s time has passed by a day without it being recorded, then the coordinator is reminded and then KE gets an escalation', () => {
    const state = withGroup();
    const m1 = state.followUp.meetings[0];
    const deadline = openDeadlines(state, DEFAULT_POLICY).find((d) => d.kind === 'unrecorded_meeting');
    expect(deadline).toEqual({ kind: 'unrecorded_meeting', since: `m1@${m1.at}`, dueAt: '2026-07-02T08:00:00.000Z', responsible: `coordinator:${COORDINATOR}` });
    const alerts = caseAlerts(state, DEFAULT_POLICY).filter((a) => a.deadline.kind === 'unrecorded_meeting');
    expect(alerts.map((a) => [a.level, a.at, a.recipient])).toEqual([
      ['reminder', '2026-07-02T08:00:00.000Z', `coordinator:${COORDINATOR}`],
      ['escalation', '2026-07-09T08:00:00.000Z', 'ke'],
    ]);
  });

  test('when the meeting is recorded as held, then the unrecorded-meeting deadline is gone (the referat has its own)', () => {
    const held = apply(withGroup(), { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-07-01' }, '2026-07-01T12:00:00.000Z', ['m2']);
    expect(openDeadlines(held, DEFAULT_POLICY).filter((d) => d.kind === 'unrecorded_meeting').map((d) => d.since)).toEqual([`m2@${held.followUp.meetings[1].at}`]);
  });

  test('when a history from before the rule replays, then a planned meeting has only its reminder before it', () => {
    expect(openDeadlines(withGroup(), DEFAULT_POLICY, () => false).map((d) => d.kind)).not.toContain('unrecorded_meeting');
  });
});

describe('law-complaint-after-closure', () => {
  const CLOSED_AT = '2026-05-04T10:00:00.000Z';
  const closedByKe = () => apply(withGroup(), { type: 'closeCase', reason: 'need_ended', on: '2026-05-04' }, CLOSED_AT, ['closure-letter']);
  const complain = (state: CaseState, receivedOn: string, at = '2026-06-20T10:00:00.000Z') =>
    apply(state, { type: 'registerComplaint', about: 'change_or_termination', receivedOn }, at, ['k1']);
  const outcome = (state: CaseState, outcome: RecordComplaintOutcome['outcome'], on: string, ids: string[] = []) =>
    transition(state, { type: 'recordComplaintOutcome', complaintId: 'k1', outcome, reasons: 'Behovet består.', on }, ctx(`${on}T12:00:00.000Z`, { ids }));

  test('when the family complains that KE ended the coordinator, then the complaint is registered on the closed case, on time within four weeks of the closure and late after', () => {
    const state = complain(closedByKe(), '2026-06-01');
    expect(state.status).toBe('closed');
    expect(state.complaints).toEqual([expect.objectContaining({ id: 'k1', about: 'change_or_termination', familyLearnedOn: '2026-05-04', late: false, status: 'received' })]);
    expect(complain(closedByKe(), '2026-06-02').complaints[0].late).toBe(true);
  });

  test('when KE reverses the complaint, then the case reopens as granted with a new decision and its letter, and KE appoints the coordinator again', () => {
    const result = accepted(outcome(complain(closedByKe(), '2026-05-10'), 'reversed_by_ke', '2026-05-20', ['reversal-letter']));
    expect(result.state).toMatchObject({ status: 'granted', closure: undefined, appointment: undefined });
    expect(result.state.complaints[0].status).toBe('reversed');
    expect(result.state.decisions.at(-1)).toMatchObject({ letterId: 'reversal-letter', outcome: 'granted', decidedOn: '2026-05-20' });
    expect(result.letter).toEqual({ id: 'reversal-letter', kind: 'complaint_reversal' });
    expect(result.event.data).toMatchObject({ reopened: true, reopenedTo: 'granted' });
    const again = apply(result.state, appointCmd(COORDINATOR, '2026-05-21'), '2026-05-21T09:00:00.000Z');
    expect(again).toMatchObject({ status: 'appointed', appointment: { coordinatorId: COORDINATOR, appointedOn: '2026-05-21' }, firstAppointedOn: '2026-02-15' });
  });

  test('when KE forwards the complaint, then the case stays closed; Statsforvalteren upholding keeps it closed, overturning reopens it; each is told by letter', () => {
    const forwarding = accepted(outcome(complain(closedByKe(), '2026-05-10'), 'forwarded_to_statsforvalteren', '2026-05-20', ['forwarded-letter']));
    expect(forwarding.letter).toEqual({ id: 'forwarded-letter', kind: 'complaint_forwarded' });
    const forwarded = deepFreeze(forwarding.state);
    expect(forwarded.status).toBe('closed');
    const upheld = accepted(outcome(forwarded, 'upheld_by_statsforvalteren', '2026-06-20', ['upheld-letter']));
    expect(upheld.state).toMatchObject({ status: 'closed', closure: { reason: 'need_ended' } });
    expect(upheld.letter).toEqual({ id: 'upheld-letter', kind: 'statsforvalteren_decision' });
    expect(upheld.state.complaints[0].outcomes.at(-1)).toMatchObject({ letterId: 'upheld-letter' });
    const overturned = accepted(outcome(forwarded, 'overturned_by_statsforvalteren', '2026-06-20', ['sf-letter']));
    expect(overturned.state.status).toBe('granted');
    // Statsforvalteren's decision is final: its letter, not KE's reconsideration with a new complaint right.
    expect(overturned.letter).toEqual({ id: 'sf-letter', kind: 'statsforvalteren_decision' });
  });

  test('when a closed case gets a complaint about anything but its closure, or any other command, then it is refused', () => {
    const closed = closedByKe();
    expect(refusal(transition(closed, { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-05-10' }, ctx('2026-05-10T10:00:00.000Z')))).toBe(
      'the case is closed: a complaint now concerns its closure (about: change_or_termination), not refusal',
    );
    const learnedBeforeClosure = { type: 'registerComplaint' as const, about: 'change_or_termination' as const, receivedOn: '2026-05-10', familyLearnedOn: '2026-05-01' };
    expect(refusal(transition(closed, learnedBeforeClosure, ctx('2026-05-10T10:00:00.000Z')))).toBe('familyLearnedOn 2026-05-01 is before the case closed (2026-05-04)');
    expect(refusal(transition(closed, { type: 'recordKickOff', heldOn: '2026-05-10' }, ctx('2026-05-10T10:00:00.000Z')))).toBe('the case is closed');
  });

  test('when the case closed at 18, then a complaint is registered (late after four weeks), KE cannot reverse it, and Statsforvalteren overturning it is recorded without reopening', () => {
    const end = '2034-03-15';
    const atEighteen = apply(appointed(), { type: 'closeCase', reason: 'age_limit', on: end }, '2034-03-14T23:00:00.000Z', ['closure-letter']);
    expect(complain(atEighteen, '2034-04-13', '2034-04-20T10:00:00.000Z').complaints[0].late).toBe(true);
    const complained = complain(atEighteen, '2034-03-20', '2034-03-20T10:00:00.000Z');
    expect(complained.complaints[0].late).toBe(false);
    expect(refusal(outcome(complained, 'reversed_by_ke', '2034-03-25'))).toMatch(/^the case closed at the age limit \(18\) and the young person is 18: /);
    const forwarded = deepFreeze(accepted(outcome(complained, 'forwarded_to_statsforvalteren', '2034-03-25', ['forwarded-letter'])).state);
    const overturned = accepted(outcome(forwarded, 'overturned_by_statsforvalteren', '2034-05-02', ['sf-letter']));
    expect(overturned.letter).toEqual({ id: 'sf-letter', kind: 'statsforvalteren_decision' });
    expect(overturned.state).toMatchObject({ status: 'closed', closure: { reason: 'age_limit' } });
    expect(overturned.state.complaints[0].status).toBe('overturned');
    expect(overturned.event.data).toMatchObject({ reopened: false });
  });

  test('when the case closed, then it takes complaints for a year after the closure and while one is pending', () => {
    const closed = closedByKe();
    expect(closureComplaintsUntil(closed)).toBe('2027-05-04T22:00:00.000Z');
    expect(complaintPending(closed)).toBe(false);
    expect(complaintPending(complain(closed, '2026-05-10'))).toBe(true);
    expect(closureComplaintsUntil(withGroup())).toBeUndefined();
  });

  test('when a history from before the rule replays, then a closed case refuses the complaint as it did', () => {
    const closed = closedByKe();
    const old = { ...ctx('2026-05-10T10:00:00.000Z'), applies: () => false };
    expect(refusal(transition(closed, { type: 'registerComplaint', about: 'change_or_termination', receivedOn: '2026-05-10' }, old))).toBe('the case is closed');
  });
});
