/**
 * What the case page offers (web/src/pages/case/allowed.ts) held against the case's own rules: in
 * each state along a case's life, every form it offers KE is one whose well-formed command the
 * rules accept, and the steps it leaves out are refused by the rules in that state. The
 * coordinator is offered only the follow-up.
 */
import { allowedActions, type Action, type CaseView } from '../../web/src/pages/case/allowed';
import type { CaseCommand } from '../../workflows/case/commands';
import { viewOf } from '../../workflows/case/messages';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { transition } from '../../workflows/case/state';
import type { CaseState } from '../../workflows/case/types';
import {
  COMPLETED_AT,
  CONSENT_AT,
  COORDINATOR,
  INTERVIEW_AT,
  OTHER_COORDINATOR,
  allMetCmd,
  apply,
  appointed,
  consentCmd,
  ctx,
  granted,
  heldM1,
  interviewCmd,
  onLeave,
  registered,
  unbornRequest,
  withGroup,
} from './case-states';

/** Later than every state built below. */
const AT = '2026-08-01T10:00:00.000Z';
const DAY = '2026-07-31';

const view = (state: CaseState): CaseView => viewOf(state, DEFAULT_POLICY) as CaseView;

/** A well-formed command of the action for this state, as the page's form would send it. */
function commandFor(action: Action, state: CaseState): CaseCommand | undefined {
  const planned = state.followUp.meetings.find((m) => m.status === 'planned');
  const held = state.followUp.meetings.find((m) => m.status === 'held' && !m.minutesOn);
  const a = state.kartlegging.assessment;
  const allMet = a && a.childUnder18OrExpected.met && a.seriousCondition.met && a.longTermCoordinatedNeeds.met;
  switch (action) {
    case 'recordConsent':
      return consentCmd(['appointment', 'information_sharing'], { givenOn: DAY });
    case 'withdrawConsent':
      return { type: 'withdrawConsent', scopes: ['appointment', 'information_sharing'], withdrawnBy: 'Per Testforelder', on: DAY };
    case 'scheduleKartlegging':
      return { type: 'scheduleKartlegging', scheduledAt: '2026-08-10T10:00:00.000Z' };
    case 'recordInterview':
      return { ...interviewCmd, heldOn: DAY };
    case 'recordAssessment':
      return allMetCmd;
    case 'recordDecision':
      return allMet
        ? { type: 'recordDecision', outcome: 'granted', reasons: 'Oppfylt.', offeredInstead: [], decidedOn: DAY }
        : { type: 'recordDecision', outcome: 'refused', reasons: 'Ikke oppfylt.', offeredInstead: ['coordinated_services'], decidedOn: DAY };
    case 'registerComplaint':
      return { type: 'registerComplaint', about: state.status === 'closed' ? 'change_or_termination' : 'right_not_fulfilled', receivedOn: DAY };
    case 'recordComplaintOutcome': {
      const complaint = state.complaints.find((c) => c.status === 'received');
      return complaint && { type: 'recordComplaintOutcome', complaintId: complaint.id, outcome: 'reversed_by_ke', reasons: 'Omgjort.', on: DAY };
    }
    case 'appoint':
      return { type: 'appoint', unitId: 'unit-1', coordinatorId: COORDINATOR, appointedOn: DAY };
    case 'reassign':
      return { type: 'appoint', unitId: 'unit-1', coordinatorId: OTHER_COORDINATOR, appointedOn: DAY };
    case 'recordKickOff':
      return { type: 'recordKickOff', heldOn: DAY };
    case 'establishAnsvarsgruppe':
      return { type: 'establishAnsvarsgruppe' };
    case 'planMeeting':
      return { type: 'planMeeting', at: '2026-08-20T10:00:00.000Z' };
    case 'meetingActions':
      return planned && { type: 'recordMeeting', meetingId: planned.id, heldOn: DAY };
    case 'recordMinutes':
      return held && { type: 'recordMinutes', meetingId: held.id, writtenOn: DAY };
    case 'setIndividualPlanStatus':
      return { type: 'setIndividualPlanStatus', status: state.followUp.individualPlan.status === 'not_started' ? 'in_progress' : 'active', on: DAY };
    case 'registerBirth':
      return { type: 'registerBirth', birthDate: DAY };
    case 'completeTask': {
      const task = state.tasks.find((t) => !t.doneOn);
      return task && { type: 'completeTask', taskId: task.id, doneOn: DAY };
    }
    case 'extendCase':
      return { type: 'extendCase', toAge: 19 };
    case 'closeCase':
      return { type: 'closeCase', reason: 'other', on: DAY };
  }
}

const accepted = (state: CaseState, command: CaseCommand) => {
  const result = transition(state, command, ctx(AT));
  return result.ok ? 'accepted' : `refused: ${result.message}`;
};

const consented = () => apply(registered(), consentCmd(), CONSENT_AT);
const interviewed = () => apply(consented(), interviewCmd, INTERVIEW_AT);
const mapped = () => apply(interviewed(), allMetCmd, COMPLETED_AT);
const refused = () => {
  const notMet = { ...allMetCmd, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } };
  const s = apply(apply(interviewed(), notMet, COMPLETED_AT), { type: 'recordDecision', outcome: 'refused', reasons: 'Nei.', offeredInstead: ['coordinated_services'], decidedOn: '2026-02-01' }, '2026-02-01T13:00:00.000Z');
  return apply(s, { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-10' }, '2026-02-10T10:00:00.000Z');
};
const closed = () => apply(appointed(), { type: 'closeCase', reason: 'moved_away', on: '2026-03-01' }, '2026-03-01T10:00:00.000Z');

const closedWithComplaint = () => apply(closed(), { type: 'registerComplaint', about: 'change_or_termination', receivedOn: '2026-03-10' }, '2026-03-10T10:00:00.000Z');

const STATES: [string, () => CaseState][] = [
  ['registered', registered],
  ['consented', consented],
  ['interviewed', interviewed],
  ['mapped', mapped],
  ['refused with a complaint', refused],
  ['granted', granted],
  ['appointed', appointed],
  ['appointed with an ansvarsgruppe', withGroup],
  ['appointed with a held meeting', heldM1],
  ['appointed, coordinator on leave', () => onLeave()],
  ['unborn, appointed', () => appointed({ request: unbornRequest('2026-06-01') })],
  ['closed', closed],
  ['closed, with a complaint about the closure', closedWithComplaint],
];

/** Steps the page leaves out on purpose though the rules would take them: a further consent when both scopes are in force, the individuell plan before appointment. */
const OFFERED_NARROWER: ReadonlySet<Action> = new Set(['recordConsent', 'setIndividualPlanStatus', 'reassign', 'appoint']);

describe.each(STATES)('the case page on a case %s', (_name, build) => {
  const state = build();
  const offered = allowedActions(view(state), ['ke'], DAY);

  it('when KE opens it, then every form offered sends a command the rules accept', () => {
    for (const action of offered) {
      const command = commandFor(action, state);
      if (command) expect({ action, result: accepted(state, command) }).toEqual({ action, result: 'accepted' });
    }
  });

  it('when KE opens it, then the steps not offered are refused by the rules', () => {
    const all = ['withdrawConsent', 'scheduleKartlegging', 'recordInterview', 'recordAssessment', 'recordDecision', 'registerComplaint', 'recordKickOff', 'establishAnsvarsgruppe', 'planMeeting', 'meetingActions', 'recordMinutes', 'registerBirth', 'completeTask', 'extendCase', 'closeCase'] as Action[];
    for (const action of all.filter((a) => !offered.has(a) && !OFFERED_NARROWER.has(a))) {
      const command = commandFor(action, state);
      if (command) expect({ action, result: accepted(state, command).slice(0, 7) }).toEqual({ action, result: 'refused' });
    }
  });

  it('when the coordinator opens it, then only the follow-up is offered', () => {
    const follow = allowedActions(view(state), ['coordinator'], DAY);
    for (const action of follow) expect(['recordKickOff', 'establishAnsvarsgruppe', 'planMeeting', 'meetingActions', 'recordMinutes', 'setIndividualPlanStatus', 'registerBirth', 'completeTask']).toContain(action);
  });
});

test('when the case is appointed, then the follow-up is offered; when closed, only a complaint about the closure, for a year', () => {
  expect([...allowedActions(view(appointed()), ['ke'], DAY)]).toEqual(expect.arrayContaining(['recordKickOff', 'establishAnsvarsgruppe', 'reassign', 'closeCase']));
  // Closed on 2026-03-01: complaints about it until 2027-03-01 (rule law-complaint-after-closure).
  expect([...allowedActions(view(closed()), ['ke'], '2027-03-01')]).toEqual(['registerComplaint']);
  expect(allowedActions(view(closed()), ['ke'], '2027-03-02').size).toBe(0);
  expect([...allowedActions(view(closedWithComplaint()), ['ke'], '2027-03-02')]).toEqual(['recordComplaintOutcome']);
  expect(allowedActions(view(closed()), ['coordinator'], DAY).size).toBe(0);
});
