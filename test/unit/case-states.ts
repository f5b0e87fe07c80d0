/**
 * Builders for the pure unit tests of the case domain: made-up people, fixed dates, deterministic
 * ids, every built state frozen so a handler that mutates its input fails loudly.
 * Not a test file itself (jest only runs *.test.ts). Shared by the unit tests; test/helpers/fixtures.ts
 * holds the request bodies of the API tests.
 */
import type { Appoint, CaseCommand, RecordAbsence, RecordAssessment, RecordConsent, RecordDecision, RecordInterview } from '../../workflows/case/commands';
import { ageOn } from '../../workflows/case/dates';
import { DEFAULT_POLICY, OWN_CONSENT_AGE, type Policy } from '../../workflows/case/policy';
import type { TransitionContext, TransitionResult } from '../../workflows/case/rules';
import { createCase, transition, type CreateResult } from '../../workflows/case/state';
import type { CaseRequest, CaseState, Child, ConsentScope } from '../../workflows/case/types';

// The steps before appointment, one instant each. The child (born 2016-03-15) is 9 in 2026.
export const CASE_ID = 'case-1';
export const REGISTERED_AT = '2026-01-05T09:00:00.000Z';
export const CONSENT_AT = '2026-01-10T10:00:00.000Z';
export const INTERVIEW_AT = '2026-01-20T10:00:00.000Z';
export const COMPLETED_AT = '2026-01-22T12:00:00.000Z';
export const GRANTED_AT = '2026-02-01T13:00:00.000Z';
export const APPOINTED_AT = '2026-02-15T09:00:00.000Z';
export const BIRTH_DATE = '2016-03-15';
export const COORDINATOR = 'coord-1';
export const OTHER_COORDINATOR = 'coord-2';

/**
 * A transition context at `at`. `ids` is either a prefix ('id' gives id-1, id-2 …) or the exact
 * ids to hand out in order; asking for more ids than listed fails the test.
 */
export function ctx(at: string, options: { policy?: Policy; ids?: string | string[] } = {}): TransitionContext {
  const ids = options.ids ?? 'id';
  let k = 0;
  const newId =
    typeof ids === 'string'
      ? () => `${ids}-${++k}`
      : () => {
          const id = ids[k++];
          if (id === undefined) throw new Error(`the test gave ${ids.length} id(s) but the transition asked for more`);
          return id;
        };
  return { at, policy: options.policy ?? DEFAULT_POLICY, newId };
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export function accepted(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected the command to be accepted, but it was refused: ${result.message}`);
  return result;
}

/** A registration that must be accepted: its state and event. */
export function created(result: CreateResult) {
  if (!result.ok) throw new Error(`expected the request to be registered, but it was refused: ${result.message}`);
  return result;
}

export function refusal(result: TransitionResult): string {
  if (result.ok) throw new Error(`expected the command to be refused, but it was accepted as ${result.event.type}`);
  return result.message;
}

/**
 * Applies one command that must be accepted and returns the new, frozen state. Without explicit
 * ids the ids are prefixed with the event number, so building a state never repeats an id.
 */
export function apply(state: CaseState, command: CaseCommand, at: string, ids: string | string[] = `e${state.seq + 1}`, policy?: Policy): CaseState {
  return deepFreeze(accepted(transition(deepFreeze(state), command, ctx(at, { ids, policy }))).state);
}

export function request(child: Partial<Child> = {}, overrides: Partial<CaseRequest> = {}): CaseRequest {
  return {
    child: { name: 'Nora Testbarn', birthDate: BIRTH_DATE, adopted: false, ...child },
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

/** A request for an unborn child with the given termin. */
export const unbornRequest = (expectedDate: string) => request({ birthDate: undefined, expectedDate });

export const consentCmd = (covers: ConsentScope[] = ['appointment', 'information_sharing'], over: Partial<RecordConsent> = {}): RecordConsent => ({
  type: 'recordConsent',
  givenBy: 'Per Testforelder',
  role: 'parent',
  covers,
  givenOn: '2026-01-10',
  ...over,
});

export const interviewCmd: RecordInterview = {
  type: 'recordInterview',
  heldOn: '2026-01-20',
  participants: ['Per Testforelder', 'Kari Testforelder', 'KE-rådgiver'],
  childParticipated: true,
};

export const met = (text: string) => ({ met: true, text });
export const unmet = (text: string) => ({ met: false, text });
export const allMetCmd: RecordAssessment = {
  type: 'recordAssessment',
  childUnder18OrExpected: met('Barnet er under 18 år eller ventes.'),
  seriousCondition: met('Alvorlig nedsatt funksjonsevne.'),
  longTermCoordinatedNeeds: met('Behov for helse- og omsorgstjenester og PPT over lang tid.'),
};

export const grantCmd: RecordDecision = { type: 'recordDecision', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: '2026-02-01' };

export const appointCmd = (coordinatorId = COORDINATOR, appointedOn = '2026-02-15'): Appoint => ({ type: 'appoint', unitId: 'unit-1', coordinatorId, appointedOn });

export interface CaseOptions {
  request?: CaseRequest;
  /** What the parents' consent covers; both scopes unless told. */
  covers?: ConsentScope[];
}

// States along the way, each frozen.
export const registered = (options: CaseOptions = {}): CaseState => deepFreeze(created(createCase(CASE_ID, options.request ?? request(), REGISTERED_AT)).state);

export function granted(options: CaseOptions = {}): CaseState {
  // From 16 the young person consents personally (law-own-consent-16).
  const child = (options.request ?? request()).child;
  const own = child.birthDate !== undefined && ageOn(child.birthDate, '2026-01-10') >= OWN_CONSENT_AGE;
  let s = apply(registered(options), consentCmd(options.covers, own ? { role: 'young_person', givenBy: child.name } : {}), CONSENT_AT);
  s = apply(s, interviewCmd, INTERVIEW_AT);
  s = apply(s, allMetCmd, COMPLETED_AT);
  return apply(s, grantCmd, GRANTED_AT);
}

/** Appointed at APPOINTED_AT with COORDINATOR; status appointed since then. */
export const appointed = (options: CaseOptions = {}): CaseState => apply(granted(options), appointCmd(), APPOINTED_AT);

// After the appointment. Meetings lie between April and October 2026, all in summer time, so no
// month step between them crosses a change of the clocks.
export const GROUP_AT = '2026-04-01T08:00:00.000Z';
export const M1_AT = '2026-07-01T08:00:00.000Z';
export const HELD_AT = '2026-07-02T12:00:00.000Z';
export const ABSENCE_AT = '2026-03-02T10:00:00.000Z';

/** The ansvarsgruppe established at GROUP_AT with the default interval; its first meeting m1 is at M1_AT. */
export const withGroup = (state: CaseState = appointed()) => apply(state, { type: 'establishAnsvarsgruppe' }, GROUP_AT, ['m1']);

/** m1 held on 2026-07-02; the next meeting, m2, is planned one interval on (2026-10-02T08:00Z). */
export const heldM1 = (state: CaseState = withGroup()) => apply(state, { type: 'recordMeeting', meetingId: 'm1', heldOn: '2026-07-02' }, HELD_AT, ['m2']);

/** COORDINATOR's leave abs-1 from 2026-03-02 to 2026-03-20, with OTHER_COORDINATOR as substitute. */
export const leave = (over: Partial<RecordAbsence> = {}): RecordAbsence => ({
  type: 'recordAbsence',
  absenceId: 'abs-1',
  coordinatorId: COORDINATOR,
  kind: 'leave',
  from: '2026-03-02',
  until: '2026-03-20',
  substituteId: OTHER_COORDINATOR,
  ...over,
});

/** The absence recorded at ABSENCE_AT on an appointed case; task t1 is to inform the family, l1 its letter. */
export const onLeave = (over: Partial<RecordAbsence> = {}, state: CaseState = appointed()) => apply(state, leave(over), ABSENCE_AT, ['t1', 't2', 'l1']);
