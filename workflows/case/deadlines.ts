/**
 * Which deadlines a case has now, and which reminder or escalation is due next. Pure: the
 * workflow recomputes timers from these dates, so they survive restarts and continue-as-new.
 */
import { addDays } from './dates';
import type { Policy } from './policy';
import type { CaseState } from './types';
import { KE_INBOX, followUpDeadlines } from './follow-up-deadlines';

export type DeadlineKind =
  | 'consent'
  | 'kartlegging'
  | 'decision'
  | 'appointment'
  | 'birth'
  | 'kick_off'
  | 'meeting'
  | 'minutes'
  | 'plan_evaluation'
  | 'inform_family'
  | 'inform_collaborators'
  | 'reassignment'
  | 'transition_planning';
export type AlertLevel = 'reminder' | 'escalation';

export interface Deadline {
  kind: DeadlineKind;
  /** When the step began; part of the key so a step that starts again gets fresh reminders. */
  since: string;
  dueAt: string;
  responsible: string;
}

export interface Alert {
  key: string;
  level: AlertLevel;
  deadline: Deadline;
  at: string;
  recipient: string;
}

export { KE_INBOX };

function responsibleBeforeAppointment(state: CaseState): string {
  return state.request.caseworkerId ? `caseworker:${state.request.caseworkerId}` : KE_INBOX;
}

export function openDeadlines(state: CaseState, policy: Policy): Deadline[] {
  return [...stepDeadlines(state, policy), ...followUpDeadlines(state, policy)];
}

/** The deadline of the step before appointment that the case is in, from when it entered it. */
function stepDeadlines(state: CaseState, policy: Policy): Deadline[] {
  const responsible = responsibleBeforeAppointment(state);
  const deadline = (kind: DeadlineKind, days: number): Deadline => ({
    kind,
    since: state.statusSince,
    dueAt: addDays(state.statusSince, days),
    responsible,
  });
  switch (state.status) {
    case 'awaiting_consent':
      return [deadline('consent', policy.consentDays)];
    case 'kartlegging':
      return [deadline('kartlegging', policy.kartleggingDays)];
    case 'awaiting_decision':
      return [deadline('decision', policy.decisionDays)];
    case 'granted':
      return [deadline('appointment', policy.appointmentDays)];
    default:
      return [];
  }
}

export function alertsOf(deadline: Deadline, caseId: string, policy: Policy): Alert[] {
  const key = (level: AlertLevel, suffix = '') => `${level}:${caseId}:${deadline.kind}:${deadline.since}${suffix}`;
  const reminder = (at = deadline.dueAt, recipient = deadline.responsible, suffix = ''): Alert => ({ key: key('reminder', suffix), level: 'reminder', deadline, at, recipient });
  const escalation = (at: string): Alert => ({ key: key('escalation'), level: 'escalation', deadline, at, recipient: KE_INBOX });
  switch (deadline.kind) {
    case 'meeting':
      return [reminder(addDays(deadline.dueAt, -policy.meetingReminderDays))];
    case 'plan_evaluation':
    case 'birth':
      return [reminder()];
    case 'reassignment':
      return [escalation(deadline.dueAt)];
    case 'transition_planning':
      return deadline.responsible === KE_INBOX ? [reminder()] : [reminder(), reminder(deadline.dueAt, KE_INBOX, ':ke')];
    default:
      return [reminder(), escalation(addDays(deadline.dueAt, policy.escalationDays))];
  }
}

/** The alerts not yet fired, earliest first. */
export function pendingAlerts(state: CaseState, policy: Policy): Alert[] {
  return openDeadlines(state, policy)
    .flatMap((d) => alertsOf(d, state.caseId, policy))
    .filter((a) => !state.fired.includes(a.key))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The earliest open deadline, for the projection and the search attribute. */
export function nextDeadline(state: CaseState, policy: Policy): string | undefined {
  return openDeadlines(state, policy)
    .map((d) => d.dueAt)
    .sort()[0];
}
