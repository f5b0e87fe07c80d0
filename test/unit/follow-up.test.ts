/**
 * Follow-up after appointment in workflows/case/follow-up.ts, through transition() in state.ts:
 * kick-off, ansvarsgruppe and its meetings, the individuell plan, birth, absence and handover,
 * extension and closure. Pure: no server.
 */
import type { CaseCommand, CommandType } from '../../workflows/case/commands';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { transition } from '../../workflows/case/state';
import { nextDeadline } from '../../workflows/case/deadlines';
import type { CaseState, IndividualPlanStatus } from '../../workflows/case/types';
import {
  ABSENCE_AT,
  APPOINTED_AT,
  COMPLETED_AT,
  CONSENT_AT,
  COORDINATOR,
  GRANTED_AT,
  GROUP_AT,
  HELD_AT,
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
  onLeave,
  refusal,
  registered,
  unbornRequest,
  withGroup,
} from './case-states';

const KICK_OFF_AT = '2026-02-20T10:00:00.000Z';
/** m1 cancelled; the next meeting m2 is planned one interval on. */
const cancelledM1 = () => apply(withGroup(), { type: 'cancelMeeting', meetingId: 'm1' }, '2026-06-20T10:00:00.000Z', ['m2']);

describe('recordKickOff', () => {
  test('when the coordinator records the oppstartsamtale on an appointed case, then it is kept with its date, and the status and its start stay', () => {
    const before = appointed();
    const result = accepted(transition(before, { type: 'recordKickOff', heldOn: '2026-02-20' }, ctx(KICK_OFF_AT)));
    expect(result.state.followUp.kickOffHeldOn).toBe('2026-02-20');
    expect(result.state.status).toBe('appointed');
    expect(result.state.statusSince).toBe(APPOINTED_AT);
    expect(result.state.seq).toBe(before.seq + 1);
    expect(result.event).toEqual({ type: 'KickOffHeld', at: KICK_OFF_AT, data: { heldOn: '2026-02-20' } });
  });

  test('when the case is only granted, then the kick-off is refused: it requires an appointed coordinator', () => {
    expect(refusal(transition(granted(), { type: 'recordKickOff', heldOn: '2026-02-20' }, ctx(KICK_OFF_AT)))).toBe(
      'this step requires an appointed coordinator, but the case is granted',
    );
  });
});

describe('establishAnsvarsgruppe', () => {
  test('when an appointed case with consent to share information gets its ansvarsgruppe, then the first meeting is planned the policy interval (3 months) after that instant', () => {
    const result = accepted(transition(appointed(), { type: 'establishAnsvarsgruppe' }, ctx(GROUP_AT, { ids: ['m1'] })));
    expect(result.state.followUp.ansvarsgruppe).toEqual({ establishedAt: GROUP_AT, intervalMonths: 3 });
    expect(result.state.followUp.meetings).toEqual([{ id: 'm1', at: M1_AT, status: 'planned' }]);
    expect(result.event).toEqual({
      type: 'AnsvarsgruppeEstablished',
      at: GROUP_AT,
      data: { intervalMonths: 3, firstMeetingId: 'm1', firstMeetingAt: M1_AT },
    });
    expect(DEFAULT_POLICY.meetingIntervalMonths).toBe(3);
  });

  test('when the municipality sets 4 months between meetings, then the default interval and the first meeting follow the policy', () => {
    const policy = { ...DEFAULT_POLICY, meetingIntervalMonths: 4 };
    const result = accepted(transition(appointed(), { type: 'establishAnsvarsgruppe' }, ctx(GROUP_AT, { ids: ['m1'], policy })));
    expect(result.state.followUp.ansvarsgruppe).toEqual({ establishedAt: GROUP_AT, intervalMonths: 4 });
    expect(result.state.followUp.meetings[0].at).toBe('2026-08-01T08:00:00.000Z');
  });

  test('when the command names an interval of 1 month on 31 May, then the first meeting is on the last day of June at the same time', () => {
    const at = '2026-05-31T08:00:00.000Z';
    const result = accepted(transition(appointed(), { type: 'establishAnsvarsgruppe', intervalMonths: 1 }, ctx(at, { ids: ['m1'] })));
    expect(result.state.followUp.ansvarsgruppe).toEqual({ establishedAt: at, intervalMonths: 1 });
    expect(result.state.followUp.meetings).toEqual([{ id: 'm1', at: '2026-06-30T08:00:00.000Z', status: 'planned' }]);
  });

  test('when the command names the first meeting, then that meeting is planned at that instant and the interval stays the default', () => {
    const first = '2026-04-20T12:00:00.000Z';
    const result = accepted(transition(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: first }, ctx(GROUP_AT, { ids: ['m1'] })));
    expect(result.state.followUp.meetings).toEqual([{ id: 'm1', at: first, status: 'planned' }]);
    expect(result.state.followUp.ansvarsgruppe?.intervalMonths).toBe(3);
    expect(result.event.data).toEqual({ intervalMonths: 3, firstMeetingId: 'm1', firstMeetingAt: first });
  });

  test('when the ansvarsgruppe is already established, then a second one is refused', () => {
    expect(refusal(transition(withGroup(), { type: 'establishAnsvarsgruppe' }, ctx('2026-04-02T08:00:00.000Z')))).toBe(
      'the ansvarsgruppe is already established',
    );
  });

  test('when the parents consented to appointment only, then the ansvarsgruppe is refused: it needs consent to share information', () => {
    expect(refusal(transition(appointed({ covers: ['appointment'] }), { type: 'establishAnsvarsgruppe' }, ctx(GROUP_AT)))).toBe(
      'an ansvarsgruppe requires consent to sharing information',
    );
  });

  test('when consent to share information comes later, then the ansvarsgruppe can be established', () => {
    const later = apply(appointed({ covers: ['appointment'] }), consentCmd(['information_sharing'], { givenOn: '2026-03-01' }), '2026-03-01T10:00:00.000Z');
    expect(accepted(transition(later, { type: 'establishAnsvarsgruppe' }, ctx(GROUP_AT, { ids: ['m1'] }))).state.followUp.ansvarsgruppe).toEqual({
      establishedAt: GROUP_AT,
      intervalMonths: 3,
    });
  });

  test('when the case is granted but no coordinator is appointed, then the ansvarsgruppe is refused', () => {
    expect(refusal(transition(granted(), { type: 'establishAnsvarsgruppe' }, ctx(GROUP_AT)))).toBe(
      'this step requires an appointed coordinator, but the case is granted',
    );
  });
});

describe('planMeeting', () => {
  test('when an extra meeting is planned in an established ansvarsgruppe, then it is added as planned beside the first', () => {
    const at = '2026-05-05T08:00:00.000Z';
    const result = accepted(transition(withGroup(), { type: 'planMeeting', at }, ctx('2026-04-10T10:00:00.000Z', { ids: ['m2'] })));
    expect(result.state.followUp.meetings).toEqual([
      { id: 'm1', at: M1_AT, status: 'planned' },
      { id: 'm2', at, status: 'planned' },
    ]);
    expect(result.event).toEqual({ type: 'MeetingPlanned', at: '2026-04-10T10:00:00.000Z', data: { meetingId: 'm2', at } });
  });

  test('when there is no ansvarsgruppe, then a meeting is refused', () => {
    expect(refusal(transition(appointed(), { type: 'planMeeting', at: M1_AT }, ctx(GROUP_AT)))).toBe('meetings require an established ansvarsgruppe');
  });
});

describe('moveMeeting, cancelMeeting and recordMeeting', () => {
  test('when a planned meeting is moved, then only its time changes and no other meeting is planned', () => {
    const to = '2026-07-08T08:00:00.000Z';
    const result = accepted(transition(withGroup(), { type: 'moveMeeting', meetingId: 'm1', at: to }, ctx('2026-06-01T10:00:00.000Z', { ids: [] })));
    expect(result.state.followUp.meetings).toEqual([{ id: 'm1', at: to, status: 'planned' }]);
    expect(result.event.data).toEqual({ meetingId: 'm1', from: M1_AT, to });
    expect(result.event.type).toBe('MeetingMoved');
  });

  test('when the only planned meeting is cancelled, then the next is planned one interval after the cancelled meeting', () => {
    const result = accepted(transition(withGroup(), { type: 'cancelMeeting', meetingId: 'm1' }, ctx('2026-06-20T10:00:00.000Z', { ids: ['m2'] })));
    expect(result.state.followUp.meetings).toEqual([
      { id: 'm1', at: M1_AT, status: 'cancelled' },
      { id: 'm2', at: '2026-10-01T08:00:00.000Z', status: 'planned' },
    ]);
    expect(result.event).toEqual({ type: 'MeetingCancelled', at: '2026-06-20T10:00:00.000Z', data: { meetingId: 'm1' } });
  });

  test('when a meeting is cancelled while another is still planned, then no further meeting is planned', () => {
    const two = apply(withGroup(), { type: 'planMeeting', at: '2026-05-05T08:00:00.000Z' }, '2026-04-10T10:00:00.000Z', ['m2']);
    const result = accepted(transition(two, { type: 'cancelMeeting', meetingId: 'm1' }, ctx('2026-06-20T10:00:00.000Z', { ids: [] })));
    expect(result.state.followUp.meetings).toEqual([
      { id: 'm1', at: M1_AT, status: 'cancelled' },
      { id: 'm2', at: '2026-05-05T08:00:00.000Z', status: 'planned' },
    ]);
  });

  test('when the only planned meeting is held, then the next is planned one interval after the day it was held, at the planned time of day', () => {
    const result = accepted(transition(withGroup(), { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-07-02' }, ctx(HELD_AT, { ids: ['m2'] })));
    expect(result.state.followUp.meetings).toEqual([
      { id: 'm1', at: M1_AT, status: 'held', heldOn: '2026-07-02' },
      { id: 'm2', at: '2026-10-02T08:00:00.000Z', status: 'planned' },
    ]);
    expect(result.event).toEqual({ type: 'MeetingHeld', at: HELD_AT, data: { meetingId: 'm1', heldOn: '2026-07-02' } });
  });

  test('when a meeting is held earlier than planned, then the rhythm runs from the day it was held', () => {
    const result = accepted(transition(withGroup(), { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-06-29' }, ctx('2026-06-29T12:00:00.000Z', { ids: ['m2'] })));
    expect(result.state.followUp.meetings[1]).toEqual({ id: 'm2', at: '2026-09-29T08:00:00.000Z', status: 'planned' });
  });

  test('when the ansvarsgruppe meets every 2 months, then the next meeting after a held one is 2 months on', () => {
    const group = apply(appointed(), { type: 'establishAnsvarsgruppe', intervalMonths: 2 }, GROUP_AT, ['m1']);
    expect(group.followUp.meetings[0].at).toBe('2026-06-01T08:00:00.000Z');
    const result = accepted(transition(group, { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-06-01' }, ctx('2026-06-01T12:00:00.000Z', { ids: ['m2'] })));
    expect(result.state.followUp.meetings[1]).toEqual({ id: 'm2', at: '2026-08-01T08:00:00.000Z', status: 'planned' });
  });

  test('when a meeting is held while another is still planned, then no further meeting is planned', () => {
    const two = apply(withGroup(), { type: 'planMeeting', at: '2026-09-01T08:00:00.000Z' }, '2026-04-10T10:00:00.000Z', ['m2']);
    const result = accepted(transition(two, { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-07-01' }, ctx(HELD_AT, { ids: [] })));
    expect(result.state.followUp.meetings.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'held'],
      ['m2', 'planned'],
    ]);
  });

  const commandsOnMeeting = (meetingId: string): [string, CaseCommand][] => [
    ['moveMeeting', { type: 'moveMeeting', meetingId, at: '2026-12-01T08:00:00.000Z' }],
    ['cancelMeeting', { type: 'cancelMeeting', meetingId }],
    ['recordMeeting', { type: 'recordMeeting', meetingId, heldOn: '2026-07-03' }],
  ];

  test.each(commandsOnMeeting('m1'))('when %s names a meeting that is already held, then it is refused: the meeting is held, not planned', (_name, command) => {
    expect(refusal(transition(heldM1(), command, ctx('2026-07-03T10:00:00.000Z')))).toBe('meeting m1 is held, not planned');
  });

  test.each(commandsOnMeeting('m1'))('when %s names a cancelled meeting, then it is refused: the meeting is cancelled, not planned', (_name, command) => {
    expect(refusal(transition(cancelledM1(), command, ctx('2026-07-03T10:00:00.000Z')))).toBe('meeting m1 is cancelled, not planned');
  });

  test.each(commandsOnMeeting('nope'))('when %s names a meeting the case does not have, then it is refused', (_name, command) => {
    expect(refusal(transition(withGroup(), command, ctx('2026-07-03T10:00:00.000Z')))).toBe('no meeting nope on this case');
  });
});

describe('recordMinutes', () => {
  test('when the referat of a held meeting is recorded, then the meeting keeps the date the referat was written', () => {
    const result = accepted(transition(heldM1(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-05' }, ctx('2026-07-05T10:00:00.000Z', { ids: [] })));
    expect(result.state.followUp.meetings[0]).toEqual({ id: 'm1', at: M1_AT, status: 'held', heldOn: '2026-07-02', minutesOn: '2026-07-05' });
    expect(result.event).toEqual({ type: 'MinutesRecorded', at: '2026-07-05T10:00:00.000Z', data: { meetingId: 'm1', writtenOn: '2026-07-05' } });
  });

  test('when the referat is recorded a second time, then it is refused', () => {
    const written = apply(heldM1(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-05' }, '2026-07-05T10:00:00.000Z');
    expect(refusal(transition(written, { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-06' }, ctx('2026-07-06T10:00:00.000Z')))).toBe(
      'the referat of meeting m1 is already recorded',
    );
  });

  test('when the meeting is still planned, then a referat is refused', () => {
    expect(refusal(transition(withGroup(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-05' }, ctx(HELD_AT)))).toBe(
      'meeting m1 is planned, not held',
    );
  });

  test('when the meeting was cancelled, then a referat is refused', () => {
    expect(refusal(transition(cancelledM1(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-05' }, ctx(HELD_AT)))).toBe(
      'meeting m1 is cancelled, not held',
    );
  });

  test('when the meeting does not exist, then a referat is refused', () => {
    expect(refusal(transition(heldM1(), { type: 'recordMinutes', meetingId: 'nope', writtenOn: '2026-07-05' }, ctx(HELD_AT)))).toBe(
      'no meeting nope on this case',
    );
  });
});

describe('withdrawing consent to share information (withdrawConsent in state.ts)', () => {
  const withdrawSharing: CaseCommand = { type: 'withdrawConsent', scopes: ['information_sharing'], withdrawnBy: 'Per Testforelder', on: '2026-07-10' };
  const WITHDRAWN_AT = '2026-07-10T10:00:00.000Z';

  test('when the family withdraws it, then the ansvarsgruppe is gone, planned meetings are cancelled, held ones stay and the case stays appointed', () => {
    const result = accepted(transition(heldM1(), withdrawSharing, ctx(WITHDRAWN_AT, { ids: [] })));
    expect(result.state.followUp.ansvarsgruppe).toBeUndefined();
    expect(result.state.followUp.meetings).toEqual([
      { id: 'm1', at: M1_AT, status: 'held', heldOn: '2026-07-02' },
      { id: 'm2', at: '2026-10-02T08:00:00.000Z', status: 'cancelled' },
    ]);
    expect(result.state.status).toBe('appointed');
    expect(result.state.statusSince).toBe(APPOINTED_AT);
    expect(result.event).toEqual({
      type: 'ConsentWithdrawn',
      at: WITHDRAWN_AT,
      data: { scopes: ['information_sharing'], on: '2026-07-10', withdrawnBy: 'Per Testforelder' },
    });
  });

  test('when it is withdrawn, then no meeting can be planned, no ansvarsgruppe established, but the referat of a held meeting can still be recorded', () => {
    const withdrawn = apply(heldM1(), withdrawSharing, WITHDRAWN_AT);
    const at = ctx('2026-07-11T10:00:00.000Z');
    expect(refusal(transition(withdrawn, { type: 'planMeeting', at: '2026-09-01T08:00:00.000Z' }, at))).toBe('meetings require an established ansvarsgruppe');
    expect(refusal(transition(withdrawn, { type: 'establishAnsvarsgruppe' }, at))).toBe('an ansvarsgruppe requires consent to sharing information');
    expect(accepted(transition(withdrawn, { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-11' }, at)).state.followUp.meetings[0].minutesOn).toBe(
      '2026-07-11',
    );
  });

  test('when consent to share information is given again, then a new ansvarsgruppe can be established', () => {
    const withdrawn = apply(heldM1(), withdrawSharing, WITHDRAWN_AT);
    const again = apply(withdrawn, consentCmd(['information_sharing'], { givenOn: '2026-08-01' }), '2026-08-01T10:00:00.000Z');
    const result = accepted(transition(again, { type: 'establishAnsvarsgruppe' }, ctx('2026-08-02T08:00:00.000Z', { ids: ['m3'] })));
    expect(result.state.followUp.ansvarsgruppe).toEqual({ establishedAt: '2026-08-02T08:00:00.000Z', intervalMonths: 3 });
    expect(result.state.followUp.meetings.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'held'],
      ['m2', 'cancelled'],
      ['m3', 'planned'],
    ]);
  });

  test('when it is withdrawn before any ansvarsgruppe exists, then the follow-up is unchanged', () => {
    const before = appointed();
    const result = accepted(transition(before, withdrawSharing, ctx(WITHDRAWN_AT)));
    expect(result.state.followUp).toEqual(before.followUp);
  });
});

describe('setIndividualPlanStatus', () => {
  const PLAN_AT = '2026-03-01T10:00:00.000Z';
  const set = (status: IndividualPlanStatus, on = '2026-03-01') => ({ type: 'setIndividualPlanStatus' as const, status, on });
  /** The appointed case with its plan brought to `status` by allowed steps. */
  const planAt = (status: IndividualPlanStatus): CaseState => {
    const path: Record<IndividualPlanStatus, IndividualPlanStatus[]> = {
      not_started: [],
      in_progress: ['in_progress'],
      active: ['in_progress', 'active'],
      evaluated: ['active', 'evaluated'],
    };
    return path[status].reduce((s, st) => apply(s, set(st), PLAN_AT), appointed());
  };

  const allowed: [IndividualPlanStatus, IndividualPlanStatus][] = [
    ['not_started', 'in_progress'],
    ['not_started', 'active'],
    ['in_progress', 'active'],
    ['active', 'evaluated'],
    ['evaluated', 'evaluated'],
  ];
  const all: IndividualPlanStatus[] = ['not_started', 'in_progress', 'active', 'evaluated'];
  const refused = all.flatMap((from) => all.map((to): [IndividualPlanStatus, IndividualPlanStatus] => [from, to])).filter(([f, t]) => !allowed.some(([a, b]) => a === f && b === t));

  test.each(allowed)('when the plan goes from %s to %s, then the step is accepted', (from, to) => {
    const state = planAt(from);
    expect(state.followUp.individualPlan.status).toBe(from);
    const result = accepted(transition(state, set(to, '2026-09-01'), ctx('2026-09-01T10:00:00.000Z')));
    expect(result.state.followUp.individualPlan.status).toBe(to);
    expect(result.event).toEqual({ type: 'IndividualPlanStatusSet', at: '2026-09-01T10:00:00.000Z', data: { status: to, on: '2026-09-01' } });
  });

  test('when the 11 other steps are listed, then none is missing', () => {
    expect(refused).toHaveLength(11);
  });

  test.each(refused)('when the plan would go from %s to %s, then it is refused', (from, to) => {
    expect(refusal(transition(planAt(from), set(to), ctx('2026-09-01T10:00:00.000Z')))).toBe(`the individuell plan cannot go from ${from} to ${to}`);
  });

  test('when the plan starts or becomes active, then it is in that status since the instant of the command, without an evaluation', () => {
    const result = accepted(transition(appointed(), set('active'), ctx(PLAN_AT)));
    expect(result.state.followUp.individualPlan).toEqual({ status: 'active', since: PLAN_AT, lastEvaluatedOn: undefined });
  });

  test('when the plan is evaluated, then it keeps the start of its active period and records the evaluation date, each time', () => {
    const once = accepted(transition(planAt('active'), set('evaluated', '2026-09-01'), ctx('2026-09-02T10:00:00.000Z'))).state;
    expect(once.followUp.individualPlan).toEqual({ status: 'evaluated', since: PLAN_AT, lastEvaluatedOn: '2026-09-01' });
    const twice = accepted(transition(once, set('evaluated', '2027-08-20'), ctx('2027-08-20T10:00:00.000Z'))).state;
    expect(twice.followUp.individualPlan).toEqual({ status: 'evaluated', since: PLAN_AT, lastEvaluatedOn: '2027-08-20' });
  });
});

describe('registerBirth', () => {
  const unbornAppointed = () => appointed({ request: unbornRequest('2026-05-01') });

  test('when the birth of an unborn child is registered, then the child has its birth date and keeps its termin', () => {
    const at = '2026-05-03T10:00:00.000Z';
    const result = accepted(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-02' }, ctx(at)));
    expect(result.state.request.child).toEqual({ name: 'Nora Testbarn', birthDate: '2026-05-02', expectedDate: '2026-05-01', adopted: false });
    expect(result.event).toEqual({ type: 'BirthRegistered', at, data: { birthDate: '2026-05-02' } });
  });

  test('when the case is not yet appointed, then the birth can still be registered', () => {
    const result = accepted(transition(registered({ request: unbornRequest('2026-05-01') }), { type: 'registerBirth', birthDate: '2026-05-02' }, ctx('2026-05-03T10:00:00.000Z')));
    expect(result.state.request.child.birthDate).toBe('2026-05-02');
    expect(result.state.status).toBe('awaiting_consent');
  });

  test('when the child is already born, then a birth is refused', () => {
    expect(refusal(transition(appointed(), { type: 'registerBirth', birthDate: '2026-05-02' }, ctx('2026-05-03T10:00:00.000Z')))).toBe('the child is already born');
  });

  test('when the birth date is after today in Oslo, then it is refused', () => {
    expect(refusal(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-04' }, ctx('2026-05-03T10:00:00.000Z')))).toBe(
      'a birth cannot be registered in the future',
    );
  });

  test('when it is 00:30 in Oslo but still the day before in UTC, then a birth on the Oslo date is accepted', () => {
    const result = accepted(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-03' }, ctx('2026-05-02T22:30:00.000Z')));
    expect(result.state.request.child.birthDate).toBe('2026-05-03');
  });

  test('when it is 23:59:59 in Oslo, then a birth on the next day is refused', () => {
    expect(refusal(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-03' }, ctx('2026-05-02T21:59:59.000Z')))).toBe(
      'a birth cannot be registered in the future',
    );
  });
});

describe('recordAbsence', () => {
  test('when the coordinator goes on leave with a substitute, then the absence is kept and the family is to be informed within informFamilyDays (3)', () => {
    const before = appointed();
    const result = accepted(transition(before, leave(), ctx(ABSENCE_AT, { ids: ['t1'] })));
    expect(result.state.absence).toEqual({
      id: 'abs-1',
      coordinatorId: COORDINATOR,
      kind: 'leave',
      from: '2026-03-02',
      until: '2026-03-20',
      substituteId: OTHER_COORDINATOR,
      recordedAt: ABSENCE_AT,
    });
    expect(result.state.absencesSeen).toEqual(['abs-1']);
    expect(result.state.tasks).toEqual([{ id: 't1', kind: 'inform_family', createdAt: ABSENCE_AT, dueAt: '2026-03-05T10:00:00.000Z' }]);
    expect(result.state.appointment).toEqual(before.appointment);
    expect(result.event).toEqual({
      type: 'CoordinatorAbsent',
      at: ABSENCE_AT,
      data: { absenceId: 'abs-1', kind: 'leave', from: '2026-03-02', until: '2026-03-20', substituteId: OTHER_COORDINATOR },
    });
  });

  test('when the municipality gives 5 days to inform the family, then the task is due 5 days after the absence is recorded', () => {
    const policy = { ...DEFAULT_POLICY, informFamilyDays: 5 };
    const result = accepted(transition(appointed(), leave(), ctx(ABSENCE_AT, { ids: ['t1'], policy })));
    expect(result.state.tasks[0].dueAt).toBe('2026-03-07T10:00:00.000Z');
  });

  test('when the coordinator departs without a substitute, then the absence has no end and no substitute', () => {
    const result = accepted(transition(appointed(), leave({ kind: 'departure', until: undefined, substituteId: undefined }), ctx(ABSENCE_AT, { ids: ['t1'] })));
    expect(result.state.absence).toEqual({ id: 'abs-1', coordinatorId: COORDINATOR, kind: 'departure', from: '2026-03-02', recordedAt: ABSENCE_AT });
  });

  test('when the same absence arrives again, then it is refused and nothing is added', () => {
    expect(refusal(transition(onLeave(), leave(), ctx('2026-03-02T10:05:00.000Z')))).toBe('absence abs-1 is already recorded');
  });

  test('when an absence that has ended arrives again, then it is still refused', () => {
    const ended = apply(onLeave(), { type: 'endLeave', absenceId: 'abs-1' }, '2026-03-20T23:00:00.000Z');
    expect(refusal(transition(ended, leave(), ctx('2026-03-21T10:00:00.000Z')))).toBe('absence abs-1 is already recorded');
  });

  test('when the absent coordinator is not the coordinator of the case, then it is refused', () => {
    expect(refusal(transition(appointed(), leave({ coordinatorId: 'coord-9' }), ctx(ABSENCE_AT)))).toBe('the absent coordinator is not the coordinator of this case');
  });

  test('when the case has no appointed coordinator, then it is refused', () => {
    expect(refusal(transition(granted(), leave(), ctx(ABSENCE_AT)))).toBe('the absent coordinator is not the coordinator of this case');
  });

  test('when the substitute is the absent coordinator, then it is refused', () => {
    expect(refusal(transition(appointed(), leave({ substituteId: COORDINATOR }), ctx(ABSENCE_AT)))).toBe('a coordinator cannot substitute for themselves');
  });
});

describe('endLeave', () => {
  test('when the running leave ends, then the absence is cleared, the seen absences and the task stay', () => {
    const at = '2026-03-20T23:00:00.000Z';
    const before = onLeave();
    const result = accepted(transition(before, { type: 'endLeave', absenceId: 'abs-1' }, ctx(at)));
    expect(result.state.absence).toBeUndefined();
    expect(result.state.absencesSeen).toEqual(['abs-1']);
    expect(result.state.tasks).toEqual(before.tasks);
    expect(result.event).toEqual({ type: 'LeaveEnded', at, data: { absenceId: 'abs-1', coordinatorId: COORDINATOR } });
  });

  test('when another absence id is named, then it is refused', () => {
    expect(refusal(transition(onLeave(), { type: 'endLeave', absenceId: 'abs-2' }, ctx('2026-03-21T10:00:00.000Z')))).toBe('no leave abs-2 is running');
  });

  test('when the absence is a departure, then it is refused: a departure does not end', () => {
    const departed = onLeave({ kind: 'departure', until: undefined, substituteId: undefined });
    expect(refusal(transition(departed, { type: 'endLeave', absenceId: 'abs-1' }, ctx('2026-03-21T10:00:00.000Z')))).toBe('no leave abs-1 is running');
  });

  test('when no absence is running, then it is refused', () => {
    expect(refusal(transition(appointed(), { type: 'endLeave', absenceId: 'abs-1' }, ctx('2026-03-21T10:00:00.000Z')))).toBe('no leave abs-1 is running');
  });
});

describe('change of coordinator (appoint on an appointed case)', () => {
  const CHANGE_AT = '2026-03-03T10:00:00.000Z';
  const change = { type: 'appoint' as const, unitId: 'unit-2', coordinatorId: OTHER_COORDINATOR, appointedOn: '2026-03-03' };

  test('when KE appoints another coordinator during a leave, then the appointment is replaced, the absence cleared and the collaborators are to be told within informCollaboratorsDays (7)', () => {
    const before = onLeave();
    const result = accepted(transition(before, change, ctx(CHANGE_AT, { ids: ['t2'] })));
    // toMatchObject, not toEqual: reassign() also copies the command's `type: 'appoint'` into the
    // appointment (reported; a first appointment has exactly these four fields).
    expect(result.state.appointment).toMatchObject({ unitId: 'unit-2', coordinatorId: OTHER_COORDINATOR, appointedOn: '2026-03-03', recordedAt: CHANGE_AT });
    expect(result.state.absence).toBeUndefined();
    expect(result.state.absencesSeen).toEqual(['abs-1']);
    expect(result.state.tasks).toEqual([
      ...before.tasks,
      { id: 't2', kind: 'inform_collaborators', createdAt: CHANGE_AT, dueAt: '2026-03-10T10:00:00.000Z' },
    ]);
    expect(result.state.status).toBe('appointed');
    expect(result.state.statusSince).toBe(APPOINTED_AT);
    expect(result.event).toEqual({
      type: 'CoordinatorChanged',
      at: CHANGE_AT,
      data: { unitId: 'unit-2', coordinatorId: OTHER_COORDINATOR, previousCoordinatorId: COORDINATOR, appointedOn: '2026-03-03' },
    });
    expect(result.letter).toBeUndefined();
  });

  test('when KE appoints another coordinator with no absence, then it is a change all the same', () => {
    const result = accepted(transition(appointed(), change, ctx(CHANGE_AT, { ids: ['t2'] })));
    expect(result.event.type).toBe('CoordinatorChanged');
    expect(result.state.tasks).toEqual([{ id: 't2', kind: 'inform_collaborators', createdAt: CHANGE_AT, dueAt: '2026-03-10T10:00:00.000Z' }]);
  });

  test('when KE appoints the coordinator already appointed, then it is refused', () => {
    expect(refusal(transition(appointed(), appointCmd(COORDINATOR, '2026-03-03'), ctx(CHANGE_AT)))).toBe('this coordinator is already appointed');
  });

  test('when the former coordinator is then reported absent, then it is refused: they no longer hold the case', () => {
    const changed = apply(appointed(), change, CHANGE_AT);
    expect(refusal(transition(changed, leave({ absenceId: 'abs-2', substituteId: undefined }), ctx('2026-03-04T10:00:00.000Z')))).toBe(
      'the absent coordinator is not the coordinator of this case',
    );
  });
});

describe('completeTask', () => {
  test('when a task is done, then it keeps the date it was done', () => {
    const result = accepted(transition(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-04' }, ctx('2026-03-04T10:00:00.000Z')));
    expect(result.state.tasks).toEqual([{ id: 't1', kind: 'inform_family', createdAt: ABSENCE_AT, dueAt: '2026-03-05T10:00:00.000Z', doneOn: '2026-03-04' }]);
    expect(result.event).toEqual({ type: 'TaskCompleted', at: '2026-03-04T10:00:00.000Z', data: { taskId: 't1', kind: 'inform_family', doneOn: '2026-03-04' } });
  });

  test('when a task is completed a second time, then it is refused', () => {
    const done = apply(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-04' }, '2026-03-04T10:00:00.000Z');
    expect(refusal(transition(done, { type: 'completeTask', taskId: 't1', doneOn: '2026-03-05' }, ctx('2026-03-05T10:00:00.000Z')))).toBe('task t1 is already done');
  });

  test('when the task does not exist, then it is refused', () => {
    expect(refusal(transition(onLeave(), { type: 'completeTask', taskId: 'nope', doneOn: '2026-03-04' }, ctx('2026-03-04T10:00:00.000Z')))).toBe(
      'no task nope on this case',
    );
  });
});

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

  test.each(Object.entries(everyCommand))('when %s arrives after closure, then it is refused: the case is closed', (_type, command) => {
    const closed = apply(heldM1(), close, CLOSE_AT);
    expect(refusal(transition(closed, command, ctx('2026-09-02T10:00:00.000Z')))).toBe('the case is closed');
  });
});

describe('meeting times', () => {
  test('when a meeting time is given with an offset, then it is kept in UTC and the next deadline compares it rightly', () => {
    const state = apply(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: '2026-03-01T10:00:00+02:00' }, '2026-02-20T09:00:00.000Z', ['m1']);
    expect(state.followUp.meetings[0].at).toBe('2026-03-01T08:00:00.000Z');
    expect(nextDeadline(state, DEFAULT_POLICY)).toBe('2026-03-01T08:00:00.000Z');
  });

  test('when a meeting is held in winter, then the next one keeps its Oslo time of day in summer', () => {
    const state = apply(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: '2026-03-10T08:00:00.000Z' }, '2026-02-16T09:00:00.000Z', ['m1']);
    const held = apply(state, { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-03-10' }, '2026-03-10T12:00:00.000Z', ['m2']);
    // 09:00 in Oslo both times: UTC+1 in March (before the clocks go forward), UTC+2 in June.
    expect(held.followUp.meetings[1].at).toBe('2026-06-10T07:00:00.000Z');
  });
});
