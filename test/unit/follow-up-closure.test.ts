/**
 * Follow-up after appointment (workflows/case/follow-up.ts through transition() in state.ts): extension past 18 and
 * closure. Pure: no server.
 */
import type { CaseCommand, CommandType } from '../../workflows/case/commands';
import { transition } from '../../workflows/case/state';
import type { CaseState } from '../../workflows/case/types';
import {
  COMPLETED_AT,
  CONSENT_AT,
  GRANTED_AT,
  INTERVIEW_AT,
  M1_AT,
  OTHER_COORDINATOR,
  accepted,
  allMetCmd,
  apply,
  appointCmd,
  appointed,
  consentCmd,
  ctx,
  granted,
  heldM1,
  interviewCmd,
  leave,
  refusal,
  registered,
} from './case-states';

describe('extendCase', () => {
  const EXTEND_AT = '2033-06-01T10:00:00.000Z';

  test.each([19, 23, 25])('when the municipality extends to %i, then the case keeps that age', (toAge) => {
    const result = accepted(transition(appointed(), { type: 'extendCase', toAge }, ctx(EXTEND_AT)));
    expect(result.state.extendedToAge).toBe(toAge);
    expect(result.event).toEqual({ type: 'CaseExtended', at: EXTEND_AT, data: { toAge } });
  });

  test.each([17, 18, 26])('when the municipality would extend to %i, then it is refused: only beyond 18 and at most to 25', (toAge) => {
    expect(refusal(transition(appointed(), { type: 'extendCase', toAge }, ctx(EXTEND_AT)))).toBe('a case can be extended only beyond age 18 and at most to 25');
  });

  test('when the case is already extended to 21, then only an age above 21 is accepted', () => {
    const extended = apply(appointed(), { type: 'extendCase', toAge: 21 }, EXTEND_AT);
    expect(refusal(transition(extended, { type: 'extendCase', toAge: 21 }, ctx(EXTEND_AT)))).toBe('a case can be extended only beyond age 21 and at most to 25');
    expect(refusal(transition(extended, { type: 'extendCase', toAge: 20 }, ctx(EXTEND_AT)))).toBe('a case can be extended only beyond age 21 and at most to 25');
    expect(accepted(transition(extended, { type: 'extendCase', toAge: 22 }, ctx(EXTEND_AT))).state.extendedToAge).toBe(22);
  });
});

describe('closeCase', () => {
  const CLOSE_AT = '2026-09-01T10:00:00.000Z';
  const close: CaseCommand = { type: 'closeCase', reason: 'need_ended', on: '2026-09-01', note: 'Behovet er dekket.' };

  const unmet = { met: false, text: 'Ikke alvorlig nok.' };
  const refusedCase = () => {
    let s = apply(registered(), consentCmd(), CONSENT_AT);
    s = apply(s, interviewCmd, INTERVIEW_AT);
    s = apply(s, { ...allMetCmd, seriousCondition: unmet }, COMPLETED_AT);
    return apply(s, { type: 'recordDecision', outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['ordinary_coordinator'], decidedOn: '2026-02-01' }, GRANTED_AT);
  };
  const withStatsforvalteren = () => {
    const complained = apply(refusedCase(), { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-10' }, '2026-02-10T10:00:00.000Z', ['k1']);
    return apply(complained, { type: 'recordComplaintOutcome', complaintId: 'k1', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE opprettholder.', on: '2026-02-20' }, '2026-02-20T10:00:00.000Z');
  };
  const openCases: [string, () => CaseState][] = [
    ['awaiting_consent', () => registered()],
    ['kartlegging', () => apply(registered(), consentCmd(), CONSENT_AT)],
    ['awaiting_decision', () => apply(apply(apply(registered(), consentCmd(), CONSENT_AT), interviewCmd, INTERVIEW_AT), allMetCmd, COMPLETED_AT)],
    ['granted', () => granted()],
    ['refused', refusedCase],
    ['complaint_with_statsforvalteren', withStatsforvalteren],
    ['appointed', () => appointed()],
  ];

  test.each(openCases)('when a case that is %s is closed, then it is closed since that instant with the closure and a closure letter', (status, make) => {
    const before = make();
    expect(before.status).toBe(status);
    const result = accepted(transition(before, close, ctx(CLOSE_AT, { ids: ['letter-1'] })));
    expect(result.state.status).toBe('closed');
    expect(result.state.statusSince).toBe(CLOSE_AT);
    expect(result.state.closure).toEqual({ reason: 'need_ended', on: '2026-09-01', note: 'Behovet er dekket.', letterId: 'letter-1', recordedAt: CLOSE_AT });
    expect(result.letter).toEqual({ id: 'letter-1', kind: 'closure' });
    expect(result.event).toEqual({ type: 'CaseClosed', at: CLOSE_AT, data: { reason: 'need_ended', on: '2026-09-01', letterId: 'letter-1' } });
  });

  test('when a case with a held and a planned meeting is closed, then the planned meeting is cancelled and the held one stays', () => {
    const result = accepted(transition(heldM1(), close, ctx(CLOSE_AT, { ids: ['letter-1'] })));
    expect(result.state.followUp.meetings).toEqual([
      { id: 'm1', at: M1_AT, status: 'held', heldOn: '2026-07-02' },
      { id: 'm2', at: '2026-10-02T08:00:00.000Z', status: 'cancelled' },
    ]);
  });

  test('when the workflow closes a case at the age limit, then the closure has that reason and no note', () => {
    const result = accepted(transition(appointed(), { type: 'closeCase', reason: 'age_limit', on: '2034-03-15' }, ctx('2034-03-14T23:00:00.000Z', { ids: ['letter-1'] })));
    expect(result.state.closure).toEqual({ reason: 'age_limit', on: '2034-03-15', letterId: 'letter-1', recordedAt: '2034-03-14T23:00:00.000Z' });
  });

  /** One command of every type; the mapped type makes the compiler name any type left out. */
  const everyCommand: { [T in CommandType]: Extract<CaseCommand, { type: T }> } = {
    recordConsent: consentCmd(),
    withdrawConsent: { type: 'withdrawConsent', scopes: ['information_sharing'], withdrawnBy: 'Per Testforelder', on: '2026-09-02' },
    scheduleKartlegging: { type: 'scheduleKartlegging', scheduledAt: '2026-09-10T10:00:00.000Z' },
    recordInterview: interviewCmd,
    recordAssessment: allMetCmd,
    recordDecision: { type: 'recordDecision', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: '2026-09-02' },
    registerComplaint: { type: 'registerComplaint', about: 'change_or_termination', receivedOn: '2026-09-02' },
    recordComplaintOutcome: { type: 'recordComplaintOutcome', complaintId: 'k1', outcome: 'reversed_by_ke', reasons: 'Omgjort.', on: '2026-09-02' },
    appoint: appointCmd(OTHER_COORDINATOR, '2026-09-02'),
    recordKickOff: { type: 'recordKickOff', heldOn: '2026-09-02' },
    establishAnsvarsgruppe: { type: 'establishAnsvarsgruppe' },
    planMeeting: { type: 'planMeeting', at: '2026-10-01T08:00:00.000Z' },
    moveMeeting: { type: 'moveMeeting', meetingId: 'm2', at: '2026-10-05T08:00:00.000Z' },
    cancelMeeting: { type: 'cancelMeeting', meetingId: 'm2' },
    recordMeeting: { type: 'recordMeeting', meetingId: 'm2', heldOn: '2026-09-02' },
    recordMinutes: { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-09-02' },
    setIndividualPlanStatus: { type: 'setIndividualPlanStatus', status: 'in_progress', on: '2026-09-02' },
    registerBirth: { type: 'registerBirth', birthDate: '2026-09-01' },
    recordAbsence: leave({ absenceId: 'abs-9' }),
    endLeave: { type: 'endLeave', absenceId: 'abs-9' },
    completeTask: { type: 'completeTask', taskId: 't1', doneOn: '2026-09-02' },
    extendCase: { type: 'extendCase', toAge: 20 },
    closeCase: { type: 'closeCase', reason: 'need_ended', on: '2026-09-02' },
  };

  // A complaint about the closure and its outcomes are the exception (law-complaint-after-closure, in law-rules.test.ts).
  const afterClosure = new Set(['registerComplaint', 'recordComplaintOutcome']);

  test.each(Object.entries(everyCommand).filter(([type]) => !afterClosure.has(type)))('when %s arrives after closure, then it is refused: the case is closed', (_type, command) => {
    const closed = apply(heldM1(), close, CLOSE_AT);
    expect(refusal(transition(closed, command, ctx('2026-09-02T10:00:00.000Z')))).toBe('the case is closed');
  });

  test('when a complaint about the closure arrives, then it is taken; under the rules before law-complaint-after-closure it was refused', () => {
    const closed = apply(heldM1(), close, CLOSE_AT);
    const at = ctx('2026-09-02T10:00:00.000Z');
    expect(transition(closed, everyCommand.registerComplaint, at).ok).toBe(true);
    expect(refusal(transition(closed, everyCommand.registerComplaint, { ...at, applies: () => false }))).toBe('the case is closed');
    expect(refusal(transition(closed, everyCommand.recordComplaintOutcome, { ...at, applies: () => false }))).toBe('the case is closed');
  });
});
