/** The case state machine in workflows/case/state.ts: every rule and its refusal, pure. */
import { created } from './case-states';
import type {
  Appoint,
  CaseCommand,
  RecordAssessment,
  RecordConsent,
  RecordDecision,
  RecordInterview,
  RegisterComplaint,
  WithdrawConsent,
} from '../../workflows/case/commands';
import { DEFAULT_POLICY, type Policy } from '../../workflows/case/policy';
import {
  createCase,
  hasConsent,
  latestDecision,
  transition,
  type TransitionContext,
  type TransitionResult,
} from '../../workflows/case/state';
import type { CaseRequest, CaseState, Child } from '../../workflows/case/types';

// ---------------------------------------------------------------------------------------------
// Fixtures: made-up people, fixed dates. The child is 9 years old in January 2026.

// Commands are given after every date they carry: a rule refuses a date after the day it is given.
const AT = '2026-04-10T10:00:00.000Z';
const REGISTERED_AT = '2026-01-05T09:00:00.000Z';

let n = 0;
beforeEach(() => {
  n = 0;
});

function ctx(at = AT, policy: Policy = DEFAULT_POLICY): TransitionContext {
  return { at, policy, newId: () => 'id-' + ++n };
}

function request(child: Partial<Child> = {}, overrides: Partial<CaseRequest> = {}): CaseRequest {
  return {
    child: { name: 'Nora Testbarn', birthDate: '2016-03-15', adopted: false, ...child },
    consenters: [
      { name: 'Per Testforelder', role: 'parent' },
      { name: 'Kari Testforelder', role: 'parent' },
    ],
    channel: 'written',
    reasons: 'Familien har mange tjenester som ikke henger sammen.',
    receivedOn: '2026-01-05',
    ...overrides,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function accepted(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected the command to be accepted, but it was refused: ${result.message}`);
  return result;
}

function refusal(result: TransitionResult): string {
  if (result.ok) throw new Error(`expected the command to be refused, but it was accepted as ${result.event.type}`);
  return result.message;
}

/** A context for building fixture states, with its own ids so a test's ctx() ids start at id-1. */
function setupCtx(at = AT): TransitionContext {
  let k = 0;
  return { at, policy: DEFAULT_POLICY, newId: () => 'setup-' + ++k };
}

/** Applies commands in order to a frozen state, each must be accepted; returns the last state. */
function run(state: CaseState, commands: CaseCommand[], context: TransitionContext = setupCtx()): CaseState {
  return commands.reduce((s, c) => deepFreeze(accepted(transition(s, c, context)).state), deepFreeze(state));
}

const consentCmd = (over: Partial<RecordConsent> = {}): RecordConsent => ({
  type: 'recordConsent',
  givenBy: 'Per Testforelder',
  role: 'parent',
  covers: ['appointment', 'information_sharing'],
  givenOn: '2026-01-08',
  ...over,
});

const interviewCmd = (over: Partial<RecordInterview> = {}): RecordInterview => ({
  type: 'recordInterview',
  heldOn: '2026-01-20',
  participants: ['Per Testforelder', 'Kari Testforelder', 'KE-rådgiver'],
  childParticipated: true,
  ...over,
});

const met = (text: string) => ({ met: true, text });
const unmet = (text: string) => ({ met: false, text });

const allMetCmd: RecordAssessment = {
  type: 'recordAssessment',
  childUnder18OrExpected: met('Barnet er 9 år.'),
  seriousCondition: met('Alvorlig nedsatt funksjonsevne.'),
  longTermCoordinatedNeeds: met('Behov for helse- og omsorgstjenester og PPT over lang tid.'),
};

const oneUnmetCmd: RecordAssessment = { ...allMetCmd, seriousCondition: unmet('Ikke alvorlig nok.') };

const grantCmd: RecordDecision = {
  type: 'recordDecision',
  outcome: 'granted',
  reasons: 'Alle vilkår er oppfylt.',
  offeredInstead: [],
  decidedOn: '2026-02-01',
};

const refuseCmd: RecordDecision = {
  type: 'recordDecision',
  outcome: 'refused',
  reasons: 'Vilkår b er ikke oppfylt.',
  offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
  decidedOn: '2026-02-01',
};

const complaintCmd = (over: Partial<RegisterComplaint> = {}): RegisterComplaint => ({
  type: 'registerComplaint',
  about: 'refusal',
  receivedOn: '2026-02-10',
  ...over,
});

const appointCmd: Appoint = { type: 'appoint', unitId: 'unit-1', coordinatorId: 'coord-1', appointedOn: '2026-02-15' };
/** An appointment after a refusal reversed on complaint, which is dated 2026-02-25 (outcome()). */
const afterReversal: Appoint = { ...appointCmd, appointedOn: '2026-02-26' };

const withdrawAppointment: WithdrawConsent = { type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: '2026-01-11' };

// States along the way, each frozen.
const registered = (req: CaseRequest = request()) => deepFreeze(created(createCase('case-1', req, REGISTERED_AT)).state);
const consented = (req?: CaseRequest) => run(registered(req), [consentCmd()]);
const mapped = (assessment: RecordAssessment = allMetCmd) => run(consented(), [interviewCmd(), assessment]);
const granted = () => run(mapped(), [grantCmd]);
const refused = () => run(mapped(oneUnmetCmd), [refuseCmd]);
const appointed = () => run(granted(), [appointCmd]);
/** A refused case with one complaint about the refusal; the complaint's id is 'id-c'. */
const complained = () => run(refused(), [complaintCmd()], { ...setupCtx(), newId: () => 'id-c' });
const forwarded = () =>
  run(complained(), [{ type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE opprettholder.', on: '2026-02-20' }]);

// ---------------------------------------------------------------------------------------------

describe('createCase', () => {
  test('when KE registers a request, then the case waits for consent at seq 1, in that status since registration, with nothing else recorded', () => {
    const req = request();
    const { state, event } = created(createCase('case-1', req, REGISTERED_AT));
    expect(state).toEqual({
      caseId: 'case-1',
      status: 'awaiting_consent',
      request: req,
      registeredAt: REGISTERED_AT,
      statusSince: REGISTERED_AT,
      seq: 1,
      consents: [],
      kartlegging: {},
      decisions: [],
      complaints: [],
      followUp: { meetings: [], individualPlan: { status: 'not_started', since: REGISTERED_AT } },
      absencesSeen: [],
      tasks: [],
      fired: [],
    });
    expect(event).toEqual({ type: 'RequestRegistered', at: REGISTERED_AT, data: { channel: 'written', receivedOn: '2026-01-05' } });
  });
});

describe('consent', () => {
  test('when a parent consents to appointment while the case awaits consent, then the case moves to kartlegging since that instant and the consent is recorded', () => {
    const result = accepted(transition(registered(), consentCmd(), ctx()));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.statusSince).toBe(AT);
    expect(result.state.consents).toEqual([
      {
        id: 'id-1',
        givenBy: 'Per Testforelder',
        role: 'parent',
        covers: ['appointment', 'information_sharing'],
        givenOn: '2026-01-08',
        recordedAt: AT,
        withdrawn: [],
      },
    ]);
    expect(result.event).toEqual({
      type: 'ConsentRecorded',
      at: AT,
      data: { consentId: 'id-1', role: 'parent', covers: ['appointment', 'information_sharing'], givenOn: '2026-01-08' },
    });
    expect(result.letter).toBeUndefined();
    expect(hasConsent(result.state, 'appointment')).toBe(true);
    expect(hasConsent(result.state, 'information_sharing')).toBe(true);
  });

  test('when the consent covers only information sharing, then the case still awaits consent to appointment, since registration', () => {
    const result = accepted(transition(registered(), consentCmd({ covers: ['information_sharing'] }), ctx()));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(REGISTERED_AT);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
  });

  test('when a second parent consents while consent to appointment is already active, then the case stays in kartlegging and statusSince keeps its first value', () => {
    const first = consented();
    const second = accepted(transition(first, consentCmd({ givenBy: 'Kari Testforelder' }), ctx('2026-01-12T08:00:00.000Z')));
    expect(second.state.status).toBe('kartlegging');
    expect(second.state.statusSince).toBe(AT);
    expect(second.state.consents.map((c) => c.givenBy)).toEqual(['Per Testforelder', 'Kari Testforelder']);
  });

  test('when a young person consents on their 16th birthday, then the consent is accepted', () => {
    const state = registered(request({ birthDate: '2010-01-08' }));
    const result = accepted(transition(state, consentCmd({ role: 'young_person', givenBy: 'Nora Testbarn', givenOn: '2026-01-08' }), ctx()));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.consents[0].role).toBe('young_person');
  });

  test('when a young person consents the day before their 16th birthday, then it is refused: only from 16', () => {
    const state = registered(request({ birthDate: '2010-01-09' }));
    const message = refusal(transition(state, consentCmd({ role: 'young_person', givenOn: '2026-01-08' }), ctx()));
    expect(message).toBe('a young person consents personally only from the age of 16');
  });

  test('when a young person consents for a child with no birth date (unborn), then it is refused: the age cannot be shown to be 16', () => {
    const state = registered(request({ birthDate: undefined, expectedDate: '2026-04-01' }));
    const message = refusal(transition(state, consentCmd({ role: 'young_person' }), ctx()));
    expect(message).toBe('a young person consents personally only from the age of 16');
  });

  test('when a parent consents for a 17-year-old, then it is accepted: the age rule applies only to the young person themselves', () => {
    const state = registered(request({ birthDate: '2008-06-01' }));
    expect(accepted(transition(state, consentCmd(), ctx())).state.status).toBe('kartlegging');
  });

  test('when consent to appointment is given again after a withdrawal before the kartlegging was complete, then the case returns to kartlegging since the renewal', () => {
    const withdrawnAt = '2026-01-11T09:00:00.000Z';
    const withdrawn = run(consented(), [interviewCmd({ heldOn: '2026-01-10' }), withdrawAppointment], setupCtx(withdrawnAt));
    expect(withdrawn.status).toBe('awaiting_consent');
    expect(withdrawn.statusSince).toBe(withdrawnAt);
    const later = '2026-01-15T12:00:00.000Z';
    const result = accepted(transition(withdrawn, consentCmd({ givenOn: '2026-01-15' }), ctx(later)));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.statusSince).toBe(later);
    expect(result.state.kartlegging.interview).toBeDefined();
    expect(result.state.kartlegging.completedAt).toBeUndefined();
    expect(hasConsent(result.state, 'appointment')).toBe(true);
  });

  test('when consent to appointment is given again after a withdrawal and the kartlegging was already complete, then the case goes straight to awaiting the decision since the renewal', () => {
    const completedAt = '2026-01-22T10:00:00.000Z';
    const complete = run(consented(), [interviewCmd(), allMetCmd], setupCtx(completedAt));
    expect(complete.status).toBe('awaiting_decision');
    const withdrawn = run(complete, [{ ...withdrawAppointment, on: '2026-01-24' }], setupCtx('2026-01-24T09:00:00.000Z'));
    expect(withdrawn.status).toBe('awaiting_consent');
    const renewedAt = '2026-01-28T12:00:00.000Z';
    const result = accepted(transition(withdrawn, consentCmd({ givenOn: '2026-01-28' }), ctx(renewedAt)));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.statusSince).toBe(renewedAt);
    expect(result.state.kartlegging.completedAt).toBe(completedAt);
    expect(result.event.type).toBe('ConsentRecorded');
    // The completed kartlegging still stands: the decision can be made without a new interview.
    expect(accepted(transition(deepFreeze(result.state), grantCmd, ctx('2026-02-01T13:00:00.000Z'))).state.status).toBe('granted');
  });

  test('when consent given again after a withdrawal covers only information sharing, then the case still awaits consent to appointment and statusSince stays at the withdrawal', () => {
    const withdrawnAt = '2026-01-24T09:00:00.000Z';
    const withdrawn = run(mapped(), [{ ...withdrawAppointment, scopes: ['appointment', 'information_sharing'], on: '2026-01-24' }], setupCtx(withdrawnAt));
    const result = accepted(transition(withdrawn, consentCmd({ covers: ['information_sharing'] }), ctx('2026-01-28T12:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(withdrawnAt);
  });

  test('when consent to appointment is given again on a granted case after a withdrawal, then the case stays granted and statusSince keeps the grant instant', () => {
    const grantedAt = '2026-02-01T13:00:00.000Z';
    const grantedCase = run(mapped(), [grantCmd], setupCtx(grantedAt));
    const withdrawn = run(grantedCase, [{ ...withdrawAppointment, on: '2026-02-03' }], setupCtx('2026-02-03T09:00:00.000Z'));
    expect(withdrawn.status).toBe('granted');
    const result = accepted(transition(withdrawn, consentCmd({ givenOn: '2026-02-05' }), ctx('2026-02-05T12:00:00.000Z')));
    expect(result.state.status).toBe('granted');
    expect(result.state.statusSince).toBe(grantedAt);
    expect(hasConsent(result.state, 'appointment')).toBe(true);
  });
});

describe('withdrawal of consent', () => {
  const withdraw = (scopes: ('appointment' | 'information_sharing')[], on = '2026-01-11', withdrawnBy = 'Per Testforelder'): WithdrawConsent => ({
    type: 'withdrawConsent',
    scopes,
    withdrawnBy,
    on,
  });

  test('when consent to appointment is withdrawn during kartlegging, then the case goes back to awaiting consent since the withdrawal and the withdrawal records who withdrew', () => {
    const at = '2026-01-11T09:00:00.000Z';
    const result = accepted(transition(consented(), withdraw(['appointment']), ctx(at)));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(at);
    expect(result.state.consents[0].withdrawn).toEqual([{ scope: 'appointment', on: '2026-01-11', by: 'Per Testforelder', recordedAt: at }]);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
    expect(hasConsent(result.state, 'information_sharing')).toBe(true);
    expect(result.event).toEqual({ type: 'ConsentWithdrawn', at, data: { scopes: ['appointment'], on: '2026-01-11', withdrawnBy: 'Per Testforelder' } });
  });

  test('when consent to appointment is withdrawn while the case awaits the decision, then the case goes back to awaiting consent since the withdrawal', () => {
    const state = mapped();
    expect(state.status).toBe('awaiting_decision');
    const at = '2026-01-25T09:00:00.000Z';
    const result = accepted(transition(state, withdraw(['appointment']), ctx(at)));
    expect(result.state.status).toBe('awaiting_consent');
    expect(result.state.statusSince).toBe(at);
    expect(result.state.kartlegging.completedAt).toBe(state.kartlegging.completedAt);
  });

  test('when consent to appointment is withdrawn from an appointed case, then the case stays appointed and only the consent is marked withdrawn', () => {
    const state = appointed();
    const result = accepted(transition(state, withdraw(['appointment']), ctx('2026-03-01T09:00:00.000Z')));
    expect(result.state.status).toBe('appointed');
    expect(result.state.statusSince).toBe(state.statusSince);
    expect(result.state.appointment).toEqual(state.appointment);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
  });

  test('when consent to appointment is withdrawn from a granted case, then the case stays granted but appointment is then refused for lack of consent', () => {
    const state = granted();
    const result = accepted(transition(state, withdraw(['appointment']), ctx('2026-02-03T09:00:00.000Z')));
    expect(result.state.status).toBe('granted');
    expect(result.state.statusSince).toBe(state.statusSince);
    expect(refusal(transition(result.state, appointCmd, ctx()))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when only consent to information sharing is withdrawn during kartlegging, then the case stays in kartlegging', () => {
    const state = consented();
    const result = accepted(transition(state, withdraw(['information_sharing']), ctx('2026-01-11T09:00:00.000Z')));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.statusSince).toBe(state.statusSince);
    expect(hasConsent(result.state, 'information_sharing')).toBe(false);
  });

  test('when a scope that was never given is withdrawn, then it is refused', () => {
    const state = run(registered(), [consentCmd({ covers: ['appointment'] })]);
    expect(refusal(transition(state, withdraw(['information_sharing']), ctx()))).toBe('there is no active consent covering information_sharing');
  });

  test('when a case with no consent at all has both scopes withdrawn, then it is refused naming both', () => {
    expect(refusal(transition(registered(), withdraw(['appointment', 'information_sharing']), ctx()))).toBe(
      'there is no active consent covering appointment, information_sharing',
    );
  });

  test('when the same scope is withdrawn twice, then the second withdrawal is refused', () => {
    const once = run(consented(), [withdraw(['appointment'])]);
    expect(refusal(transition(once, withdraw(['appointment']), ctx()))).toBe('there is no active consent covering appointment');
  });

  test('when two scopes are withdrawn but only one is active, then only the active one is withdrawn and named in the event', () => {
    const state = run(registered(), [consentCmd({ covers: ['appointment'] })]);
    const result = accepted(transition(state, withdraw(['appointment', 'information_sharing']), ctx()));
    expect(result.event.data).toEqual({ scopes: ['appointment'], on: '2026-01-11', withdrawnBy: 'Per Testforelder' });
    expect(result.state.consents[0].withdrawn.map((w) => w.scope)).toEqual(['appointment']);
  });

  test('when two parents consented and appointment is withdrawn, then both consents are marked withdrawn', () => {
    const state = run(consented(), [consentCmd({ givenBy: 'Kari Testforelder', covers: ['appointment'] })]);
    const result = accepted(transition(state, withdraw(['appointment']), ctx()));
    expect(result.state.consents.map((c) => c.withdrawn.map((w) => w.scope))).toEqual([['appointment'], ['appointment']]);
    expect(hasConsent(result.state, 'appointment')).toBe(false);
  });

  test('when the other parent withdraws, then every withdrawn entry and the event name that parent as withdrawnBy', () => {
    const state = run(consented(), [consentCmd({ givenBy: 'Kari Testforelder', covers: ['appointment'] })]);
    const result = accepted(transition(state, withdraw(['appointment', 'information_sharing'], '2026-01-11', 'Kari Testforelder'), ctx()));
    expect(result.state.consents.map((c) => c.withdrawn)).toEqual([
      [
        { scope: 'appointment', on: '2026-01-11', by: 'Kari Testforelder', recordedAt: AT },
        { scope: 'information_sharing', on: '2026-01-11', by: 'Kari Testforelder', recordedAt: AT },
      ],
      [{ scope: 'appointment', on: '2026-01-11', by: 'Kari Testforelder', recordedAt: AT }],
    ]);
    expect(result.event.data).toEqual({ scopes: ['appointment', 'information_sharing'], on: '2026-01-11', withdrawnBy: 'Kari Testforelder' });
  });

  test('when a scope is withdrawn later by someone else, then the earlier withdrawal keeps its own withdrawnBy', () => {
    const once = run(consented(), [withdraw(['information_sharing'], '2026-01-11')], setupCtx('2026-01-11T09:00:00.000Z'));
    const result = accepted(transition(once, withdraw(['appointment'], '2026-01-12', 'Kari Testforelder'), ctx('2026-01-12T09:00:00.000Z')));
    expect(result.state.consents[0].withdrawn).toEqual([
      { scope: 'information_sharing', on: '2026-01-11', by: 'Per Testforelder', recordedAt: '2026-01-11T09:00:00.000Z' },
      { scope: 'appointment', on: '2026-01-12', by: 'Kari Testforelder', recordedAt: '2026-01-12T09:00:00.000Z' },
    ]);
  });
});

describe('scheduling the kartleggingssamtale', () => {
  test('when KE schedules the interview during kartlegging, then the time is kept and the status is unchanged', () => {
    const result = accepted(transition(consented(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, ctx()));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.kartlegging).toEqual({ scheduledAt: '2026-01-20T09:00:00.000Z' });
    expect(result.event).toEqual({ type: 'KartleggingScheduled', at: AT, data: { scheduledAt: '2026-01-20T09:00:00.000Z' } });
  });

  test('when KE schedules the interview without consent to appointment, then it is refused', () => {
    expect(refusal(transition(registered(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, ctx()))).toBe(
      'this step requires consent to appointment of a coordinator',
    );
  });

  test('when KE schedules the interview after the kartlegging is complete, then it is refused naming the status', () => {
    expect(refusal(transition(mapped(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, ctx()))).toBe(
      'a kartleggingssamtale cannot be scheduled when the case is awaiting_decision',
    );
  });
});

describe('the kartleggingssamtale (interview)', () => {
  test('when the interview is recorded without consent to appointment, then it is refused', () => {
    expect(refusal(transition(registered(), interviewCmd(), ctx()))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when the interview is recorded before the assessment, then it is kept and the case stays in kartlegging', () => {
    const result = accepted(transition(consented(), interviewCmd(), ctx()));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.kartlegging).toEqual({
      interview: { heldOn: '2026-01-20', participants: ['Per Testforelder', 'Kari Testforelder', 'KE-rådgiver'], childParticipated: true },
    });
    expect(result.state.kartlegging.completedAt).toBeUndefined();
    expect(result.event).toEqual({ type: 'KartleggingHeld', at: AT, data: { heldOn: '2026-01-20', childParticipated: true, participantCount: 3 } });
  });

  test('when the interview is recorded on a granted case, then it is refused naming the status', () => {
    expect(refusal(transition(granted(), interviewCmd(), ctx()))).toBe('a kartleggingssamtale cannot be recorded when the case is granted');
  });

  describe('with the default policy (child takes part from 15)', () => {
    const fifteen = () => consented(request({ birthDate: '2011-01-20' })); // 15 on 2026-01-20
    const fourteen = () => consented(request({ birthDate: '2011-01-21' })); // 15 the day after

    test('when a 15-year-old did not take part and no reason is given, then it is refused', () => {
      expect(DEFAULT_POLICY.childParticipationAge).toBe(15);
      expect(refusal(transition(fifteen(), interviewCmd({ childParticipated: false }), ctx()))).toBe(
        'the child is 15 and must take part in the kartleggingssamtale from the age of 15; give a reason if the child did not',
      );
    });

    test('when a 15-year-old did not take part and a reason is given, then it is accepted and the reason kept', () => {
      const result = accepted(transition(fifteen(), interviewCmd({ childParticipated: false, childAbsenceReason: 'Innlagt på sykehus.' }), ctx()));
      expect(result.state.kartlegging.interview?.childAbsenceReason).toBe('Innlagt på sykehus.');
      expect(result.state.kartlegging.interview?.childParticipated).toBe(false);
    });

    test('when a 15-year-old did not take part and the reason is only whitespace, then it is refused', () => {
      expect(refusal(transition(fifteen(), interviewCmd({ childParticipated: false, childAbsenceReason: '   ' }), ctx()))).toBe(
        'the child is 15 and must take part in the kartleggingssamtale from the age of 15; give a reason if the child did not',
      );
    });

    test('when a 15-year-old took part, then no reason is needed', () => {
      expect(accepted(transition(fifteen(), interviewCmd({ childParticipated: true }), ctx())).state.kartlegging.interview?.childParticipated).toBe(true);
    });

    test('when the child is 14 on the day of the interview (15 the next day), then no reason is needed', () => {
      expect(accepted(transition(fourteen(), interviewCmd({ childParticipated: false }), ctx())).state.status).toBe('kartlegging');
    });

    test('when a 12-year-old did not take part without a reason, then it is accepted under the default policy', () => {
      const twelve = consented(request({ birthDate: '2013-06-01' }));
      expect(accepted(transition(twelve, interviewCmd({ childParticipated: false }), ctx())).ok).toBe(true);
    });

    test('when the child is unborn (no birth date), then no participation rule applies', () => {
      const unborn = consented(request({ birthDate: undefined, expectedDate: '2026-04-01' }));
      expect(accepted(transition(unborn, interviewCmd({ childParticipated: false }), ctx())).ok).toBe(true);
    });
  });

  describe('with a municipal policy where the child takes part from 12', () => {
    const policy12: Policy = { ...DEFAULT_POLICY, childParticipationAge: 12 };
    const twelve = () => consented(request({ birthDate: '2014-01-20' })); // 12 on 2026-01-20
    const eleven = () => consented(request({ birthDate: '2014-01-21' })); // 12 the day after

    test('when a 12-year-old did not take part and no reason is given, then it is refused naming age 12', () => {
      expect(refusal(transition(twelve(), interviewCmd({ childParticipated: false }), ctx(AT, policy12)))).toBe(
        'the child is 12 and must take part in the kartleggingssamtale from the age of 12; give a reason if the child did not',
      );
    });

    test('when a 12-year-old did not take part and a reason is given, then it is accepted', () => {
      const result = accepted(transition(twelve(), interviewCmd({ childParticipated: false, childAbsenceReason: 'Ønsket ikke å delta.' }), ctx(AT, policy12)));
      expect(result.state.kartlegging.interview?.childAbsenceReason).toBe('Ønsket ikke å delta.');
    });

    test('when an 11-year-old did not take part without a reason, then it is accepted', () => {
      expect(accepted(transition(eleven(), interviewCmd({ childParticipated: false }), ctx(AT, policy12))).ok).toBe(true);
    });

    test('when a 13-year-old did not take part without a reason, then it is refused naming age 13', () => {
      const thirteen = consented(request({ birthDate: '2012-05-01' }));
      expect(refusal(transition(thirteen, interviewCmd({ childParticipated: false }), ctx(AT, policy12)))).toBe(
        'the child is 13 and must take part in the kartleggingssamtale from the age of 12; give a reason if the child did not',
      );
    });
  });
});

describe('the assessment and completing the kartlegging', () => {
  test('when the assessment is recorded without consent to appointment, then it is refused', () => {
    expect(refusal(transition(registered(), allMetCmd, ctx()))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when the assessment is recorded on a refused case, then it is refused naming the status', () => {
    expect(refusal(transition(refused(), allMetCmd, ctx()))).toBe('the assessment cannot be recorded when the case is refused');
  });

  test('when only the assessment is recorded, then it is kept and the case stays in kartlegging', () => {
    const result = accepted(transition(consented(), oneUnmetCmd, ctx()));
    expect(result.state.status).toBe('kartlegging');
    expect(result.state.kartlegging).toEqual({
      assessment: {
        childUnder18OrExpected: met('Barnet er 9 år.'),
        seriousCondition: unmet('Ikke alvorlig nok.'),
        longTermCoordinatedNeeds: met('Behov for helse- og omsorgstjenester og PPT over lang tid.'),
      },
    });
    expect(result.event).toEqual({
      type: 'AssessmentRecorded',
      at: AT,
      data: { childUnder18OrExpected: true, seriousCondition: false, longTermCoordinatedNeeds: true },
    });
  });

  test('when the interview and then the assessment are recorded, then the kartlegging is complete at the assessment and the case awaits the decision', () => {
    const afterInterview = run(consented(), [interviewCmd()], setupCtx('2026-01-20T10:00:00.000Z'));
    const result = accepted(transition(afterInterview, allMetCmd, ctx('2026-01-22T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-22T10:00:00.000Z');
  });

  test('when the assessment and then the interview are recorded, then the kartlegging is complete at the interview and the case awaits the decision', () => {
    const afterAssessment = run(consented(), [allMetCmd], setupCtx('2026-01-18T10:00:00.000Z'));
    const result = accepted(transition(afterAssessment, interviewCmd(), ctx('2026-01-20T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(result.state.kartlegging.assessment).toBeDefined();
    expect(result.state.kartlegging.interview).toBeDefined();
  });

  test('when the assessment is corrected after completion, then completedAt keeps its first value and the new assessment replaces the old', () => {
    const complete = run(consented(), [interviewCmd(), allMetCmd], setupCtx('2026-01-20T10:00:00.000Z'));
    const result = accepted(transition(complete, oneUnmetCmd, ctx('2026-01-25T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(result.state.kartlegging.assessment?.seriousCondition).toEqual(unmet('Ikke alvorlig nok.'));
  });

  test('when the interview is recorded again after completion, then completedAt keeps its first value', () => {
    const complete = run(consented(), [interviewCmd(), allMetCmd], setupCtx('2026-01-20T10:00:00.000Z'));
    const result = accepted(transition(complete, interviewCmd({ heldOn: '2026-01-24' }), ctx('2026-01-24T10:00:00.000Z')));
    expect(result.state.status).toBe('awaiting_decision');
    expect(result.state.kartlegging.completedAt).toBe('2026-01-20T10:00:00.000Z');
    expect(result.state.kartlegging.interview?.heldOn).toBe('2026-01-24');
  });
});

describe('the written decision', () => {
  const KARTLEGGING_MESSAGE = 'a decision requires a completed kartlegging: the interview held and all three conditions assessed';

  test('when a decision is recorded before anything of the kartlegging, then it is refused with the kartlegging message', () => {
    expect(refusal(transition(consented(), grantCmd, ctx()))).toBe(KARTLEGGING_MESSAGE);
  });

  test('when a decision is recorded after the interview but before the assessment, then it is refused with the kartlegging message', () => {
    expect(refusal(transition(run(consented(), [interviewCmd()]), grantCmd, ctx()))).toBe(KARTLEGGING_MESSAGE);
  });

  test('when a decision is recorded after the assessment but before the interview, then it is refused with the kartlegging message', () => {
    expect(refusal(transition(run(consented(), [allMetCmd]), grantCmd, ctx()))).toBe(KARTLEGGING_MESSAGE);
  });

  test('when a decision is recorded without consent to appointment, then it is refused for lack of consent', () => {
    expect(refusal(transition(registered(), grantCmd, ctx()))).toBe('this step requires consent to appointment of a coordinator');
  });

  test('when a second decision is recorded on a granted case, then it is refused naming the status', () => {
    expect(refusal(transition(granted(), grantCmd, ctx()))).toBe('a decision cannot be made when the case is granted');
  });

  test('when a grant is recorded with one condition not met, then it is refused', () => {
    expect(refusal(transition(mapped(oneUnmetCmd), grantCmd, ctx()))).toBe('a grant requires all three legal conditions assessed as met');
  });

  test.each([
    ['a) child under 18 or expected', { childUnder18OrExpected: unmet('Over 18.') }],
    ['c) long-term coordinated needs', { longTermCoordinatedNeeds: unmet('Kortvarig behov.') }],
  ])('when a grant is recorded with condition %s not met, then it is refused', (_name, change) => {
    expect(refusal(transition(mapped({ ...allMetCmd, ...change }), grantCmd, ctx()))).toBe('a grant requires all three legal conditions assessed as met');
  });

  test('when a refusal is recorded with all three conditions met, then it is refused', () => {
    expect(refusal(transition(mapped(), refuseCmd, ctx()))).toBe('a refusal requires at least one legal condition assessed as not met');
  });

  test('when a refusal names nothing offered instead, then it is refused', () => {
    expect(refusal(transition(mapped(oneUnmetCmd), { ...refuseCmd, offeredInstead: [] }, ctx()))).toBe(
      'a refusal must name what the family is offered instead (coordinated services, an ordinary coordinator)',
    );
  });

  test('when a grant is recorded after a complete kartlegging with all conditions met, then the case is granted with a decision letter', () => {
    const at = '2026-02-01T13:00:00.000Z';
    const result = accepted(transition(mapped(), grantCmd, ctx(at)));
    expect(result.state.status).toBe('granted');
    expect(result.state.grantedAt).toBe(at);
    expect(result.state.decisions).toEqual([
      { letterId: 'id-1', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: '2026-02-01', recordedAt: at },
    ]);
    expect(latestDecision(result.state)?.letterId).toBe('id-1');
    expect(result.letter).toEqual({ id: 'id-1', kind: 'decision' });
    expect(result.event).toEqual({
      type: 'DecisionRecorded',
      at,
      data: { outcome: 'granted', decidedOn: '2026-02-01', letterId: 'id-1', offeredInstead: [] },
    });
  });

  test('when a refusal is recorded with one condition unmet and alternatives named, then the case is refused with a decision letter', () => {
    const result = accepted(transition(mapped(oneUnmetCmd), refuseCmd, ctx()));
    expect(result.state.status).toBe('refused');
    expect(result.state.grantedAt).toBeUndefined();
    expect(result.state.decisions).toEqual([
      {
        letterId: 'id-1',
        outcome: 'refused',
        reasons: 'Vilkår b er ikke oppfylt.',
        offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
        decidedOn: '2026-02-01',
        recordedAt: AT,
      },
    ]);
    expect(result.letter).toEqual({ id: 'id-1', kind: 'decision' });
  });

  test('when a refusal offers only an ordinary coordinator, then it is accepted', () => {
    const result = accepted(transition(mapped(oneUnmetCmd), { ...refuseCmd, offeredInstead: ['ordinary_coordinator'] }, ctx()));
    expect(result.state.decisions[0].offeredInstead).toEqual(['ordinary_coordinator']);
  });
});

describe('complaints', () => {
  test('when a complaint arrives before any decision, then it is refused', () => {
    expect(refusal(transition(mapped(), complaintCmd({ about: 'right_not_fulfilled' }), ctx()))).toBe('a complaint requires a written decision');
  });

  test('when a complaint about refusal arrives on a granted case, then it is refused', () => {
    expect(refusal(transition(granted(), complaintCmd({ about: 'refusal' }), ctx()))).toBe('the decision was not a refusal');
  });

  test('when a complaint that the right is not fulfilled arrives on a granted case, then it is registered and the status is unchanged', () => {
    const result = accepted(transition(granted(), complaintCmd({ about: 'right_not_fulfilled' }), ctx()));
    expect(result.state.status).toBe('granted');
    expect(result.state.complaints[0].about).toBe('right_not_fulfilled');
  });

  test('when a complaint about refusal arrives within the deadline, then it is registered as received, not late, learned on the decision date', () => {
    const result = accepted(transition(refused(), complaintCmd({ receivedOn: '2026-02-10' }), ctx()));
    expect(result.state.status).toBe('refused');
    expect(result.state.complaints).toEqual([
      { id: 'id-1', about: 'refusal', receivedOn: '2026-02-10', familyLearnedOn: '2026-02-01', late: false, status: 'received', outcomes: [] },
    ]);
    expect(result.event).toEqual({
      type: 'ComplaintReceived',
      at: AT,
      data: { complaintId: 'id-1', about: 'refusal', receivedOn: '2026-02-10', late: false },
    });
    expect(result.letter).toBeUndefined();
  });

  test('when a complaint arrives exactly 28 days after the decision, then it is not late', () => {
    // decidedOn 2026-02-01 + 28 days = 2026-03-01
    expect(accepted(transition(refused(), complaintCmd({ receivedOn: '2026-03-01' }), ctx())).state.complaints[0].late).toBe(false);
  });

  test('when a complaint arrives 29 days after the decision, then it is registered as late', () => {
    const result = accepted(transition(refused(), complaintCmd({ receivedOn: '2026-03-02' }), ctx()));
    expect(result.state.complaints[0].late).toBe(true);
    expect(result.event.data.late).toBe(true);
  });

  test('when the family learned of the decision later than its date, then the 28 days run from when they learned', () => {
    const onTime = accepted(transition(refused(), complaintCmd({ familyLearnedOn: '2026-02-05', receivedOn: '2026-03-05' }), ctx()));
    expect(onTime.state.complaints[0]).toMatchObject({ familyLearnedOn: '2026-02-05', late: false });
    const late = accepted(transition(refused(), complaintCmd({ familyLearnedOn: '2026-02-05', receivedOn: '2026-03-06' }), ctx()));
    expect(late.state.complaints[0]).toMatchObject({ familyLearnedOn: '2026-02-05', late: true });
  });

  test('when a complaint is received before the family learned of the decision, then it is refused', () => {
    expect(refusal(transition(refused(), complaintCmd({ familyLearnedOn: '2026-02-05', receivedOn: '2026-02-04' }), ctx()))).toBe(
      'a complaint cannot be received before the family learned of the decision',
    );
  });

  test('when a complaint is received before the decision date and no learned date is given, then it is refused', () => {
    expect(refusal(transition(refused(), complaintCmd({ receivedOn: '2026-01-31' }), ctx()))).toBe(
      'a complaint cannot be received before the family learned of the decision',
    );
  });

  test('when a complaint is received on the very day the family learned of the decision, then it is accepted', () => {
    expect(accepted(transition(refused(), complaintCmd({ receivedOn: '2026-02-01' }), ctx())).state.complaints[0].late).toBe(false);
  });
});

describe('complaint outcomes', () => {
  const outcome = (o: 'reversed_by_ke' | 'forwarded_to_statsforvalteren' | 'upheld_by_statsforvalteren' | 'overturned_by_statsforvalteren', complaintId = 'id-c'): CaseCommand => ({
    type: 'recordComplaintOutcome',
    complaintId,
    outcome: o,
    reasons: 'Ny vurdering av vilkår b.',
    on: '2026-02-25',
  });

  test('when an outcome names a complaint that does not exist, then it is refused', () => {
    expect(refusal(transition(complained(), outcome('reversed_by_ke', 'nope'), ctx()))).toBe('no complaint nope on this case');
  });

  test('when KE reverses a refusal on complaint, then the case is granted with a new decision and a complaint_reversal letter', () => {
    const at = '2026-02-25T09:00:00.000Z';
    const before = complained();
    const result = accepted(transition(before, outcome('reversed_by_ke'), ctx(at)));
    expect(result.state.status).toBe('granted');
    expect(result.state.grantedAt).toBe(at);
    expect(result.state.decisions).toHaveLength(2);
    expect(result.state.decisions[1]).toEqual({
      letterId: 'id-1',
      outcome: 'granted',
      reasons: 'Ny vurdering av vilkår b.',
      offeredInstead: [],
      decidedOn: '2026-02-25',
      recordedAt: at,
    });
    expect(result.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
    expect(result.state.complaints[0].status).toBe('reversed');
    expect(result.state.complaints[0].outcomes).toEqual([{ outcome: 'reversed_by_ke', on: '2026-02-25', reasons: 'Ny vurdering av vilkår b.', recordedAt: at }]);
    expect(result.event).toEqual({ type: 'ComplaintOutcomeRecorded', at, data: { complaintId: 'id-c', outcome: 'reversed_by_ke', on: '2026-02-25' } });
  });

  test('when KE forwards a complaint about refusal, then the case is with Statsforvalteren and no letter is written', () => {
    const result = accepted(transition(complained(), outcome('forwarded_to_statsforvalteren'), ctx()));
    expect(result.state.status).toBe('complaint_with_statsforvalteren');
    expect(result.state.complaints[0].status).toBe('forwarded');
    expect(result.state.decisions).toHaveLength(1);
    expect(result.letter).toBeUndefined();
  });

  test('when Statsforvalteren upholds the refusal, then the case is refused again and no letter is written', () => {
    const result = accepted(transition(forwarded(), outcome('upheld_by_statsforvalteren'), ctx()));
    expect(result.state.status).toBe('refused');
    expect(result.state.complaints[0].status).toBe('upheld');
    expect(result.state.complaints[0].outcomes.map((o) => o.outcome)).toEqual(['forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren']);
    expect(result.state.grantedAt).toBeUndefined();
    expect(result.letter).toBeUndefined();
  });

  test('when Statsforvalteren overturns the refusal, then the case is granted with a complaint_reversal letter', () => {
    const result = accepted(transition(forwarded(), outcome('overturned_by_statsforvalteren'), ctx()));
    expect(result.state.status).toBe('granted');
    expect(result.state.grantedAt).toBe(AT);
    expect(result.state.complaints[0].status).toBe('overturned');
    expect(latestDecision(result.state)).toMatchObject({ outcome: 'granted', decidedOn: '2026-02-25', letterId: 'id-1' });
    expect(result.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
  });

  test('when a refusal reversed on complaint is followed by an appointment, then the case is appointed', () => {
    const reversed = run(complained(), [outcome('reversed_by_ke')]);
    expect(accepted(transition(reversed, afterReversal, ctx())).state.status).toBe('appointed');
  });

  test.each([
    ['received', 'upheld_by_statsforvalteren', 'forwarded'],
    ['received', 'overturned_by_statsforvalteren', 'forwarded'],
    ['forwarded', 'reversed_by_ke', 'received'],
    ['forwarded', 'forwarded_to_statsforvalteren', 'received'],
  ] as const)('when a complaint that is %s gets outcome %s, then it is refused: that outcome needs a complaint that is %s', (status, o, from) => {
    const state = status === 'received' ? complained() : forwarded();
    expect(refusal(transition(state, outcome(o), ctx()))).toBe(`outcome ${o} requires a complaint that is ${from}, but it is ${status}`);
  });

  test.each([
    ['reversed_by_ke', 'received'],
    ['forwarded_to_statsforvalteren', 'received'],
    ['upheld_by_statsforvalteren', 'forwarded'],
    ['overturned_by_statsforvalteren', 'forwarded'],
  ] as const)('when a complaint already reversed by KE gets outcome %s, then it is refused', (o, from) => {
    const reversed = run(complained(), [outcome('reversed_by_ke')]);
    expect(refusal(transition(reversed, outcome(o), ctx()))).toBe(`outcome ${o} requires a complaint that is ${from}, but it is reversed`);
  });

  test('when a complaint upheld by Statsforvalteren gets the outcome overturned, then it is refused', () => {
    const upheld = run(forwarded(), [outcome('upheld_by_statsforvalteren')]);
    expect(refusal(transition(upheld, outcome('overturned_by_statsforvalteren'), ctx()))).toBe(
      'outcome overturned_by_statsforvalteren requires a complaint that is forwarded, but it is upheld',
    );
  });

  test('when a complaint that the right is not fulfilled is forwarded and overturned, then the granted case keeps its status and no letter is written', () => {
    const state = run(granted(), [complaintCmd({ about: 'right_not_fulfilled' })], { ...setupCtx(), newId: () => 'id-c' });
    const fwd = accepted(transition(state, outcome('forwarded_to_statsforvalteren'), ctx()));
    expect(fwd.state.status).toBe('granted');
    const over = accepted(transition(deepFreeze(fwd.state), outcome('overturned_by_statsforvalteren'), ctx()));
    expect(over.state.status).toBe('granted');
    expect(over.state.complaints[0].status).toBe('overturned');
    expect(over.state.decisions).toHaveLength(1);
    expect(over.letter).toBeUndefined();
  });

  describe('two complaints about the same refusal', () => {
    /** A refused case with complaints 'id-a' (received 2026-02-10) and 'id-b' (received 2026-02-12) about the refusal. */
    const twoComplaints = () => {
      const complaintIds = ['id-a', 'id-b'];
      return run(refused(), [complaintCmd(), complaintCmd({ receivedOn: '2026-02-12' })], { ...setupCtx(), newId: () => complaintIds.shift()! });
    };
    const complaintB = (state: CaseState) => state.complaints.find((c) => c.id === 'id-b')!;

    test('when A is reversed by KE and B is then forwarded and upheld, then the case stays granted, B is forwarded then upheld, and B writes no letter', () => {
      const reversedAt = '2026-02-25T09:00:00.000Z';
      const reversed = accepted(transition(twoComplaints(), outcome('reversed_by_ke', 'id-a'), ctx(reversedAt)));
      expect(reversed.state.status).toBe('granted');
      expect(reversed.state.statusSince).toBe(reversedAt);
      expect(reversed.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
      expect(latestDecision(reversed.state)?.outcome).toBe('granted');
      expect(complaintB(reversed.state).status).toBe('received');

      const fwd = accepted(transition(deepFreeze(reversed.state), outcome('forwarded_to_statsforvalteren', 'id-b'), ctx('2026-02-26T09:00:00.000Z')));
      expect(fwd.state.status).toBe('granted');
      expect(fwd.state.statusSince).toBe(reversedAt);
      expect(complaintB(fwd.state).status).toBe('forwarded');
      expect(fwd.letter).toBeUndefined();

      const upheld = accepted(transition(deepFreeze(fwd.state), outcome('upheld_by_statsforvalteren', 'id-b'), ctx('2026-03-10T09:00:00.000Z')));
      expect(upheld.state.status).toBe('granted');
      expect(upheld.state.statusSince).toBe(reversedAt);
      expect(upheld.state.grantedAt).toBe(reversedAt);
      expect(complaintB(upheld.state).status).toBe('upheld');
      expect(complaintB(upheld.state).outcomes.map((o) => o.outcome)).toEqual(['forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren']);
      expect(upheld.state.decisions.map((d) => d.outcome)).toEqual(['refused', 'granted']);
      expect(upheld.letter).toBeUndefined();
      expect(upheld.event).toMatchObject({ type: 'ComplaintOutcomeRecorded', data: { complaintId: 'id-b', outcome: 'upheld_by_statsforvalteren' } });
    });

    test.each([
      ['reversed by KE', ['reversed_by_ke']],
      ['forwarded and overturned by Statsforvalteren', ['forwarded_to_statsforvalteren', 'overturned_by_statsforvalteren']],
    ] as const)('when A is reversed by KE and B is then %s, then no second grant or letter is written and the grant keeps its instant', (_name, outcomes) => {
      const reversedAt = '2026-02-25T09:00:00.000Z';
      let state = accepted(transition(twoComplaints(), outcome('reversed_by_ke', 'id-a'), ctx(reversedAt))).state;
      for (const o of outcomes) {
        const result = accepted(transition(deepFreeze(state), outcome(o, 'id-b'), ctx('2026-03-10T09:00:00.000Z')));
        expect(result.letter).toBeUndefined();
        expect(result.state.status).toBe('granted');
        state = result.state;
      }
      expect(complaintB(state).status).toBe(outcomes[outcomes.length - 1] === 'reversed_by_ke' ? 'reversed' : 'overturned');
      expect(state.decisions.map((d) => d.outcome)).toEqual(['refused', 'granted']);
      expect(state.grantedAt).toBe(reversedAt);
      expect(state.statusSince).toBe(reversedAt);
    });

    test('when A is forwarded to Statsforvalteren and B is then reversed by KE, then the case is granted and A overturned or upheld afterwards changes nothing', () => {
      const withSf = run(twoComplaints(), [outcome('forwarded_to_statsforvalteren', 'id-a')]);
      expect(withSf.status).toBe('complaint_with_statsforvalteren');
      const reversed = accepted(transition(withSf, outcome('reversed_by_ke', 'id-b'), ctx('2026-02-27T09:00:00.000Z')));
      expect(reversed.state.status).toBe('granted');
      expect(reversed.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
      for (const o of ['overturned_by_statsforvalteren', 'upheld_by_statsforvalteren'] as const) {
        const later = accepted(transition(deepFreeze(reversed.state), outcome(o, 'id-a'), ctx('2026-03-10T09:00:00.000Z')));
        expect(later.state.status).toBe('granted');
        expect(later.state.decisions).toHaveLength(2);
        expect(later.letter).toBeUndefined();
      }
    });

    test('when both are forwarded, then the case is with Statsforvalteren; A upheld makes it refused again, and B upheld leaves it refused', () => {
      const bothForwarded = run(twoComplaints(), [outcome('forwarded_to_statsforvalteren', 'id-a'), outcome('forwarded_to_statsforvalteren', 'id-b')]);
      expect(bothForwarded.status).toBe('complaint_with_statsforvalteren');
      expect(bothForwarded.complaints.map((c) => c.status)).toEqual(['forwarded', 'forwarded']);
      const aUpheld = run(bothForwarded, [outcome('upheld_by_statsforvalteren', 'id-a')]);
      expect(aUpheld.status).toBe('refused');
      const bUpheld = accepted(transition(aUpheld, outcome('upheld_by_statsforvalteren', 'id-b'), ctx()));
      expect(bUpheld.state.status).toBe('refused');
      expect(bUpheld.state.complaints.map((c) => c.status)).toEqual(['upheld', 'upheld']);
      expect(bUpheld.letter).toBeUndefined();
    });

    test('when A is upheld and B, still received, is then reversed by KE, then the refusal that still stands is reversed with a letter', () => {
      const aUpheld = run(twoComplaints(), [outcome('forwarded_to_statsforvalteren', 'id-a'), outcome('upheld_by_statsforvalteren', 'id-a')]);
      expect(aUpheld.status).toBe('refused');
      const result = accepted(transition(aUpheld, outcome('reversed_by_ke', 'id-b'), ctx()));
      expect(result.state.status).toBe('granted');
      expect(result.letter).toEqual({ id: 'id-1', kind: 'complaint_reversal' });
    });
  });

  test('when a refusal reversed on complaint has led to an appointment and another complaint is then overturned, then the case stays appointed and no letter is written', () => {
    const complaintIds = ['id-a', 'id-b'];
    const state = run(refused(), [complaintCmd(), complaintCmd({ receivedOn: '2026-02-12' })], { ...setupCtx(), newId: () => complaintIds.shift()! });
    const appointedCase = run(state, [outcome('reversed_by_ke', 'id-a'), afterReversal]);
    expect(appointedCase.status).toBe('appointed');
    const over = run(appointedCase, [outcome('forwarded_to_statsforvalteren', 'id-b')]);
    expect(over.status).toBe('appointed');
    const result = accepted(transition(over, outcome('overturned_by_statsforvalteren', 'id-b'), ctx()));
    expect(result.state.status).toBe('appointed');
    expect(result.state.decisions).toHaveLength(2);
    expect(result.letter).toBeUndefined();
  });
});

describe('appointment', () => {
  test('when a granted case with consent gets a coordinator, then it is appointed', () => {
    const at = '2026-02-15T10:00:00.000Z';
    const result = accepted(transition(granted(), appointCmd, ctx(at)));
    expect(result.state.status).toBe('appointed');
    expect(result.state.appointment).toEqual({ unitId: 'unit-1', coordinatorId: 'coord-1', appointedOn: '2026-02-15', recordedAt: at });
    expect(result.event).toEqual({ type: 'CoordinatorAppointed', at, data: { unitId: 'unit-1', coordinatorId: 'coord-1', appointedOn: '2026-02-15' } });
    expect(result.letter).toBeUndefined();
  });

  test('when a refused case gets a coordinator, then it is refused naming the status', () => {
    expect(refusal(transition(refused(), appointCmd, ctx()))).toBe('an appointment requires a granted decision, but the case is refused');
  });

  test('when a case still in kartlegging gets a coordinator, then it is refused naming the status', () => {
    expect(refusal(transition(consented(), appointCmd, ctx()))).toBe('an appointment requires a granted decision, but the case is kartlegging');
  });

  test('when a case with a complaint at Statsforvalteren gets a coordinator, then it is refused naming the status', () => {
    expect(refusal(transition(forwarded(), appointCmd, ctx()))).toBe(
      'an appointment requires a granted decision, but the case is complaint_with_statsforvalteren',
    );
  });

  test('when an appointed case gets the same coordinator again, then it is refused', () => {
    expect(refusal(transition(appointed(), appointCmd, ctx()))).toBe('this coordinator is already appointed');
  });

  test('when an appointed case gets another coordinator, then it is a change of coordinator with a task to tell the collaborators', () => {
    const result = accepted(transition(appointed(), { ...appointCmd, coordinatorId: 'coord-2' }, ctx()));
    expect(result.event.type).toBe('CoordinatorChanged');
    expect(result.state.appointment?.coordinatorId).toBe('coord-2');
    expect(result.state.tasks.map((t) => t.kind)).toEqual(['inform_collaborators']);
  });
});

describe('statusSince: when the case entered its current status', () => {
  test('when a case goes through every step, then statusSince is the instant of each status change and stays put between them', () => {
    const steps: [CaseCommand, string, string, string][] = [
      // command, its instant, status after, statusSince after
      [consentCmd(), '2026-01-08T10:00:00.000Z', 'kartlegging', '2026-01-08T10:00:00.000Z'],
      [{ type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, '2026-01-09T10:00:00.000Z', 'kartlegging', '2026-01-08T10:00:00.000Z'],
      [interviewCmd(), '2026-01-20T10:00:00.000Z', 'kartlegging', '2026-01-08T10:00:00.000Z'],
      [oneUnmetCmd, '2026-01-22T10:00:00.000Z', 'awaiting_decision', '2026-01-22T10:00:00.000Z'],
      [{ ...oneUnmetCmd, longTermCoordinatedNeeds: unmet('Kortvarig.') }, '2026-01-23T10:00:00.000Z', 'awaiting_decision', '2026-01-22T10:00:00.000Z'],
      [refuseCmd, '2026-02-01T13:00:00.000Z', 'refused', '2026-02-01T13:00:00.000Z'],
      [complaintCmd(), '2026-02-10T10:00:00.000Z', 'refused', '2026-02-01T13:00:00.000Z'],
      [{ type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE opprettholder.', on: '2026-02-20' }, '2026-02-20T10:00:00.000Z', 'complaint_with_statsforvalteren', '2026-02-20T10:00:00.000Z'],
      [{ type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'upheld_by_statsforvalteren', reasons: 'Stadfestet.', on: '2026-03-20' }, '2026-03-20T10:00:00.000Z', 'refused', '2026-03-20T10:00:00.000Z'],
    ];
    let state = registered();
    expect(state.statusSince).toBe(REGISTERED_AT);
    for (const [command, at, status, since] of steps) {
      state = deepFreeze(accepted(transition(state, command, { ...ctx(at), newId: () => 'id-c' })).state);
      expect([command.type, state.status, state.statusSince]).toEqual([command.type, status, since]);
    }
  });

  test('when a refusal is overturned and a coordinator appointed, then statusSince is the overturn and then the appointment instant', () => {
    const overturnedAt = '2026-03-20T10:00:00.000Z';
    const over = accepted(
      transition(forwarded(), { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'overturned_by_statsforvalteren', reasons: 'Omgjort.', on: '2026-03-20' }, ctx(overturnedAt)),
    );
    expect(over.state.status).toBe('granted');
    expect(over.state.statusSince).toBe(overturnedAt);
    const appointedAt = '2026-03-25T10:00:00.000Z';
    const result = accepted(transition(deepFreeze(over.state), { ...appointCmd, appointedOn: '2026-03-25' }, ctx(appointedAt)));
    expect(result.state.statusSince).toBe(appointedAt);
  });

  test('when a command is refused, then statusSince is untouched', () => {
    const state = consented();
    expect(transition(state, grantCmd, ctx('2026-01-30T10:00:00.000Z')).ok).toBe(false);
    expect(state.statusSince).toBe(AT);
  });
});

describe('a closed case', () => {
  const closed = (): CaseState => deepFreeze({ ...appointed(), status: 'closed' });

  const commands: CaseCommand[] = [
    consentCmd(),
    { type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: '2026-03-01' },
    { type: 'scheduleKartlegging', scheduledAt: '2026-03-01T09:00:00.000Z' },
    interviewCmd(),
    allMetCmd,
    grantCmd,
    complaintCmd({ about: 'right_not_fulfilled' }),
    { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'reversed_by_ke', reasons: 'x', on: '2026-03-01' },
    appointCmd,
  ];

  test.each(commands.map((c) => [c.type, c] as const))('when %s is sent to a closed case, then it is refused: the case is closed', (_type, command) => {
    expect(refusal(transition(closed(), command, ctx()))).toBe('the case is closed');
  });
});

describe('sequence numbers and immutability', () => {
  test('when every step of a case is accepted in turn, then seq rises by exactly one per command', () => {
    const steps: CaseCommand[] = [consentCmd(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, interviewCmd(), oneUnmetCmd, refuseCmd];
    let state = registered();
    const seqs = [state.seq];
    for (const step of steps) {
      state = deepFreeze(accepted(transition(state, step, ctx())).state);
      seqs.push(state.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('when a command is refused, then the state keeps its seq and the next accepted command gets seq + 1', () => {
    const state = consented();
    expect(state.seq).toBe(2);
    const snapshot = structuredClone(state);
    expect(transition(state, grantCmd, ctx()).ok).toBe(false);
    expect(state).toEqual(snapshot);
    expect(accepted(transition(state, interviewCmd(), ctx())).state.seq).toBe(3);
  });

  test('when a refusal is produced, then it carries only the message and no state or event', () => {
    expect(transition(registered(), appointCmd, ctx())).toEqual({ ok: false, message: 'an appointment requires a granted decision, but the case is awaiting_consent' });
  });

  // Each pair: a state and a command that it accepts; the input must come out unchanged.
  const cases: [string, () => CaseState, CaseCommand][] = [
    ['recordConsent', registered, consentCmd()],
    ['withdrawConsent', () => mapped(), { type: 'withdrawConsent', scopes: ['appointment', 'information_sharing'], withdrawnBy: 'Per Testforelder', on: '2026-01-25' }],
    ['scheduleKartlegging', () => consented(), { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }],
    ['recordInterview', () => run(consented(), [allMetCmd]), interviewCmd()],
    ['recordAssessment', () => run(consented(), [interviewCmd()]), allMetCmd],
    ['recordDecision', () => mapped(), grantCmd],
    ['registerComplaint', refused, complaintCmd()],
    ['recordComplaintOutcome', complained, { type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'reversed_by_ke', reasons: 'Omgjort.', on: '2026-02-25' }],
    ['appoint', granted, appointCmd],
  ];

  test.each(cases)('when %s is applied, then the input state is not mutated (deep-frozen input, equal to a clone afterwards) and seq rises by one', (_name, make, command) => {
    const state = make();
    expect(Object.isFrozen(state)).toBe(true);
    const snapshot = structuredClone(state);
    const result = accepted(transition(state, command, ctx()));
    expect(state).toEqual(snapshot);
    expect(result.state).not.toBe(state);
    expect(result.state.seq).toBe(state.seq + 1);
  });
});
