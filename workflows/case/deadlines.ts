/**
 * Which deadlines a case has now, and which reminder or escalation is due next. Pure: the
 * workflow recomputes timers from these dates, so they survive restarts and continue-as-new.
 */
import { addDays } from './dates';
import type { Policy } from './policy';
import type { CaseState } from './types';

export type DeadlineKind = 'consent' | 'kartlegging' | 'decision' | 'appointment';
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

export const KE_INBOX = 'ke';

function responsibleBeforeAppointment(state: CaseState): string {
  return state.request.caseworkerId ? `caseworker:${state.request.caseworkerId}` : KE_INBOX;
}

export function openDeadlines(state: CaseState, policy: Policy): Deadline[] {
  const responsible = responsibleBeforeAppointment(state);
  const deadline = (kind: DeadlineKind, since: string, days: number): Deadline => ({
    kind,
    since,
    dueAt: addDays(since, days),
    responsible,
  });
  switch (state.status) {
    case 'awaiting_consent':
      return [deadline('consent', state.statusSince, policy.consentDays)];
    case 'kartlegging':
      return [deadline('kartlegging', state.statusSince, policy.kartleggingDays)];
    case 'awaiting_decision':
      return [deadline('decision', state.statusSince, policy.decisionDays)];
    case 'granted':
      return [deadline('appointment', state.statusSince, policy.appointmentDays)];
    default:
      return [];
  }
}

export function alertsOf(deadline: Deadline, caseId: string, policy: Policy): Alert[] {
  const key = (level: AlertLevel) => `${level}:${caseId}:${deadline.kind}:${deadline.since}`;
  return [
    { key: key('reminder'), level: 'reminder', deadline, at: deadline.dueAt, recipient: deadline.responsible },
    { key: key('escalation'), level: 'escalation', deadline, at: addDays(deadline.dueAt, policy.escalationDays), recipient: KE_INBOX },
  ];
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
