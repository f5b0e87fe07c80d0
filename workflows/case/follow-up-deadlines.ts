/**
 * Deadlines after appointment, and the actions the workflow takes by itself when a date comes:
 * a leave ends, the child turns 18 (or the extended age). Pure.
 */
import type { CaseCommand } from './commands';
import { addDays, addDaysToDate, addMonthsToDate, birthdayAt, daysAfterDate, osloDateOf, osloMidnight } from './dates';
import type { Deadline } from './deadlines';
import { RIGHT_ENDS_AT_AGE } from './law';
import type { Policy } from './policy';
import type { CaseState } from './types';

export const KE_INBOX = 'ke';

/** Who gets the coordinator's reminders: the coordinator, the substitute, or KE when no one is there. */
export function coordinatorRecipient(state: CaseState): string {
  if (state.absence) return state.absence.substituteId ? `coordinator:${state.absence.substituteId}` : KE_INBOX;
  return state.appointment ? `coordinator:${state.appointment.coordinatorId}` : KE_INBOX;
}

/** The day the right ends: the 18th birthday, or the age the municipality extended to. */
export function endOfRight(state: CaseState): string | undefined {
  const birthDate = state.request.child.birthDate;
  return birthDate ? birthdayAt(birthDate, state.extendedToAge ?? RIGHT_ENDS_AT_AGE) : undefined;
}

export function followUpDeadlines(state: CaseState, policy: Policy): Deadline[] {
  if (state.status === 'closed') return [];
  const out: Deadline[] = [];
  const child = state.request.child;
  if (!child.birthDate && child.expectedDate) {
    out.push({ kind: 'birth', since: child.expectedDate, dueAt: daysAfterDate(child.expectedDate, policy.birthMarginDays), responsible: KE_INBOX });
  }
  if (state.status !== 'appointed') return out;
  const bk = coordinatorRecipient(state);
  const { followUp } = state;
  if (!followUp.kickOffHeldOn) out.push({ kind: 'kick_off', since: state.statusSince, dueAt: addDays(state.statusSince, policy.kickOffDays), responsible: bk });
  for (const m of followUp.meetings) {
    if (m.status === 'planned') out.push({ kind: 'meeting', since: `${m.id}@${m.at}`, dueAt: m.at, responsible: bk });
    if (m.status === 'held' && !m.minutesOn && m.heldOn) {
      out.push({ kind: 'minutes', since: m.id, dueAt: daysAfterDate(m.heldOn, policy.minutesDays), responsible: bk });
    }
  }
  const plan = followUp.individualPlan;
  if (plan.status === 'active' || plan.status === 'evaluated') {
    const base = plan.lastEvaluatedOn ?? osloDateOf(plan.since);
    out.push({ kind: 'plan_evaluation', since: base, dueAt: daysAfterDate(base, policy.planEvaluationDays), responsible: bk });
  }
  for (const t of state.tasks) if (!t.doneOn) out.push({ kind: t.kind, since: t.id, dueAt: t.dueAt, responsible: bk });
  if (state.absence && (state.absence.kind === 'departure' || !state.absence.substituteId)) {
    out.push({ kind: 'reassignment', since: state.absence.id, dueAt: addDays(state.absence.recordedAt, policy.reassignDays), responsible: KE_INBOX });
  }
  const end = endOfRight(state);
  if (end) {
    out.push({ kind: 'transition_planning', since: end, dueAt: osloMidnight(addMonthsToDate(end, -policy.closureNoticeMonths)), responsible: bk });
  }
  return out;
}

export interface Action {
  at: string;
  command: CaseCommand;
}

/** What the workflow does by itself, earliest first. */
export function dueActions(state: CaseState): Action[] {
  if (state.status === 'closed') return [];
  const out: Action[] = [];
  const absence = state.absence;
  if (absence?.kind === 'leave' && absence.until) {
    // The leave covers its last day; the coordinator is back the morning after.
    out.push({ at: osloMidnight(addDaysToDate(absence.until, 1)), command: { type: 'endLeave', absenceId: absence.id } });
  }
  const end = endOfRight(state);
  if (end) out.push({ at: osloMidnight(end), command: { type: 'closeCase', reason: 'age_limit', on: end } });
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
