/**
 * What every rule is made of, whatever its phase: the context a command is applied in, the result
 * (a new state and its event, or the refusal that names the rule), the readings of the case that
 * rules of both phases ask (consent, the latest decision), and the checks every rule holds a
 * date to. The rules themselves are in to-appointment.ts and follow-up.ts; state.ts dispatches
 * to them. Pure: no Temporal import, no clock; time and ids come in through the context.
 *
 * "Today" is the Oslo date of the command's time (ctx.at, the workflow clock), never the
 * machine's clock.
 */
import type { CaseCommand } from './commands';
import { addMonths, ageOn, osloDateOf } from './dates';
import { PLANNING_HORIZON_MONTHS } from './date-range';
import { OWN_CONSENT_AGE, type Policy } from './policy';
import type { CaseState, ConsentScope, Decision } from './types';

/**
 * Rules changed while cases were running (issue #14), each under its own patch name: a workflow
 * replaying a history recorded before a change keeps the old rule there (workflow.ts asks
 * `patched(change)`). Pure callers leave the question out and get every rule as it is now.
 */
export type RuleChange =
  | 'law-refusal-after-18'
  | 'law-consenters-only'
  | 'law-own-consent-16'
  | 'law-withdrawn-consent-closes'
  | 'law-complaint-deadline-working-day'
  | 'law-coordinator-change-tells-all'
  | 'law-unrecorded-meeting'
  | 'law-appointment-letter'
  | 'law-complaint-after-closure'
  | 'law-statsforvalteren-letters'
  | 'law-absence-letters';

/** Whether a changed rule applies; see RuleChange. */
export type Applies = (change: RuleChange) => boolean;

export const everyRule: Applies = () => true;

export interface TransitionContext {
  /** The instant the command is applied (workflow time). */
  at: string;
  policy: Policy;
  /** Deterministic id source (the workflow's uuid4). */
  newId: () => string;
  /** Which changed rules apply; every one unless told (see RuleChange). */
  applies?: Applies;
}

/** Whether the changed rule applies in this context. */
export const applies = (ctx: { applies?: Applies }, change: RuleChange): boolean => (ctx.applies ?? everyRule)(change);

export interface CaseEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export type LetterKind =
  | 'decision'
  | 'complaint_reversal'
  | 'closure'
  | 'appointment'
  | 'coordinator_change'
  | 'complaint_forwarded'
  | 'statsforvalteren_decision'
  | 'coordinator_absence'
  | 'coordinator_return';

/** A letter a command writes: its id, its kind, and for a letter whose date the state does not hold, that date. */
export interface LetterRef {
  id: string;
  kind: LetterKind;
  on?: string;
}

export type TransitionResult =
  | { ok: true; state: CaseState; event: CaseEvent; letter?: LetterRef }
  | { ok: false; message: string };

/** The rule of one command: the state it leaves, or why it cannot be applied. */
export type Handler<T extends CaseCommand['type']> = (
  state: CaseState,
  command: Extract<CaseCommand, { type: T }>,
  ctx: TransitionContext,
) => TransitionResult;

export const refuse = (message: string): TransitionResult => ({ ok: false, message });

/** The state after an accepted command: the changes, the next sequence number, and its event. */
export function next(state: CaseState, changes: Partial<CaseState>, type: string, ctx: TransitionContext, data: Record<string, unknown>) {
  const nextState: CaseState = { ...state, ...changes, seq: state.seq + 1 };
  // A step's deadline runs from when the case entered it; a step entered again starts afresh.
  if (nextState.status !== state.status) nextState.statusSince = ctx.at;
  return { ok: true as const, state: nextState, event: { type, at: ctx.at, data } };
}

// ---- Readings of the case that rules of both phases ask. ----

export function hasConsent(state: CaseState, scope: ConsentScope): boolean {
  return state.consents.some((c) => c.covers.includes(scope) && !c.withdrawn.some((w) => w.scope === scope));
}

/** The child's age on a date; undefined for an unborn child. */
export function childAgeOn(state: CaseState, date: string): number | undefined {
  const birthDate = state.request.child.birthDate;
  return birthDate ? ageOn(birthDate, date) : undefined;
}

/**
 * Rule law-own-consent-16: whether a consent to the scope counts on the command's day. From 16 the
 * young person consents personally (pbrl § 4-3), so a parent's consent counts only with KE's
 * reasons why the young person lacks the competence to consent; one given before the child turned
 * 16 stops counting on the birthday.
 */
export function consentCounts(state: CaseState, scope: ConsentScope, ctx: { at: string; applies?: Applies }): boolean {
  const active = state.consents.filter((c) => c.covers.includes(scope) && !c.withdrawn.some((w) => w.scope === scope));
  const age = childAgeOn(state, osloDateOf(ctx.at));
  if (age === undefined || age < OWN_CONSENT_AGE || !applies(ctx, 'law-own-consent-16')) return active.length > 0;
  return active.some((c) => c.role === 'young_person' || c.youngPersonLacksCompetence !== undefined);
}

export function latestDecision(state: CaseState): Decision | undefined {
  return state.decisions[state.decisions.length - 1];
}

// ---- The checks every rule holds a date to, with a refusal that names the field and the date it contradicts. ----

/** A date the checked one must not precede, and what it is. */
export interface NotBefore {
  date: string;
  what: string;
}

/** The day the request was received: nothing KE does in the case comes before it. */
export const receipt = (state: CaseState): NotBefore => ({ date: state.request.receivedOn, what: 'the request was received' });

/**
 * Why a date of something that has happened (held, written, given, received, decided, born,
 * done) cannot be: after today in Oslo, or before what it must follow. Undefined if it can.
 */
export function happenedRefusal(field: string, date: string, at: string, notBefore: (NotBefore | undefined)[] = []): string | undefined {
  const today = osloDateOf(at);
  if (date > today) return `${field} ${date} is after today (${today}): it can be recorded once it has happened`;
  for (const bound of notBefore) {
    if (bound && date < bound.date) return `${field} ${date} is before ${bound.what} (${bound.date})`;
  }
  return undefined;
}

export function happened(field: string, date: string, at: string, notBefore: (NotBefore | undefined)[] = []): TransitionResult | undefined {
  const message = happenedRefusal(field, date, at, notBefore);
  return message === undefined ? undefined : refuse(message);
}

/**
 * A planned time (a meeting, the kartleggingssamtale): not before `notBefore` (an instant) and
 * at most PLANNING_HORIZON_MONTHS after the command.
 */
export function planned(field: string, instant: string, at: string, notBefore: { instant: string; what: string }): TransitionResult | undefined {
  const t = Date.parse(instant);
  const latest = addMonths(new Date(at).toISOString(), PLANNING_HORIZON_MONTHS);
  if (!Number.isFinite(t)) return refuse(`${field} ${instant} is not a time`);
  if (t > Date.parse(latest)) return refuse(`${field} ${instant} is more than ${PLANNING_HORIZON_MONTHS} months ahead (after ${latest}): plan it nearer the time`);
  if (t < Date.parse(notBefore.instant)) return refuse(`${field} ${instant} is before ${notBefore.what} (${notBefore.instant})`);
  return undefined;
}
