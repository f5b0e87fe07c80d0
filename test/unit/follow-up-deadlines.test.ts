/**
 * Deadlines after appointment and the workflow's own actions, in workflows/case/follow-up-deadlines.ts,
 * with the reminders and escalations alertsOf (deadlines.ts) gives each kind. Pure: no server.
 */
import type { CaseCommand } from '../../workflows/case/commands';
import { alertsOf, coordinatorRecipient, dueActions, endOfRight, followUpDeadlines, KE_INBOX, openDeadlines, pendingAlerts, type Deadline } from '../../workflows/case/deadlines';
import { DEFAULT_POLICY, type Policy } from '../../workflows/case/policy';
import type { CaseState } from '../../workflows/case/types';
import {
  APPOINTED_AT,
  CASE_ID,
  COORDINATOR,
  M1_AT,
  OTHER_COORDINATOR,
  apply,
  appointed,
  granted,
  heldM1,
  onLeave,
  registered,
  request,
  unbornRequest,
  withGroup,
} from './case-states';

const P = DEFAULT_POLICY;
const BK = `coordinator:${COORDINATOR}`;
const SUBSTITUTE = `coordinator:${OTHER_COORDINATOR}`;

/** The child (born 2016-03-15) turns 18 on 2034-03-15; the transition is planned 6 months before. */
const TRANSITION = (responsible = BK): Deadline => ({ kind: 'transition_planning', since: '2034-03-15', dueAt: '2033-09-14T22:00:00.000Z', responsible });
const KICK_OFF = (responsible = BK): Deadline => ({ kind: 'kick_off', since: APPOINTED_AT, dueAt: '2026-03-01T09:00:00.000Z', responsible });

const of = (state: CaseState, kind: Deadline['kind'], policy: Policy = P) => followUpDeadlines(state, policy).filter((d) => d.kind === kind);
const alerts = (d: Deadline, policy: Policy = P) => alertsOf(d, CASE_ID, policy);
const close = (state: CaseState) => apply(state, { type: 'closeCase', reason: 'need_ended', on: '2026-09-01' }, '2026-09-01T10:00:00.000Z');
const noSubstitute = { substituteId: undefined };
const departure = { kind: 'departure' as const, until: undefined };

describe('coordinatorRecipient', () => {
  test('when the case is appointed and the coordinator present, then the coordinator gets the reminders', () => {
    expect(coordinatorRecipient(appointed())).toBe(BK);
  });

  test('when the coordinator is on leave with a substitute, then the substitute gets them', () => {
    expect(coordinatorRecipient(onLeave())).toBe(SUBSTITUTE);
  });

  test('when the coordinator is on leave without a substitute, then KE gets them', () => {
    expect(coordinatorRecipient(onLeave(noSubstitute))).toBe(KE_INBOX);
  });

  test('when the coordinator has left without a substitute, then KE gets them', () => {
    expect(coordinatorRecipient(onLeave({ ...departure, ...noSubstitute }))).toBe(KE_INBOX);
  });

  test('when the coordinator has left and a substitute was named, then the substitute holds the case until KE appoints anew', () => {
    expect(coordinatorRecipient(onLeave(departure))).toBe(SUBSTITUTE);
  });

  test('when the leave has ended, then the coordinator gets them again', () => {
    expect(coordinatorRecipient(apply(onLeave(), { type: 'endLeave', absenceId: 'abs-1' }, '2026-03-20T23:00:00.000Z'))).toBe(BK);
  });

  test('when another coordinator has been appointed, then the new coordinator gets them', () => {
    const changed = apply(onLeave(noSubstitute), { type: 'appoint', unitId: 'unit-2', coordinatorId: 'coord-3', appointedOn: '2026-03-03' }, '2026-03-03T10:00:00.000Z');
    expect(coordinatorRecipient(changed)).toBe('coordinator:coord-3');
  });

  test('when no coordinator is appointed yet, then KE gets them', () => {
    expect(coordinatorRecipient(granted())).toBe(KE_INBOX);
    expect(KE_INBOX).toBe('ke');
  });
});

describe('followUpDeadlines for an appointed case', () => {
  test('when a case is freshly appointed, then the kick-off runs from the appointment (statusSince) for kickOffDays (14) and the transition is planned ahead of 18', () => {
    expect(followUpDeadlines(appointed(), P)).toEqual([KICK_OFF(), TRANSITION()]);
  });

  test('when the policy gives 10 days for the kick-off, then it is due 10 days after the appointment', () => {
    expect(of(appointed(), 'kick_off', { ...P, kickOffDays: 10 })[0].dueAt).toBe('2026-02-25T09:00:00.000Z');
  });

  test('when the kick-off was held, then its deadline is gone', () => {
    const held = apply(appointed(), { type: 'recordKickOff', heldOn: '2026-02-20' }, '2026-02-20T10:00:00.000Z');
    expect(followUpDeadlines(held, P)).toEqual([TRANSITION()]);
  });

  test('when the kick-off is open, then it has a reminder at its due time and an escalation to KE escalationDays (7) later', () => {
    expect(alerts(KICK_OFF())).toEqual([
      { key: `reminder:case-1:kick_off:${APPOINTED_AT}`, level: 'reminder', deadline: KICK_OFF(), at: '2026-03-01T09:00:00.000Z', recipient: BK },
      { key: `escalation:case-1:kick_off:${APPOINTED_AT}`, level: 'escalation', deadline: KICK_OFF(), at: '2026-03-08T09:00:00.000Z', recipient: 'ke' },
    ]);
  });

  test('when the case is only granted, then there are no follow-up deadlines for a born child', () => {
    expect(followUpDeadlines(granted(), P)).toEqual([]);
  });

  test('when the case is closed, then it has no follow-up deadlines at all', () => {
    const closed = close(heldM1(onLeave(noSubstitute, withGroup())));
    expect(followUpDeadlines(closed, P)).toEqual([]);
    expect(openDeadlines(closed, P)).toEqual([]);
    expect(pendingAlerts(closed, P)).toEqual([]);
  });
});

describe('meetings and minutes', () => {
  const meeting = (id: string, at: string, responsible = BK): Deadline => ({ kind: 'meeting', since: `${id}@${at}`, dueAt: at, responsible });

  test('when a meeting is planned, then it is a deadline at the meeting, keyed by meeting and time', () => {
    expect(of(withGroup(), 'meeting')).toEqual([meeting('m1', M1_AT)]);
  });

  test('when a meeting is planned, then its only alert is a reminder to the coordinator meetingReminderDays (7) before it', () => {
    const d = meeting('m1', M1_AT);
    expect(alerts(d)).toEqual([{ key: `reminder:case-1:meeting:m1@${M1_AT}`, level: 'reminder', deadline: d, at: '2026-06-24T08:00:00.000Z', recipient: BK }]);
  });

  test('when the policy reminds 2 days before, then the reminder comes 2 days before the meeting', () => {
    expect(alerts(meeting('m1', M1_AT), { ...P, meetingReminderDays: 2 }).map((a) => a.at)).toEqual(['2026-06-29T08:00:00.000Z']);
  });

  test('when a meeting is moved, then its alert gets a new key and the new time, so a reminder fired for the old time does not suppress it', () => {
    const to = '2026-07-08T08:00:00.000Z';
    const before = withGroup();
    const moved = apply(before, { type: 'moveMeeting', meetingId: 'm1', at: to }, '2026-06-25T10:00:00.000Z');
    const [oldReminder] = alerts(of(before, 'meeting')[0]);
    const [newReminder] = alerts(of(moved, 'meeting')[0]);
    expect(newReminder.key).toBe(`reminder:case-1:meeting:m1@${to}`);
    expect(newReminder.key).not.toBe(oldReminder.key);
    expect(newReminder.at).toBe('2026-07-01T08:00:00.000Z');
    const firedBefore: CaseState = { ...moved, fired: [oldReminder.key] };
    expect(pendingAlerts(firedBefore, P).map((a) => a.key)).toContain(newReminder.key);
  });

  test('when a meeting is held without a referat, then the referat is due minutesDays (7) after the Oslo start of that day, and the next meeting is a deadline', () => {
    expect(followUpDeadlines(heldM1(), P).filter((d) => d.kind === 'meeting' || d.kind === 'minutes')).toEqual([
      { kind: 'minutes', since: 'm1', dueAt: '2026-07-08T22:00:00.000Z', responsible: BK },
      meeting('m2', '2026-10-02T08:00:00.000Z'),
    ]);
  });

  test('when the referat is missing, then the coordinator is reminded at its due time and KE gets an escalation escalationDays (7) later', () => {
    const [d] = of(heldM1(), 'minutes');
    expect(alerts(d)).toEqual([
      { key: 'reminder:case-1:minutes:m1', level: 'reminder', deadline: d, at: '2026-07-08T22:00:00.000Z', recipient: BK },
      { key: 'escalation:case-1:minutes:m1', level: 'escalation', deadline: d, at: '2026-07-15T22:00:00.000Z', recipient: 'ke' },
    ]);
  });

  test('when the referat is recorded, then its deadline is gone', () => {
    const written = apply(heldM1(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-05' }, '2026-07-05T10:00:00.000Z');
    expect(of(written, 'minutes')).toEqual([]);
  });

  test('when a meeting is cancelled, then it has no deadline; only the next planned one has', () => {
    const cancelled = apply(withGroup(), { type: 'cancelMeeting', meetingId: 'm1' }, '2026-06-20T10:00:00.000Z', ['m2']);
    expect(followUpDeadlines(cancelled, P).filter((d) => d.kind === 'meeting' || d.kind === 'minutes')).toEqual([meeting('m2', '2026-10-01T08:00:00.000Z')]);
  });

  test('when consent to share information is withdrawn, then the planned meeting has no deadline but the missing referat still has', () => {
    const withdrawn = apply(heldM1(), { type: 'withdrawConsent', scopes: ['information_sharing'], withdrawnBy: 'Per Testforelder', on: '2026-07-10' }, '2026-07-10T10:00:00.000Z');
    expect(followUpDeadlines(withdrawn, P).filter((d) => d.kind === 'meeting' || d.kind === 'minutes').map((d) => [d.kind, d.since])).toEqual([['minutes', 'm1']]);
  });
});

describe('plan_evaluation', () => {
  const ACTIVE_AT = '2026-03-01T10:00:00.000Z';
  const active = () => apply(appointed(), { type: 'setIndividualPlanStatus', status: 'active', on: '2026-03-01' }, ACTIVE_AT);

  test('when the plan is not active, then there is no evaluation deadline', () => {
    expect(of(appointed(), 'plan_evaluation')).toEqual([]);
    expect(of(apply(appointed(), { type: 'setIndividualPlanStatus', status: 'in_progress', on: '2026-03-01' }, ACTIVE_AT), 'plan_evaluation')).toEqual([]);
  });

  test('when the plan became active, then it is to be evaluated planEvaluationDays (365) calendar days after that Oslo day', () => {
    expect(of(active(), 'plan_evaluation')).toEqual([{ kind: 'plan_evaluation', since: '2026-03-01', dueAt: '2027-02-28T23:00:00.000Z', responsible: BK }]);
  });

  test('when the plan was evaluated, then the next evaluation runs from the Oslo start of the evaluation day, with a new key', () => {
    const evaluated = apply(active(), { type: 'setIndividualPlanStatus', status: 'evaluated', on: '2026-09-01' }, '2026-09-02T10:00:00.000Z');
    expect(of(evaluated, 'plan_evaluation')).toEqual([
      { kind: 'plan_evaluation', since: '2026-09-01', dueAt: '2027-08-31T22:00:00.000Z', responsible: BK },
    ]);
  });

  test('when an evaluation is due, then its only alert is a reminder to the coordinator at the due time', () => {
    const [d] = of(active(), 'plan_evaluation');
    expect(alerts(d)).toEqual([{ key: 'reminder:case-1:plan_evaluation:2026-03-01', level: 'reminder', deadline: d, at: '2027-02-28T23:00:00.000Z', recipient: BK }]);
  });
});

describe('birth of an unborn child', () => {
  const unborn = { request: unbornRequest('2026-05-01') };
  const BIRTH: Deadline = { kind: 'birth', since: '2026-05-01', dueAt: '2026-05-14T22:00:00.000Z', responsible: 'ke' };

  test('when the child is unborn and the case just registered, then KE is to register the birth birthMarginDays (14) after the Oslo start of the termin', () => {
    expect(followUpDeadlines(registered(unborn), P)).toEqual([BIRTH]);
    expect(openDeadlines(registered(unborn), P).map((d) => d.kind)).toEqual(['consent', 'birth']);
  });

  test('when the unborn child\'s case is appointed, then the birth deadline is there beside the kick-off, and no transition is planned without a birth date', () => {
    expect(followUpDeadlines(appointed(unborn), P)).toEqual([BIRTH, KICK_OFF()]);
  });

  test('when the birth is due, then the only alert is a reminder to KE, even with a coordinator appointed', () => {
    const [d] = of(appointed(unborn), 'birth');
    expect(alerts(d)).toEqual([{ key: 'reminder:case-1:birth:2026-05-01', level: 'reminder', deadline: d, at: '2026-05-14T22:00:00.000Z', recipient: 'ke' }]);
  });

  test('when the birth is registered, then the birth deadline is gone and the transition is planned from the birth date', () => {
    const born = apply(appointed(unborn), { type: 'registerBirth', birthDate: '2026-05-02' }, '2026-05-03T10:00:00.000Z');
    expect(followUpDeadlines(born, P)).toEqual([
      KICK_OFF(),
      { kind: 'transition_planning', since: '2044-05-02', dueAt: '2043-11-01T23:00:00.000Z', responsible: BK },
    ]);
  });

  test('when the unborn child\'s case is closed, then there is no birth deadline', () => {
    expect(followUpDeadlines(close(registered(unborn)), P)).toEqual([]);
  });
});

describe('tasks and reassignment', () => {
  test('when the coordinator is on leave with a substitute, then informing the family is a deadline of its own kind, owed by the substitute, and no reassignment is needed', () => {
    expect(followUpDeadlines(onLeave(), P)).toEqual([
      KICK_OFF(SUBSTITUTE),
      { kind: 'inform_family', since: 't1', dueAt: '2026-03-05T10:00:00.000Z', responsible: SUBSTITUTE },
      { kind: 'inform_collaborators', since: 't2', dueAt: '2026-03-09T10:00:00.000Z', responsible: SUBSTITUTE },
      TRANSITION(SUBSTITUTE),
    ]);
  });

  test('when a task is open, then it has a reminder at its due time and an escalation to KE', () => {
    const [d] = of(onLeave(), 'inform_family');
    expect(alerts(d)).toEqual([
      { key: 'reminder:case-1:inform_family:t1', level: 'reminder', deadline: d, at: '2026-03-05T10:00:00.000Z', recipient: SUBSTITUTE },
      { key: 'escalation:case-1:inform_family:t1', level: 'escalation', deadline: d, at: '2026-03-12T10:00:00.000Z', recipient: 'ke' },
    ]);
  });

  test('when the task is done, then its deadline is gone', () => {
    const done = apply(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-04' }, '2026-03-04T10:00:00.000Z');
    expect(of(done, 'inform_family')).toEqual([]);
  });

  test('when the coordinator is on leave without a substitute, then KE must appoint anew within reassignDays (14), and the coordinator\'s deadlines go to KE', () => {
    expect(followUpDeadlines(onLeave(noSubstitute), P)).toEqual([
      KICK_OFF('ke'),
      { kind: 'inform_family', since: 't1', dueAt: '2026-03-05T10:00:00.000Z', responsible: 'ke' },
      { kind: 'inform_collaborators', since: 't2', dueAt: '2026-03-09T10:00:00.000Z', responsible: 'ke' },
      { kind: 'reassignment', since: 'abs-1', dueAt: '2026-03-16T10:00:00.000Z', responsible: 'ke' },
      TRANSITION('ke'),
    ]);
  });

  test.each([
    ['a departure without substitute', { ...departure, ...noSubstitute }],
    ['a departure with a substitute', departure],
    ['a leave without substitute', noSubstitute],
  ])('when the absence is %s, then there is a reassignment deadline for KE from when it was recorded', (_name, over) => {
    expect(of(onLeave(over), 'reassignment')).toEqual([{ kind: 'reassignment', since: 'abs-1', dueAt: '2026-03-16T10:00:00.000Z', responsible: 'ke' }]);
  });

  test('when reassignment is due, then its only alert is an escalation to KE at the due time', () => {
    const [d] = of(onLeave(departure), 'reassignment');
    expect(alerts(d)).toEqual([{ key: 'escalation:case-1:reassignment:abs-1', level: 'escalation', deadline: d, at: '2026-03-16T10:00:00.000Z', recipient: 'ke' }]);
  });

  test('when KE has appointed a new coordinator, then the reassignment is gone and telling the collaborators is a deadline owed by the new coordinator', () => {
    const changed = apply(onLeave(departure), { type: 'appoint', unitId: 'unit-2', coordinatorId: 'coord-3', appointedOn: '2026-03-03' }, '2026-03-03T10:00:00.000Z', ['t3', 't4', 'letter-1']);
    expect(of(changed, 'reassignment')).toEqual([]);
    expect(of(changed, 'inform_collaborators')).toEqual([
      { kind: 'inform_collaborators', since: 't2', dueAt: '2026-03-09T10:00:00.000Z', responsible: 'coordinator:coord-3' },
      { kind: 'inform_collaborators', since: 't3', dueAt: '2026-03-10T10:00:00.000Z', responsible: 'coordinator:coord-3' },
    ]);
    expect(of(changed, 'inform_family')[0].responsible).toBe('coordinator:coord-3');
  });

  test('when the reassignDays policy is 5, then the reassignment is due 5 days after the absence was recorded (2026-03-02T10:00Z)', () => {
    expect(of(onLeave(noSubstitute), 'reassignment', { ...P, reassignDays: 5 })[0].dueAt).toBe('2026-03-07T10:00:00.000Z');
  });
});

describe('transition_planning', () => {
  test('when the coordinator is present, then there are two reminders at the due time, to the coordinator and to KE, with distinct keys', () => {
    const d = TRANSITION();
    expect(alerts(d)).toEqual([
      { key: 'reminder:case-1:transition_planning:2034-03-15', level: 'reminder', deadline: d, at: '2033-09-14T22:00:00.000Z', recipient: BK },
      { key: 'reminder:case-1:transition_planning:2034-03-15:ke', level: 'reminder', deadline: d, at: '2033-09-14T22:00:00.000Z', recipient: 'ke' },
    ]);
  });

  test('when KE itself holds the case (leave without substitute), then KE gets one reminder, not two', () => {
    const [d] = of(onLeave(noSubstitute), 'transition_planning');
    expect(alerts(d)).toEqual([{ key: 'reminder:case-1:transition_planning:2034-03-15', level: 'reminder', deadline: d, at: '2033-09-14T22:00:00.000Z', recipient: 'ke' }]);
  });

  test('when the policy gives 12 months of notice, then the transition is planned a year before 18', () => {
    expect(of(appointed(), 'transition_planning', { ...P, closureNoticeMonths: 12 })[0].dueAt).toBe('2033-03-14T23:00:00.000Z');
  });

  test('when the case is extended to 23, then the transition is planned ahead of the 23rd birthday, under a new key', () => {
    const extended = apply(appointed(), { type: 'extendCase', toAge: 23 }, '2033-06-01T10:00:00.000Z');
    expect(endOfRight(extended)).toBe('2039-03-15');
    expect(of(extended, 'transition_planning')).toEqual([{ kind: 'transition_planning', since: '2039-03-15', dueAt: '2038-09-14T22:00:00.000Z', responsible: BK }]);
  });

  test('when the child was born on 29 February, then the right ends on 1 March in a common year and the transition is planned from 1 September', () => {
    const leap = appointed({ request: request({ birthDate: '2008-02-29' }) });
    expect(endOfRight(leap)).toBe('2026-03-01');
    expect(of(leap, 'transition_planning')).toEqual([{ kind: 'transition_planning', since: '2026-03-01', dueAt: '2025-08-31T22:00:00.000Z', responsible: BK }]);
  });

  test('when the case is not appointed, then no transition is planned', () => {
    expect(of(granted(), 'transition_planning')).toEqual([]);
  });
});

describe('dueActions', () => {
  const closeAt = (on: string, at: string) => ({ at, command: { type: 'closeCase', reason: 'age_limit', on } as CaseCommand });

  test('when a born child\'s case is appointed, then the workflow closes it at the Oslo start of the 18th birthday', () => {
    expect(dueActions(appointed())).toEqual([closeAt('2034-03-15', '2034-03-14T23:00:00.000Z')]);
  });

  test('when a born child\'s case is not yet appointed, then the age limit closes it all the same', () => {
    expect(dueActions(registered())).toEqual([closeAt('2034-03-15', '2034-03-14T23:00:00.000Z')]);
  });

  test('when the case is extended to 23, then the closure moves to the 23rd birthday', () => {
    const extended = apply(appointed(), { type: 'extendCase', toAge: 23 }, '2033-06-01T10:00:00.000Z');
    expect(dueActions(extended)).toEqual([closeAt('2039-03-15', '2039-03-14T23:00:00.000Z')]);
  });

  test('when the child was born on 29 February 2008, then the case closes at the Oslo start of 1 March 2026', () => {
    const leap = appointed({ request: request({ birthDate: '2008-02-29' }) });
    expect(dueActions(leap)).toEqual([closeAt('2026-03-01', '2026-02-28T23:00:00.000Z')]);
  });

  test('when the 29 February child\'s case is extended to 20, then it closes on 29 February 2028, a leap year', () => {
    const leap = apply(appointed({ request: request({ birthDate: '2008-02-29' }) }), { type: 'extendCase', toAge: 20 }, '2026-02-20T10:00:00.000Z');
    expect(dueActions(leap)).toEqual([closeAt('2028-02-29', '2028-02-28T23:00:00.000Z')]);
  });

  test('when the coordinator is on leave until 2026-03-20, then the leave ends at the Oslo start of the day after, before the age limit', () => {
    expect(dueActions(onLeave())).toEqual([
      { at: '2026-03-20T23:00:00.000Z', command: { type: 'endLeave', absenceId: 'abs-1' } },
      closeAt('2034-03-15', '2034-03-14T23:00:00.000Z'),
    ]);
  });

  test('when the leave ends on 31 March, after the clocks went forward, then it ends at 22:00 UTC (Oslo midnight in summer time)', () => {
    expect(dueActions(onLeave({ until: '2026-03-31' }))[0]).toEqual({ at: '2026-03-31T22:00:00.000Z', command: { type: 'endLeave', absenceId: 'abs-1' } });
  });

  test('when the leave\'s last day is the day before the clocks go forward, then it ends at the start of 2026-03-29 in winter time', () => {
    expect(dueActions(onLeave({ until: '2026-03-28' }))[0].at).toBe('2026-03-28T23:00:00.000Z');
  });

  test('when the leave ends after the age limit, then the closure comes first', () => {
    const leap = appointed({ request: request({ birthDate: '2008-02-29' }) });
    const absent = apply(leap, { type: 'recordAbsence', absenceId: 'abs-1', coordinatorId: COORDINATOR, kind: 'leave', from: '2026-02-20', until: '2026-04-30' }, '2026-02-20T10:00:00.000Z');
    expect(dueActions(absent)).toEqual([
      closeAt('2026-03-01', '2026-02-28T23:00:00.000Z'),
      { at: '2026-04-30T22:00:00.000Z', command: { type: 'endLeave', absenceId: 'abs-1' } },
    ]);
  });

  test('when the leave has no end date, or the coordinator departed, then there is no endLeave', () => {
    const closure = [closeAt('2034-03-15', '2034-03-14T23:00:00.000Z')];
    expect(dueActions(onLeave({ until: undefined }))).toEqual(closure);
    expect(dueActions(onLeave(departure))).toEqual(closure);
  });

  test('when the leave has ended, then there is no endLeave any more', () => {
    const ended = apply(onLeave(), { type: 'endLeave', absenceId: 'abs-1' }, '2026-03-20T23:00:00.000Z');
    expect(dueActions(ended)).toEqual([closeAt('2034-03-15', '2034-03-14T23:00:00.000Z')]);
  });

  test('when the child is unborn, then there is no age limit to act on', () => {
    expect(dueActions(appointed({ request: unbornRequest('2026-05-01') }))).toEqual([]);
    expect(endOfRight(appointed({ request: unbornRequest('2026-05-01') }))).toBeUndefined();
  });

  test('when the case is closed, then the workflow has nothing to do, even with a leave running', () => {
    expect(dueActions(close(onLeave()))).toEqual([]);
  });

  test('when the planned actions are applied, then each is accepted by the state machine', () => {
    const absent = onLeave();
    const [endLeave, closeCase] = dueActions(absent);
    const ended = apply(absent, endLeave.command, endLeave.at);
    expect(ended.absence).toBeUndefined();
    const closed = apply(ended, closeCase.command, closeCase.at, ['letter-1']);
    expect(closed.status).toBe('closed');
    expect(closed.closure).toEqual({ reason: 'age_limit', on: '2034-03-15', letterId: 'letter-1', recordedAt: '2034-03-14T23:00:00.000Z' });
  });
});
