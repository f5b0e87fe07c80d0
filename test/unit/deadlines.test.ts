/** Deadlines, reminders and escalations in workflows/case/deadlines.ts: pure. */
import { created } from './case-states';
import type { CaseCommand, RecordAssessment, RecordConsent, WithdrawConsent } from '../../workflows/case/commands';
import { alertsOf, KE_INBOX, nextDeadline, openDeadlines, pendingAlerts, type Deadline } from '../../workflows/case/deadlines';
import { DEFAULT_POLICY, type Policy } from '../../workflows/case/policy';
import type { TransitionContext } from '../../workflows/case/rules';
import { createCase, transition } from '../../workflows/case/state';
import type { CaseRequest, CaseState, CaseStatus } from '../../workflows/case/types';

const REGISTERED_AT = '2026-01-05T09:00:00.000Z';
const CONSENT_AT = '2026-01-10T10:00:00.000Z';
const COMPLETED_AT = '2026-01-22T12:00:00.000Z';
const GRANTED_AT = '2026-02-01T13:00:00.000Z';

function request(overrides: Partial<CaseRequest> = {}): CaseRequest {
  return {
    child: { name: 'Nora Testbarn', birthDate: '2016-03-15', adopted: false },
    consenters: [
      { name: 'Per Testforelder', role: 'parent' },
      { name: 'Kari Testforelder', role: 'parent' },
    ],
    channel: 'oral',
    reasons: 'Mange tjenester.',
    receivedOn: '2026-01-05',
    ...overrides,
  };
}

let ids = 0;
function apply(state: CaseState, command: CaseCommand, at: string, policy: Policy = DEFAULT_POLICY): CaseState {
  const context: TransitionContext = { at, policy, newId: () => 'id-' + ++ids };
  const result = transition(state, command, context);
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

const consent: RecordConsent = { type: 'recordConsent', givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: '2026-01-10' };
const withdraw: WithdrawConsent = { type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: '2026-01-12' };
const interview: CaseCommand = { type: 'recordInterview', heldOn: '2026-01-20', participants: ['Per Testforelder'], childParticipated: true };
const met = { met: true, text: 'Oppfylt.' };
const assessment: RecordAssessment = { type: 'recordAssessment', childUnder18OrExpected: met, seriousCondition: met, longTermCoordinatedNeeds: met };
const grant: CaseCommand = { type: 'recordDecision', outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', offeredInstead: [], decidedOn: '2026-02-01' };

const registered = (req = request()) => created(createCase('case-1', req, REGISTERED_AT)).state;
const inKartlegging = (req = request()) => apply(registered(req), consent, CONSENT_AT);
const awaitingDecision = () => apply(apply(inKartlegging(), interview, '2026-01-20T10:00:00.000Z'), assessment, COMPLETED_AT);
const granted = () => apply(awaitingDecision(), grant, GRANTED_AT);
const unmet = { met: false, text: 'Ikke oppfylt.' };
const refuse: CaseCommand = { type: 'recordDecision', outcome: 'refused', reasons: 'Vilkår b er ikke oppfylt.', offeredInstead: ['ordinary_coordinator'], decidedOn: '2026-02-01' };
const refused = () =>
  apply(apply(apply(inKartlegging(), interview, '2026-01-20T10:00:00.000Z'), { ...assessment, seriousCondition: unmet }, COMPLETED_AT), refuse, GRANTED_AT);

/** The alert keys of a state's open deadlines. */
const keysOf = (state: CaseState) => pendingAlerts({ ...state, fired: [] }, DEFAULT_POLICY).map((a) => a.key);

describe('openDeadlines', () => {
  test('when a case awaits consent since registration, then the consent deadline runs from registration for consentDays (14) and KE is responsible', () => {
    expect(openDeadlines(registered(), DEFAULT_POLICY)).toEqual([
      { kind: 'consent', since: REGISTERED_AT, dueAt: '2026-01-19T09:00:00.000Z', responsible: 'ke' },
    ]);
  });

  test('when the request names a KE caseworker, then the caseworker is responsible for the deadline', () => {
    const [deadline] = openDeadlines(registered(request({ caseworkerId: 'kw-7' })), DEFAULT_POLICY);
    expect(deadline.responsible).toBe('caseworker:kw-7');
  });

  test('when the case entered kartlegging on consent, then the kartlegging deadline runs from that instant (statusSince) for kartleggingDays (21)', () => {
    expect(openDeadlines(inKartlegging(), DEFAULT_POLICY)).toEqual([
      { kind: 'kartlegging', since: CONSENT_AT, dueAt: '2026-01-31T10:00:00.000Z', responsible: 'ke' },
    ]);
  });

  test('when the case entered awaiting_decision on completing the kartlegging, then the decision deadline runs from that instant for decisionDays (14)', () => {
    expect(openDeadlines(awaitingDecision(), DEFAULT_POLICY)).toEqual([
      { kind: 'decision', since: COMPLETED_AT, dueAt: '2026-02-05T12:00:00.000Z', responsible: 'ke' },
    ]);
  });

  test('when the case was granted, then the appointment deadline runs from the grant (statusSince) for appointmentDays (14), with the caseworker responsible', () => {
    const state: CaseState = { ...granted(), request: request({ caseworkerId: 'kw-7' }) };
    expect(openDeadlines(state, DEFAULT_POLICY)).toEqual([
      { kind: 'appointment', since: GRANTED_AT, dueAt: '2026-02-15T13:00:00.000Z', responsible: 'caseworker:kw-7' },
    ]);
  });

  test('when the municipality sets its own days, then each deadline uses the policy value', () => {
    const policy: Policy = { ...DEFAULT_POLICY, consentDays: 3, kartleggingDays: 10, decisionDays: 5, appointmentDays: 2 };
    expect(openDeadlines(registered(), policy)[0].dueAt).toBe('2026-01-08T09:00:00.000Z');
    expect(openDeadlines(inKartlegging(), policy)[0].dueAt).toBe('2026-01-20T10:00:00.000Z');
    expect(openDeadlines(awaitingDecision(), policy)[0].dueAt).toBe('2026-01-27T12:00:00.000Z');
    expect(openDeadlines(granted(), policy)[0].dueAt).toBe('2026-02-03T13:00:00.000Z');
  });

  test.each<CaseStatus>(['refused', 'complaint_with_statsforvalteren', 'closed'])(
    'when the case is %s, then there is no open deadline',
    (status) => {
      const state: CaseState = { ...granted(), status };
      expect(openDeadlines(state, DEFAULT_POLICY)).toEqual([]);
      expect(nextDeadline(state, DEFAULT_POLICY)).toBeUndefined();
      expect(pendingAlerts(state, DEFAULT_POLICY)).toEqual([]);
    },
  );

  test.each<[CaseStatus, string, () => CaseState, string]>([
    ['awaiting_consent', 'consent', registered, '2026-03-15T08:30:00.000Z'],
    ['kartlegging', 'kartlegging', inKartlegging, '2026-03-22T08:30:00.000Z'],
    ['awaiting_decision', 'decision', awaitingDecision, '2026-03-15T08:30:00.000Z'],
    ['granted', 'appointment', granted, '2026-03-15T08:30:00.000Z'],
  ])('when a case is %s, then its %s deadline runs from statusSince alone, not from registeredAt, completedAt or grantedAt', (status, kind, make, dueAt) => {
    const since = '2026-03-01T08:30:00.000Z';
    const state: CaseState = { ...make(), statusSince: since };
    expect(state.status).toBe(status);
    expect(openDeadlines(state, DEFAULT_POLICY)).toEqual([{ kind, since, dueAt, responsible: 'ke' }]);
  });

  test('when a command does not change the status, then the deadline keeps its start', () => {
    const k = inKartlegging();
    const scheduled = apply(k, { type: 'scheduleKartlegging', scheduledAt: '2026-01-20T09:00:00.000Z' }, '2026-01-12T10:00:00.000Z');
    const interviewed = apply(scheduled, interview, '2026-01-20T10:00:00.000Z');
    expect(openDeadlines(interviewed, DEFAULT_POLICY)).toEqual(openDeadlines(k, DEFAULT_POLICY));
    const d = awaitingDecision();
    const corrected = apply(d, assessment, '2026-01-25T10:00:00.000Z');
    expect(openDeadlines(corrected, DEFAULT_POLICY)).toEqual(openDeadlines(d, DEFAULT_POLICY));
    const g = granted();
    const secondConsent = apply(g, { ...consent, givenBy: 'Kari Testforelder' }, '2026-02-03T10:00:00.000Z');
    expect(openDeadlines(secondConsent, DEFAULT_POLICY)).toEqual(openDeadlines(g, DEFAULT_POLICY));
  });

  test('when a refusal is reversed on complaint, then the appointment deadline runs from the reversal', () => {
    const complained = apply(refused(), { type: 'registerComplaint', about: 'refusal', receivedOn: '2026-02-10' }, '2026-02-10T10:00:00.000Z');
    const complaintId = complained.complaints[0].id;
    const reversedAt = '2026-02-25T09:00:00.000Z';
    const reversed = apply(complained, { type: 'recordComplaintOutcome', complaintId, outcome: 'reversed_by_ke', reasons: 'Omgjort.', on: '2026-02-25' }, reversedAt);
    expect(reversed.status).toBe('granted');
    expect(openDeadlines(reversed, DEFAULT_POLICY)).toEqual([
      { kind: 'appointment', since: reversedAt, dueAt: '2026-03-11T09:00:00.000Z', responsible: 'ke' },
    ]);
  });
});

describe('alertsOf', () => {
  const deadline: Deadline = { kind: 'consent', since: REGISTERED_AT, dueAt: '2026-01-19T09:00:00.000Z', responsible: 'caseworker:kw-7' };

  test('when a deadline is open, then there is a reminder to the responsible at dueAt and an escalation to KE escalationDays (7) later', () => {
    expect(alertsOf(deadline, 'case-1', DEFAULT_POLICY)).toEqual([
      { key: `reminder:case-1:consent:${REGISTERED_AT}`, level: 'reminder', deadline, at: '2026-01-19T09:00:00.000Z', recipient: 'caseworker:kw-7' },
      { key: `escalation:case-1:consent:${REGISTERED_AT}`, level: 'escalation', deadline, at: '2026-01-26T09:00:00.000Z', recipient: KE_INBOX },
    ]);
    expect(KE_INBOX).toBe('ke');
  });

  test('when the policy sets 3 escalation days, then the escalation comes 3 days after dueAt', () => {
    const [, escalation] = alertsOf(deadline, 'case-1', { ...DEFAULT_POLICY, escalationDays: 3 });
    expect(escalation.at).toBe('2026-01-22T09:00:00.000Z');
  });

  test('when two deadlines differ only in since, then their keys differ', () => {
    const again = alertsOf({ ...deadline, since: '2026-02-01T08:00:00.000Z' }, 'case-1', DEFAULT_POLICY);
    const first = alertsOf(deadline, 'case-1', DEFAULT_POLICY);
    expect(again.map((a) => a.key)).toEqual(['reminder:case-1:consent:2026-02-01T08:00:00.000Z', 'escalation:case-1:consent:2026-02-01T08:00:00.000Z']);
    expect(again.map((a) => a.key)).not.toEqual(first.map((a) => a.key));
  });
});

describe('pendingAlerts', () => {
  test('when nothing has fired, then the reminder and the escalation are pending, earliest first', () => {
    const alerts = pendingAlerts(registered(), DEFAULT_POLICY);
    expect(alerts.map((a) => [a.level, a.at])).toEqual([
      ['reminder', '2026-01-19T09:00:00.000Z'],
      ['escalation', '2026-01-26T09:00:00.000Z'],
    ]);
  });

  test('when the reminder has fired, then only the escalation is pending', () => {
    const state: CaseState = { ...registered(), fired: [`reminder:case-1:consent:${REGISTERED_AT}`] };
    expect(pendingAlerts(state, DEFAULT_POLICY).map((a) => a.key)).toEqual([`escalation:case-1:consent:${REGISTERED_AT}`]);
  });

  test('when both alerts have fired, then nothing is pending', () => {
    const state: CaseState = {
      ...registered(),
      fired: [`reminder:case-1:consent:${REGISTERED_AT}`, `escalation:case-1:consent:${REGISTERED_AT}`],
    };
    expect(pendingAlerts(state, DEFAULT_POLICY)).toEqual([]);
  });

  test('when the escalation days are negative (escalation before the reminder), then the alerts are still sorted by time', () => {
    const alerts = pendingAlerts(registered(), { ...DEFAULT_POLICY, escalationDays: -2 });
    expect(alerts.map((a) => [a.level, a.at])).toEqual([
      ['escalation', '2026-01-17T09:00:00.000Z'],
      ['reminder', '2026-01-19T09:00:00.000Z'],
    ]);
  });

  test('when the kartlegging starts again after consent was withdrawn and given anew, then its alerts have new keys that the old fired keys do not suppress', () => {
    const first = inKartlegging();
    const firstKeys = pendingAlerts(first, DEFAULT_POLICY).map((a) => a.key);
    const reconsentAt = '2026-01-15T08:00:00.000Z';
    const again = apply(apply({ ...first, fired: firstKeys }, withdraw, '2026-01-12T08:00:00.000Z'), consent, reconsentAt);
    expect(again.status).toBe('kartlegging');
    const alerts = pendingAlerts(again, DEFAULT_POLICY);
    expect(alerts.map((a) => a.key)).toEqual([`reminder:case-1:kartlegging:${reconsentAt}`, `escalation:case-1:kartlegging:${reconsentAt}`]);
    expect(alerts[0].deadline.dueAt).toBe('2026-02-05T08:00:00.000Z');
  });

  test('when consent is withdrawn after a consent reminder fired, then the new consent deadline runs from the withdrawal with a reminder key that differs from the first', () => {
    const first = registered();
    const [firstReminder, firstEscalation] = pendingAlerts(first, DEFAULT_POLICY);
    expect(firstReminder.key).toBe(`reminder:case-1:consent:${REGISTERED_AT}`);
    // The consent reminder fired on 2026-01-19, then consent came and was later withdrawn.
    const reminded: CaseState = { ...first, fired: [firstReminder.key] };
    const withdrawnAt = '2026-01-25T08:00:00.000Z';
    const withdrawn = apply(apply(reminded, consent, '2026-01-20T10:00:00.000Z'), { ...withdraw, on: '2026-01-25' }, withdrawnAt);
    expect(withdrawn.status).toBe('awaiting_consent');
    expect(withdrawn.fired).toEqual([firstReminder.key]);
    expect(openDeadlines(withdrawn, DEFAULT_POLICY)).toEqual([
      { kind: 'consent', since: withdrawnAt, dueAt: '2026-02-08T08:00:00.000Z', responsible: 'ke' },
    ]);
    const alerts = pendingAlerts(withdrawn, DEFAULT_POLICY);
    expect(alerts.map((a) => [a.key, a.at])).toEqual([
      [`reminder:case-1:consent:${withdrawnAt}`, '2026-02-08T08:00:00.000Z'],
      [`escalation:case-1:consent:${withdrawnAt}`, '2026-02-15T08:00:00.000Z'],
    ]);
    expect(alerts[0].key).not.toBe(firstReminder.key);
    expect(alerts[1].key).not.toBe(firstEscalation.key);
    expect(nextDeadline(withdrawn, DEFAULT_POLICY)).toBe('2026-02-08T08:00:00.000Z');
  });

  test('when consent is renewed after a withdrawal and the kartlegging was already complete, then the decision deadline runs from the renewal with new keys', () => {
    const first = awaitingDecision();
    const firstKeys = keysOf(first);
    expect(firstKeys).toEqual([`reminder:case-1:decision:${COMPLETED_AT}`, `escalation:case-1:decision:${COMPLETED_AT}`]);
    const withdrawn = apply({ ...first, fired: firstKeys }, { ...withdraw, on: '2026-01-25' }, '2026-01-25T08:00:00.000Z');
    expect(withdrawn.status).toBe('awaiting_consent');
    const renewedAt = '2026-02-02T11:00:00.000Z';
    const renewed = apply(withdrawn, { ...consent, givenOn: '2026-02-02' }, renewedAt);
    expect(renewed.status).toBe('awaiting_decision');
    expect(openDeadlines(renewed, DEFAULT_POLICY)).toEqual([
      { kind: 'decision', since: renewedAt, dueAt: '2026-02-16T11:00:00.000Z', responsible: 'ke' },
    ]);
    expect(pendingAlerts(renewed, DEFAULT_POLICY).map((a) => a.key)).toEqual([
      `reminder:case-1:decision:${renewedAt}`,
      `escalation:case-1:decision:${renewedAt}`,
    ]);
  });

  test('when consent is renewed after a withdrawal before the kartlegging was complete, then the kartlegging deadline runs from the renewal', () => {
    const withdrawn = apply(apply(inKartlegging(), { ...interview, heldOn: '2026-01-11' }, '2026-01-11T10:00:00.000Z'), withdraw, '2026-01-12T08:00:00.000Z');
    const renewedAt = '2026-01-16T09:00:00.000Z';
    const renewed = apply(withdrawn, consent, renewedAt);
    expect(renewed.status).toBe('kartlegging');
    expect(openDeadlines(renewed, DEFAULT_POLICY)).toEqual([
      { kind: 'kartlegging', since: renewedAt, dueAt: '2026-02-06T09:00:00.000Z', responsible: 'ke' },
    ]);
  });

  test('when the fired list holds keys of another step, then they do not suppress the current step', () => {
    const state: CaseState = { ...inKartlegging(), fired: [`reminder:case-1:consent:${REGISTERED_AT}`] };
    expect(pendingAlerts(state, DEFAULT_POLICY).map((a) => a.level)).toEqual(['reminder', 'escalation']);
  });
});

describe('nextDeadline', () => {
  test('when a case awaits consent, then the next deadline is the consent dueAt', () => {
    expect(nextDeadline(registered(), DEFAULT_POLICY)).toBe('2026-01-19T09:00:00.000Z');
  });

  test('when a case is granted, then the next deadline is the appointment dueAt', () => {
    expect(nextDeadline(granted(), DEFAULT_POLICY)).toBe('2026-02-15T13:00:00.000Z');
  });

  test('when a case is appointed, then the next deadline is the kick-off talk, owed by the coordinator', () => {
    const appointed = apply(granted(), { type: 'appoint', unitId: 'u', coordinatorId: 'c', appointedOn: '2026-02-10' }, '2026-02-10T10:00:00.000Z');
    expect(nextDeadline(appointed, DEFAULT_POLICY)).toBe('2026-02-24T10:00:00.000Z');
    expect(openDeadlines(appointed, DEFAULT_POLICY)[0]).toMatchObject({ kind: 'kick_off', responsible: 'coordinator:c' });
  });
});
