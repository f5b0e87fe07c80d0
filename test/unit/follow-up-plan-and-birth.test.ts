/**
 * Follow-up after appointment (workflows/case/follow-up.ts through transition() in state.ts): withdrawing consent
 * to share information, the individuell plan and the birth of an expected child. Pure: no server.
 */
import type { CaseCommand, SetIndividualPlanStatus } from '../../workflows/case/commands';
import { transition } from '../../workflows/case/state';
import type { CaseState, IndividualPlanStatus } from '../../workflows/case/types';
import {
  APPOINTED_AT,
  M1_AT,
  accepted,
  apply,
  appointed,
  consentCmd,
  ctx,
  heldM1,
  refusal,
  registered,
  unbornRequest,
} from './case-states';

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
  // 'not_started' is no status a caller can give (the schema refuses it); the rule is held to refuse it too.
  const set = (status: IndividualPlanStatus, on = '2026-03-01') => ({ type: 'setIndividualPlanStatus' as const, status: status as SetIndividualPlanStatus['status'], on });
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
    expect(refusal(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-04' }, ctx('2026-05-03T10:00:00.000Z')))).toMatch(
      /^birthDate 2026-05-04 is after today \(2026-05-03\)/,
    );
  });

  test('when it is 00:30 in Oslo but still the day before in UTC, then a birth on the Oslo date is accepted', () => {
    const result = accepted(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-03' }, ctx('2026-05-02T22:30:00.000Z')));
    expect(result.state.request.child.birthDate).toBe('2026-05-03');
  });

  test('when it is 23:59:59 in Oslo, then a birth on the next day is refused', () => {
    expect(refusal(transition(unbornAppointed(), { type: 'registerBirth', birthDate: '2026-05-03' }, ctx('2026-05-02T21:59:59.000Z')))).toMatch(
      /^birthDate 2026-05-03 is after today \(2026-05-02\)/,
    );
  });
});
