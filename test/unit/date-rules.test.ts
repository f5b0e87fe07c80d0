/**
 * The date rules: every date a command carries is held to the case and to the command's time
 * (ctx.at), and refused with a message naming the field. Pure: fixed dates, no clock.
 */
import type { CaseCommand } from '../../workflows/case/commands';
import { createCase, requestRefusal, transition } from '../../workflows/case/state';
import { dueActions, openDeadlines } from '../../workflows/case/deadlines';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import type { CaseState } from '../../workflows/case/types';
import {
  ABSENCE_AT,
  APPOINTED_AT,
  CASE_ID,
  GRANTED_AT,
  GROUP_AT,
  HELD_AT,
  OTHER_COORDINATOR,
  REGISTERED_AT,
  accepted,
  apply,
  appointCmd,
  appointed,
  consentCmd,
  created,
  ctx,
  granted,
  heldM1,
  interviewCmd,
  leave,
  onLeave,
  refusal,
  registered,
  request,
  unbornRequest,
  withGroup,
} from './case-states';

/** The command given at `at`: accepted or refused, whatever the rule says. */
const give = (state: CaseState, command: CaseCommand, at: string) => transition(state, command, ctx(at));
const LATER = '2026-09-01T10:00:00.000Z';

describe('registration: requestRefusal', () => {
  // Registered 2026-01-05T09:00Z (Oslo 10:00); received the same day.
  test('when receivedOn is after the day of registration in Oslo, then it is refused naming receivedOn', () => {
    expect(requestRefusal(request({}, { receivedOn: '2026-01-06' }), REGISTERED_AT)).toMatch(/^receivedOn 2026-01-06 is after the day the request is registered \(2026-01-05\)/);
  });

  test('when the request is registered at 23:30 UTC, then receivedOn may be the next day: it is already that day in Oslo', () => {
    expect(requestRefusal(request({}, { receivedOn: '2026-01-06' }), '2026-01-05T23:30:00.000Z')).toBeUndefined();
  });

  test('when receivedOn is more than a year before registration, then it is refused; 366 days before is accepted', () => {
    expect(requestRefusal(request({}, { receivedOn: '2025-01-03' }), REGISTERED_AT)).toMatch(/^receivedOn 2025-01-03 is more than a year before/);
    expect(requestRefusal(request({}, { receivedOn: '2025-01-04' }), REGISTERED_AT)).toBeUndefined();
  });

  test('when a born child is dated after today (2090), then it is refused naming child.birthDate', () => {
    expect(requestRefusal(request({ birthDate: '2090-01-01' }), REGISTERED_AT)).toMatch(/^child\.birthDate 2090-01-01 is after today \(2026-01-05\)/);
  });

  test('when a born child was born today, then it is accepted', () => {
    expect(requestRefusal(request({ birthDate: '2026-01-05' }), REGISTERED_AT)).toBeUndefined();
  });

  test('when the child was born more than 300 days after the request was received, then it is refused', () => {
    const req = request({ birthDate: '2026-01-05' }, { receivedOn: '2025-03-01' });
    expect(requestRefusal(req, REGISTERED_AT)).toMatch(/^child\.birthDate 2026-01-05 is more than 300 days after the request was received \(2025-03-01\)/);
  });

  test('when the child is 25 on the day the request was received, then it is refused: no case can last past 25; at 24 it is accepted', () => {
    expect(requestRefusal(request({ birthDate: '2001-01-05' }), REGISTERED_AT)).toMatch(/^child\.birthDate 2001-01-05 makes the child 25 .*hol § 7-2 a/);
    expect(requestRefusal(request({ birthDate: '2001-01-06' }), REGISTERED_AT)).toBeUndefined();
  });

  test('when the child was born in 1900, then it is refused: the child would be 126', () => {
    expect(requestRefusal(request({ birthDate: '1900-01-01' }), REGISTERED_AT)).toMatch(/makes the child 126/);
  });

  test('when the termin is more than six weeks before the request was received, then it is refused; six weeks is accepted', () => {
    expect(requestRefusal(unbornRequest('2025-11-23'), REGISTERED_AT)).toMatch(/^child\.expectedDate 2025-11-23 is more than 6 weeks before the request was received/);
    expect(requestRefusal(unbornRequest('2025-11-24'), REGISTERED_AT)).toBeUndefined();
  });

  test('when the termin is more than 300 days after the request was received, then it is refused; 300 days is accepted', () => {
    expect(requestRefusal(unbornRequest('2026-11-02'), REGISTERED_AT)).toMatch(/^child\.expectedDate 2026-11-02 is more than 300 days after/);
    expect(requestRefusal(unbornRequest('2026-11-01'), REGISTERED_AT)).toBeUndefined();
    expect(requestRefusal(unbornRequest('2199-12-31'), REGISTERED_AT)).toMatch(/^child\.expectedDate 2199-12-31/);
  });

  test('when createCase gets a request it refuses, then it answers ok: false with the reason and no state', () => {
    expect(createCase('case-1', request({ birthDate: '2090-01-01' }), REGISTERED_AT)).toEqual({ ok: false, message: expect.stringMatching(/^child\.birthDate/) });
    expect(created(createCase('case-1', request(), REGISTERED_AT)).state.status).toBe('awaiting_consent');
  });
});

describe('consent: givenOn', () => {
  test('when givenOn is after the day the consent is recorded, then it is refused naming givenOn', () => {
    expect(refusal(give(registered(), consentCmd(undefined, { givenOn: '2026-01-11' }), '2026-01-10T10:00:00.000Z'))).toMatch(/^givenOn 2026-01-11 is after today \(2026-01-10\)/);
  });

  test('when the consent form was signed up to 90 days before the request was received, then it is accepted; 91 days is refused', () => {
    expect(accepted(give(registered(), consentCmd(undefined, { givenOn: '2025-10-07' }), '2026-01-10T10:00:00.000Z')).state.status).toBe('kartlegging');
    expect(refusal(give(registered(), consentCmd(undefined, { givenOn: '2025-10-06' }), '2026-01-10T10:00:00.000Z'))).toMatch(/^givenOn 2025-10-06 is before the earliest a consent/);
  });
});

describe('withdrawal of consent: on', () => {
  const consented = () => apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z');
  const withdraw = (on: string): CaseCommand => ({ type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on });

  test('when a consent is withdrawn on a day before it was given, then it is refused naming on', () => {
    expect(refusal(give(consented(), withdraw('2026-01-09'), '2026-01-12T10:00:00.000Z'))).toBe('on 2026-01-09 is before the consent it withdraws was given (2026-01-10)');
  });

  test('when a withdrawal is dated after today, then it is refused', () => {
    expect(refusal(give(consented(), withdraw('2026-01-13'), '2026-01-12T10:00:00.000Z'))).toMatch(/^on 2026-01-13 is after today/);
  });

  test('when a withdrawal is dated the day the consent was given, then it is accepted', () => {
    expect(accepted(give(consented(), withdraw('2026-01-10'), '2026-01-12T10:00:00.000Z')).state.status).toBe('awaiting_consent');
  });
});

describe('scheduling the kartleggingssamtale: scheduledAt', () => {
  const inKartlegging = () => apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z');
  const schedule = (scheduledAt: string): CaseCommand => ({ type: 'scheduleKartlegging', scheduledAt });

  test('when scheduledAt is before the day the request was received, then it is refused naming scheduledAt', () => {
    expect(refusal(give(inKartlegging(), schedule('2026-01-04T12:00:00.000Z'), '2026-01-12T10:00:00.000Z'))).toMatch(/^scheduledAt 2026-01-04T12:00:00.000Z is before the day the request was received/);
  });

  test('when scheduledAt is more than 18 months ahead, then it is refused; exactly 18 months is accepted', () => {
    const at = '2026-01-12T10:00:00.000Z';
    expect(refusal(give(inKartlegging(), schedule('2027-07-12T10:00:00.001Z'), at))).toMatch(/is more than 18 months ahead \(after 2027-07-12T10:00:00.000Z\)/);
    expect(accepted(give(inKartlegging(), schedule('2027-07-12T10:00:00.000Z'), at)).ok).toBe(true);
    expect(refusal(give(inKartlegging(), schedule('2199-12-31T23:59:59.999Z'), at))).toMatch(/^scheduledAt/);
  });

  test('when the interview was held earlier on the day the request came, then scheduling it afterwards is accepted', () => {
    expect(accepted(give(inKartlegging(), schedule('2026-01-05T08:00:00.000Z'), '2026-01-12T10:00:00.000Z')).ok).toBe(true);
  });
});

describe('the kartleggingssamtale: heldOn', () => {
  const inKartlegging = () => apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z');

  test('when heldOn is before the request was received, then it is refused naming heldOn', () => {
    expect(refusal(give(inKartlegging(), { ...interviewCmd, heldOn: '2026-01-04' }, '2026-01-20T10:00:00.000Z'))).toBe('heldOn 2026-01-04 is before the request was received (2026-01-05)');
  });

  test('when heldOn is after today (9999-12-31 would be too), then it is refused', () => {
    expect(refusal(give(inKartlegging(), { ...interviewCmd, heldOn: '2026-01-21' }, '2026-01-20T10:00:00.000Z'))).toMatch(/^heldOn 2026-01-21 is after today/);
  });
});

describe('the written decision: decidedOn', () => {
  const awaitingDecision = () => {
    let s = apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z');
    s = apply(s, interviewCmd, '2026-01-20T10:00:00.000Z');
    return apply(s, { type: 'recordAssessment', childUnder18OrExpected: { met: true, text: 'Ja.' }, seriousCondition: { met: true, text: 'Ja.' }, longTermCoordinatedNeeds: { met: true, text: 'Ja.' } }, '2026-01-22T10:00:00.000Z');
  };
  const decide = (decidedOn: string): CaseCommand => ({ type: 'recordDecision', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn });

  test('when the decision is dated before the request was received, then it is refused naming decidedOn', () => {
    expect(refusal(give(awaitingDecision(), decide('2026-01-01'), GRANTED_AT))).toBe('decidedOn 2026-01-01 is before the request was received (2026-01-05)');
  });

  test('when the decision is dated before the kartleggingssamtale it rests on, then it is refused', () => {
    expect(refusal(give(awaitingDecision(), decide('2026-01-19'), GRANTED_AT))).toBe('decidedOn 2026-01-19 is before the kartleggingssamtale the decision rests on was held (2026-01-20)');
  });

  test('when the decision is dated after today (9999-12-31), then it is refused and no letter is written', () => {
    const result = give(awaitingDecision(), decide('9999-12-31'), GRANTED_AT);
    expect(refusal(result)).toMatch(/^decidedOn 9999-12-31 is after today \(2026-02-01\)/);
  });

  test('when the decision is dated the day of the interview, then it is accepted', () => {
    expect(accepted(give(awaitingDecision(), decide('2026-01-20'), GRANTED_AT)).state.status).toBe('granted');
  });
});

describe('complaints: receivedOn', () => {
  const refusedCase = () => {
    let s = apply(registered(), consentCmd(), '2026-01-10T10:00:00.000Z');
    s = apply(s, interviewCmd, '2026-01-20T10:00:00.000Z');
    s = apply(s, { type: 'recordAssessment', childUnder18OrExpected: { met: true, text: 'Ja.' }, seriousCondition: { met: false, text: 'Nei.' }, longTermCoordinatedNeeds: { met: true, text: 'Ja.' } }, '2026-01-22T10:00:00.000Z');
    return apply(s, { type: 'recordDecision', outcome: 'refused', reasons: 'Vilkår b.', offeredInstead: ['coordinated_services'], decidedOn: '2026-02-01' }, GRANTED_AT);
  };

  test('when a complaint is received after today, then it is refused naming receivedOn', () => {
    expect(refusal(give(refusedCase(), { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-11' }, '2026-02-10T10:00:00.000Z'))).toMatch(/^receivedOn 2026-02-11 is after today/);
  });

  test('when the family says they learned of it before it was made and the complaint predates the decision, then it is refused', () => {
    const cmd: CaseCommand = { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-01-28', familyLearnedOn: '2026-01-25' };
    expect(refusal(give(refusedCase(), cmd, '2026-02-10T10:00:00.000Z'))).toBe('receivedOn 2026-01-28 is before the decision it complains about was made (2026-02-01)');
  });

  describe('complaint outcomes: on', () => {
    const complained = () => apply(refusedCase(), { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-10' }, '2026-02-10T10:00:00.000Z', ['c1']);
    const outcome = (on: string): CaseCommand => ({ type: 'recordComplaintOutcome', complaintId: 'c1', outcome: 'reversed_by_ke', reasons: 'Ny vurdering.', on });

    test('when the outcome is dated before the complaint was received, then it is refused naming on', () => {
      expect(refusal(give(complained(), outcome('2026-02-09'), '2026-02-20T10:00:00.000Z'))).toBe('on 2026-02-09 is before the complaint was received (2026-02-10)');
    });

    test('when the outcome is dated after today, then it is refused and the case stays refused', () => {
      expect(refusal(give(complained(), outcome('2026-02-21'), '2026-02-20T10:00:00.000Z'))).toMatch(/^on 2026-02-21 is after today/);
    });
  });
});

describe('appointment: appointedOn', () => {
  test('when the appointment is dated before the grant, then it is refused naming appointedOn', () => {
    expect(refusal(give(granted(), appointCmd(undefined, '2026-01-31'), APPOINTED_AT))).toBe('appointedOn 2026-01-31 is before the grant it follows was decided (2026-02-01)');
  });

  test('when the appointment is dated after today, then it is refused', () => {
    expect(refusal(give(granted(), appointCmd(undefined, '2026-02-16'), APPOINTED_AT))).toMatch(/^appointedOn 2026-02-16 is after today \(2026-02-15\)/);
  });

  test('when a change of coordinator is dated before the appointment it replaces, then it is refused', () => {
    expect(refusal(give(appointed(), appointCmd(OTHER_COORDINATOR, '2026-02-14'), '2026-03-01T10:00:00.000Z'))).toBe(
      'appointedOn 2026-02-14 is before the appointment it replaces (2026-02-15)',
    );
    expect(accepted(give(appointed(), appointCmd(OTHER_COORDINATOR, '2026-02-15'), '2026-03-01T10:00:00.000Z')).ok).toBe(true);
  });
});

describe('follow-up dates', () => {
  test('recordKickOff: when the oppstartsamtale is dated before the appointment, then it is refused naming heldOn', () => {
    expect(refusal(give(appointed(), { type: 'recordKickOff', heldOn: '2026-02-14' }, '2026-02-20T10:00:00.000Z'))).toBe(
      'heldOn 2026-02-14 is before the coordinator was first appointed (2026-02-15)',
    );
  });

  test('recordKickOff: when it is dated after today, then it is refused', () => {
    expect(refusal(give(appointed(), { type: 'recordKickOff', heldOn: '9999-12-31' }, '2026-02-20T10:00:00.000Z'))).toMatch(/^heldOn 9999-12-31 is after today/);
  });

  test('establishAnsvarsgruppe: when the first meeting is before the day the group is established, then it is refused naming firstMeetingAt', () => {
    expect(refusal(give(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: '2026-03-31T21:59:59.000Z' }, GROUP_AT))).toMatch(
      /^firstMeetingAt 2026-03-31T21:59:59.000Z is before the day the ansvarsgruppe is established, 2026-04-01/,
    );
    expect(accepted(give(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: '2026-03-31T22:00:00.000Z' }, GROUP_AT)).ok).toBe(true);
  });

  test('establishAnsvarsgruppe: when the first meeting is more than 18 months ahead, then it is refused', () => {
    expect(refusal(give(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: '9999-12-31T23:59:59.999+14:00' }, GROUP_AT))).toMatch(/^firstMeetingAt .* more than 18 months ahead/);
  });

  test('planMeeting and moveMeeting: when the time is before the day the group was established or beyond 18 months, then they are refused naming at', () => {
    const at = '2026-05-01T10:00:00.000Z';
    expect(refusal(give(withGroup(), { type: 'planMeeting', at: '2026-03-30T10:00:00.000Z' }, at))).toMatch(/^at 2026-03-30T10:00:00.000Z is before the day the ansvarsgruppe was established, 2026-04-01/);
    expect(refusal(give(withGroup(), { type: 'planMeeting', at: '2027-11-02T10:00:00.000Z' }, at))).toMatch(/^at .* more than 18 months ahead/);
    expect(refusal(give(withGroup(), { type: 'moveMeeting', meetingId: 'm1', at: '2199-12-31T00:00:00.000Z' }, at))).toMatch(/^at .* more than 18 months ahead/);
    expect(accepted(give(withGroup(), { type: 'moveMeeting', meetingId: 'm1', at: '2026-04-01T06:00:00.000Z' }, at)).ok).toBe(true);
  });

  test('recordMeeting: when a meeting is recorded as held after today (9999-12-31), then it is refused naming heldOn', () => {
    expect(refusal(give(withGroup(), { type: 'recordMeeting', meetingId: 'm1', heldOn: '9999-12-31' }, HELD_AT))).toMatch(/^heldOn 9999-12-31 is after today \(2026-07-02\)/);
  });

  test('recordMeeting: when a meeting is recorded as held before the coordinator was appointed, then it is refused', () => {
    expect(refusal(give(withGroup(), { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-02-14' }, HELD_AT))).toBe('heldOn 2026-02-14 is before the coordinator was first appointed (2026-02-15)');
  });

  test('recordMinutes: when the referat is dated before the meeting was held, then it is refused naming writtenOn', () => {
    expect(refusal(give(heldM1(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-01' }, '2026-07-05T10:00:00.000Z'))).toBe(
      'writtenOn 2026-07-01 is before the meeting was held (2026-07-02)',
    );
    expect(refusal(give(heldM1(), { type: 'recordMinutes', meetingId: 'm1', writtenOn: '2026-07-06' }, '2026-07-05T10:00:00.000Z'))).toMatch(/^writtenOn 2026-07-06 is after today/);
  });

  describe('setIndividualPlanStatus: on', () => {
    const active = () => apply(appointed(), { type: 'setIndividualPlanStatus', status: 'active', on: '2026-03-01' }, '2026-03-01T10:00:00.000Z');
    const evaluate = (on: string): CaseCommand => ({ type: 'setIndividualPlanStatus', status: 'evaluated', on });

    test('when the plan is evaluated after today (9999-12-31), then it is refused naming on', () => {
      expect(refusal(give(active(), evaluate('9999-12-31'), LATER))).toMatch(/^on 9999-12-31 is after today \(2026-09-01\)/);
    });

    test('when the plan is evaluated before it became active, then it is refused', () => {
      expect(refusal(give(active(), evaluate('2026-02-28'), LATER))).toBe('on 2026-02-28 is before the individuell plan became active (2026-03-01)');
    });

    test('when the plan is evaluated before its last evaluation, then it is refused', () => {
      const evaluated = apply(active(), evaluate('2026-08-01'), '2026-08-01T10:00:00.000Z');
      expect(refusal(give(evaluated, evaluate('2026-07-31'), LATER))).toBe('on 2026-07-31 is before its last evaluation (2026-08-01)');
      expect(accepted(give(evaluated, evaluate('2026-08-01'), LATER)).state.followUp.individualPlan.lastEvaluatedOn).toBe('2026-08-01');
    });

    test('when the plan is started on a day before the request was received, then it is refused', () => {
      expect(refusal(give(appointed(), { type: 'setIndividualPlanStatus', status: 'in_progress', on: '2025-12-31' }, LATER))).toBe('on 2025-12-31 is before the request was received (2026-01-05)');
    });
  });

  describe('registerBirth: birthDate', () => {
    const unborn = () => registered({ request: unbornRequest('2026-05-01') });

    test('when the birth is more than 26 weeks before the termin, then it is refused naming birthDate; 26 weeks is accepted', () => {
      expect(refusal(give(unborn(), { type: 'registerBirth', birthDate: '2025-10-30' }, '2026-01-10T10:00:00.000Z'))).toMatch(/^birthDate 2025-10-30 is more than 26 weeks before the termin \(2026-05-01\)/);
      expect(accepted(give(unborn(), { type: 'registerBirth', birthDate: '2025-10-31' }, '2026-01-10T10:00:00.000Z')).ok).toBe(true);
    });

    test('when the birth is in 0001, then it is refused (and in the future, 9999, it was refused already)', () => {
      expect(refusal(give(unborn(), { type: 'registerBirth', birthDate: '0001-01-01' }, '2026-01-10T10:00:00.000Z'))).toMatch(/^birthDate 0001-01-01/);
      expect(refusal(give(unborn(), { type: 'registerBirth', birthDate: '9999-12-31' }, '2026-01-10T10:00:00.000Z'))).toMatch(/^birthDate 9999-12-31 is after today \(2026-01-10\)/);
    });
  });

  describe('recordAbsence: until', () => {
    test('when a leave lasts more than three years, then the case refuses it naming until; exactly three years is accepted', () => {
      expect(refusal(give(appointed(), leave({ until: '2029-03-03' }), ABSENCE_AT))).toBe('until 2029-03-03 must lie between from (2026-03-02) and 3 years after it (2029-03-02)');
      expect(accepted(give(appointed(), leave({ until: '2029-03-02' }), ABSENCE_AT)).ok).toBe(true);
    });

    test('when a leave until 9999-12-31 reaches the case, then it is refused and the case keeps its timers', () => {
      expect(refusal(give(appointed(), leave({ until: '9999-12-31' }), ABSENCE_AT))).toMatch(/^until 9999-12-31/);
    });

    test('when a leave ends on the last admitted day (2199-12-31), then the leave ends the morning after, without "Invalid time value"', () => {
      const state = onLeave({ until: '2028-12-31' });
      const actions = dueActions({ ...state, absence: { ...state.absence!, until: '2199-12-31' } });
      expect(actions.find((a) => a.command.type === 'endLeave')).toEqual({
        at: '2199-12-31T23:00:00.000Z',
        command: { type: 'endLeave', absenceId: 'abs-1' },
      });
    });
  });

  test('completeTask: when a task is done before it was given, then it is refused naming doneOn', () => {
    expect(refusal(give(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-01' }, '2026-03-03T10:00:00.000Z'))).toBe('doneOn 2026-03-01 is before the task was given (2026-03-02)');
    expect(refusal(give(onLeave(), { type: 'completeTask', taskId: 't1', doneOn: '2026-03-04' }, '2026-03-03T10:00:00.000Z'))).toMatch(/^doneOn 2026-03-04 is after today/);
  });
});

describe('closure: on', () => {
  const close = (on: string): CaseCommand => ({ type: 'closeCase', reason: 'moved_away', on });

  test('when the closure is dated before the request was received, then it is refused naming on', () => {
    expect(refusal(give(appointed(), close('2026-01-04'), LATER))).toBe('on 2026-01-04 is before the request was received (2026-01-05)');
  });

  test('when the closure is dated after today, then it is refused', () => {
    expect(refusal(give(appointed(), close('2026-09-02'), LATER))).toMatch(/^on 2026-09-02 is after today \(2026-09-01\)/);
  });

  test('when the workflow closes at the age limit, then no date rule refuses it: a refused action would stay due', () => {
    expect(accepted(give(appointed(), { type: 'closeCase', reason: 'age_limit', on: '2034-03-15' }, LATER)).state.status).toBe('closed');
  });

  test('when a request came after the 18th birthday in a history from before law-refusal-after-18, then the closure at the age limit, dated the birthday before the request, is still accepted', () => {
    const before = () => false;
    const late = created(createCase(CASE_ID, request({ birthDate: '2007-12-01' }), REGISTERED_AT, undefined, { applies: before })).state;
    expect(dueActions(late, before)).toEqual([{ at: '2025-11-30T23:00:00.000Z', command: { type: 'closeCase', reason: 'age_limit', on: '2025-12-01' } }]);
    expect(accepted(give(late, dueActions(late, before)[0].command, REGISTERED_AT)).state.closure?.on).toBe('2025-12-01');
  });
});

describe('deadlines of dates at the edge of the range', () => {
  test('when a child was born on 1900-01-01 and the case runs in 1901, then its deadlines compute without throwing', () => {
    const state: CaseState = { ...appointed(), request: request({ birthDate: '1900-01-01' }, { receivedOn: '1901-01-01' }) };
    expect(() => openDeadlines(state, DEFAULT_POLICY)).not.toThrow();
    expect(dueActions(state)[0]).toEqual({ at: '1917-12-31T23:00:00.000Z', command: { type: 'closeCase', reason: 'age_limit', on: '1918-01-01' } });
  });

  test('when a termin is 2199-12-31, then the birth reminder falls in 2200 without throwing', () => {
    const state: CaseState = { ...registered(), request: unbornRequest('2199-12-31') };
    expect(openDeadlines(state, DEFAULT_POLICY).find((d) => d.kind === 'birth')?.dueAt).toBe('2200-01-13T23:00:00.000Z');
  });

  test('when the ansvarsgruppe meets on the last admitted day, then the next meeting is planned without throwing', () => {
    const group = apply(appointed(), { type: 'establishAnsvarsgruppe', firstMeetingAt: '2027-06-01T08:00:00.000Z' }, APPOINTED_AT, ['m1']);
    const state: CaseState = { ...group, followUp: { ...group.followUp, meetings: [{ id: 'm1', at: '2199-12-31T08:00:00.000Z', status: 'planned' }] } };
    const held = transition(state, { type: 'recordMeeting', meetingId: 'm1', heldOn: '2199-12-31' }, ctx('2199-12-31T12:00:00.000Z', { ids: ['m2'] }));
    expect(accepted(held).state.followUp.meetings[1].at).toBe('2200-03-31T07:00:00.000Z');
  });
});
