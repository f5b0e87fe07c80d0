/**
 * Follow-up after appointment (workflows/case/follow-up.ts through transition() in state.ts): the oppstartsamtale,
 * the ansvarsgruppe and its meetings, minutes and meeting times. Pure: no server.
 */
import type { CaseCommand } from '../../workflows/case/commands';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { transition } from '../../workflows/case/state';
import { nextDeadline } from '../../workflows/case/deadlines';
import {
  APPOINTED_AT,
  GROUP_AT,
  HELD_AT,
  M1_AT,
  accepted,
  apply,
  appointed,
  consentCmd,
  ctx,
  granted,
  heldM1,
  refusal,
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
