/**
 * Which deadlines a case has now, and which reminder, escalation or action of its own is due
 * next: the deadline of each step before appointment, those of follow-up after it, the alerts
 * they give, and what the workflow does by itself when a date comes (a leave ends, the child
 * turns 18 or the extended age). Pure: the workflow recomputes timers from these dates, so they
 * survive restarts and continue-as-new.
 */
import type { CaseCommand } from './commands';
import { addDays, addDaysToDate, addMonthsToDate, birthdayAt, daysAfterDate, osloDateOf, osloMidnight } from './dates';
import { OWN_CONSENT_AGE, RIGHT_ENDS_AT_AGE, type Policy } from './policy';
import { applies as ruleApplies, consentCounts, everyRule, hasConsent, type Applies } from './rules';
import type { CaseState } from './types';

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
  | 'transition_planning'
  | 'own_consent'
  | 'unrecorded_meeting';
export type AlertLevel = 'reminder' | 'escalation';

export interface Deadline {
  kind: DeadlineKind;
  /** When the step began; part of the key so a step that starts again gets fresh reminders. */
  since: string;
  dueAt: string;
  responsible: string;
}

export interface Alert {
  /** Unique per case and alert; never a date that reveals a birth or a pregnancy. */
  key: string;
  /**
   * The key this alert had before keys of BIRTH_DERIVED_KINDS became opaque (it carried the
   * termin or the end of the right, i.e. the 18th birthday). A running case may have fired the
   * alert under it: hasFired checks both. Only on alerts from caseAlerts, and only where it differs.
   */
  legacyKey?: string;
  level: AlertLevel;
  deadline: Deadline;
  at: string;
  recipient: string;
}

// ---- Who is responsible. ----

/** KE's shared inbox: reminders no one else is there to take, and every escalation. */
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

function responsibleBeforeAppointment(state: CaseState): string {
  return state.request.caseworkerId ? `caseworker:${state.request.caseworkerId}` : KE_INBOX;
}

// ---- Dates that reveal a birth stay out of keys and clear text. ----

/**
 * Deadline kinds whose dates come from the child's birth date or the termin: `birth` (due after
 * the termin) and `transition_planning` (before the 18th birthday, or the extended age). Their
 * dates stay out of keys, the worklist's `since`, search attributes and e-mail texts.
 */
export const BIRTH_DERIVED_KINDS: readonly DeadlineKind[] = ['birth', 'transition_planning', 'own_consent'];

export function revealsBirth(kind: string): boolean {
  return (BIRTH_DERIVED_KINDS as readonly string[]).includes(kind);
}

/**
 * What stands for `since` where followUpDeadlines has a birth-derived date there: the termin of
 * `birth` (set once, at registration) becomes 'expected', the end of the right of
 * `transition_planning` (which moves only when the case is extended) the age it ends at. Both
 * stay distinct wherever the date did, so a step that starts again still gets fresh reminders.
 */
export function opaqueSince(kind: DeadlineKind, state: Pick<CaseState, 'extendedToAge'>): string | undefined {
  if (kind === 'birth') return 'expected';
  if (kind === 'transition_planning') return `age-${state.extendedToAge ?? RIGHT_ENDS_AT_AGE}`;
  if (kind === 'own_consent') return `age-${OWN_CONSENT_AGE}`;
  return undefined;
}

/**
 * A stored alert key as it may be shown or logged. Keys written before keys became opaque (and
 * moved by the migration 1763900610000_opaque-birth-keys) carried the termin or the end of the
 * right; should one still turn up, its date is masked.
 */
export function shownAlertKey(key: string, kind: string): string {
  return revealsBirth(kind) ? key.replace(/\d{4}-\d{2}-\d{2}/g, 'date') : key;
}

/** A deadline as the rest of the system sees it: `since` of a birth-derived kind made opaque. */
function withOpaqueSince(deadline: Deadline, state: CaseState): Deadline {
  const since = opaqueSince(deadline.kind, state);
  return since === undefined ? deadline : { ...deadline, since };
}

// ---- The deadlines of each step. ----

function rawDeadlines(state: CaseState, policy: Policy, applies: Applies): Deadline[] {
  return [...stepDeadlines(state, policy), ...followUpDeadlines(state, policy, applies), ...ownConsentDeadline(state, applies)];
}

/** The case's open deadlines; `since` never carries a date derived from the birth date or termin. */
export function openDeadlines(state: CaseState, policy: Policy, applies: Applies = everyRule): Deadline[] {
  return rawDeadlines(state, policy, applies).map((d) => withOpaqueSince(d, state));
}

/**
 * Rule law-own-consent-16: a case that rests on a parent's consent needs the young person's own
 * from the 16th birthday (pbrl § 4-3). Its reminder goes on that day to the coordinator (then
 * escalated to KE), unless the young person has consented or KE has recorded why they lack
 * the competence to.
 */
function ownConsentDeadline(state: CaseState, applies: Applies): Deadline[] {
  const birthDate = state.request.child.birthDate;
  // Before appointment the steps that need consent refuse with the reason, and the step's own deadline reminds.
  if (!birthDate || state.status !== 'appointed') return [];
  if (!hasConsent(state, 'appointment')) return [];
  const sixteen = birthdayAt(birthDate, OWN_CONSENT_AGE);
  const end = endOfRight(state);
  if (end !== undefined && sixteen >= end) return [];
  // Counted as it will be on the birthday: a parent's consent without KE's reasons no longer counts then.
  if (consentCounts(state, 'appointment', { at: osloMidnight(sixteen), applies: () => true })) return [];
  if (!ruleApplies({ applies }, 'law-own-consent-16')) return [];
  return [{ kind: 'own_consent', since: sixteen, dueAt: osloMidnight(sixteen), responsible: coordinatorRecipient(state) }];
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

/** The deadlines after appointment (and the birth of an unborn child, before it too). */
export function followUpDeadlines(state: CaseState, policy: Policy, applies: Applies = everyRule): Deadline[] {
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
    // Rule law-unrecorded-meeting: a planned meeting whose time has passed by a day without being
    // recorded as held (or moved, or cancelled) reminds the coordinator, then KE, so no referat is
    // missed silently.
    if (m.status === 'planned' && ruleApplies({ applies }, 'law-unrecorded-meeting')) {
      out.push({ kind: 'unrecorded_meeting', since: `${m.id}@${m.at}`, dueAt: addDays(m.at, 1), responsible: bk });
    }
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

// ---- The alerts they give. ----

/**
 * The reminders and escalations of one deadline. The key is level, case, kind and `since`: give
 * it deadlines from openDeadlines, whose `since` carries no birth-derived date.
 */
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

/**
 * Every alert of the case's open deadlines, with opaque keys; where the key used to carry a
 * birth-derived date, the old key as `legacyKey`.
 */
export function caseAlerts(state: CaseState, policy: Policy, applies: Applies = everyRule): Alert[] {
  return rawDeadlines(state, policy, applies).flatMap((raw) => {
    const deadline = withOpaqueSince(raw, state);
    const alerts = alertsOf(deadline, state.caseId, policy);
    if (deadline === raw) return alerts;
    // alertsOf depends on kind, responsible and dates only, so both lists line up one to one.
    const legacy = alertsOf(raw, state.caseId, policy);
    return alerts.map((a, i) => ({ ...a, legacyKey: legacy[i].key }));
  });
}

/** Whether the alert has fired, under its key or under the key it had before (legacyKey). */
export function hasFired(fired: readonly string[], alert: Alert): boolean {
  return fired.includes(alert.key) || (alert.legacyKey !== undefined && fired.includes(alert.legacyKey));
}

/**
 * The keys `state.fired` may keep: those of the open deadlines' alerts, old keys included, so an
 * alert fired under its old key before an upgrade stays fired while its deadline is open.
 */
export function liveAlertKeys(state: CaseState, policy: Policy, applies: Applies = everyRule): Set<string> {
  return new Set(caseAlerts(state, policy, applies).flatMap((a) => (a.legacyKey === undefined ? [a.key] : [a.key, a.legacyKey])));
}

/** The alerts not yet fired, earliest first. */
export function pendingAlerts(state: CaseState, policy: Policy, applies: Applies = everyRule): Alert[] {
  return caseAlerts(state, policy, applies)
    .filter((a) => !hasFired(state.fired, a))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The earliest open deadline, for the projection. */
export function nextDeadline(state: CaseState, policy: Policy, applies: Applies = everyRule): string | undefined {
  return openDeadlines(state, policy, applies)
    .map((d) => d.dueAt)
    .sort()[0];
}

/**
 * The earliest open deadline whose date does not reveal a birth, a pregnancy or a birthday, for
 * the clear-text search attribute CaseNextDeadline (Temporal's visibility store is not encrypted).
 */
export function searchableNextDeadline(state: CaseState, policy: Policy, applies: Applies = everyRule): string | undefined {
  return openDeadlines(state, policy, applies)
    .filter((d) => !revealsBirth(d.kind))
    .map((d) => d.dueAt)
    .sort()[0];
}

// ---- What the workflow does by itself when a date comes. ----

export interface Action {
  at: string;
  command: CaseCommand;
}

/**
 * What the workflow does by itself, earliest first. A request that came after the right had ended
 * was refused in writing (state.ts); there is no coordinator to close at the age limit.
 */
export function dueActions(state: CaseState, applies: Applies = everyRule): Action[] {
  if (state.status === 'closed') return [];
  const out: Action[] = [];
  const absence = state.absence;
  if (absence?.kind === 'leave' && absence.until) {
    // The leave covers its last day; the coordinator is back the morning after.
    out.push({ at: osloMidnight(addDaysToDate(absence.until, 1)), command: { type: 'endLeave', absenceId: absence.id } });
  }
  const end = endOfRight(state);
  const rightEndedBeforeRequest = end !== undefined && state.request.receivedOn >= end && applies('law-refusal-after-18');
  if (end && !rightEndedBeforeRequest) out.push({ at: osloMidnight(end), command: { type: 'closeCase', reason: 'age_limit', on: end } });
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
