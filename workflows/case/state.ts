/**
 * The case state machine, read in this order: how a case begins (a request KE can register, and
 * createCase), then transition(state, command), which sends every command to its handler in one
 * table. The handlers are the rules per phase: to-appointment.ts (consent to appointment) and
 * follow-up.ts (after it), both made from rules.ts. The deadlines those states carry are in
 * deadlines.ts; the view callers see of a state is made in workflow.ts, once per command.
 * Pure: no Temporal import, no clock; time and ids come in through the context.
 */
import type { CaseCommand } from './commands';
import { ageOn, osloDateOf } from './dates';
import { REGISTRATION_AFTER_RECEIPT_DAYS, TERMIN_AFTER_REQUEST_DAYS, TERMIN_BEFORE_REQUEST_DAYS, daysAfter, daysBefore } from './date-range';
import { followUpHandlers } from './follow-up';
import { MAX_EXTENDED_AGE, RIGHT_ENDS_AT_AGE } from './policy';
import { applies, refuse, type Applies, type CaseEvent, type Handler, type LetterRef, type TransitionContext, type TransitionResult } from './rules';
import { toAppointmentHandlers } from './to-appointment';
import type { CaseRequest, CaseState, Decision } from './types';

/**
 * Why KE cannot register this request at `at` (the workflow's time), or undefined: a request
 * is registered after it was received and within a year of it; a born child was born by today
 * and is not past the oldest age a case can last to; an unborn child's termin fits a pregnancy
 * that was under way when the request came.
 */
export function requestRefusal(request: CaseRequest, at: string): string | undefined {
  const { receivedOn, child } = request;
  const today = osloDateOf(at);
  if (receivedOn > today) return `receivedOn ${receivedOn} is after the day the request is registered (${today}): a request is registered once it has been received`;
  const earliest = daysBefore(today, REGISTRATION_AFTER_RECEIPT_DAYS);
  if (receivedOn < earliest) return `receivedOn ${receivedOn} is more than a year before the request is registered (${today}): it cannot be this request`;
  if (child.birthDate) {
    if (child.birthDate > today) return `child.birthDate ${child.birthDate} is after today (${today}): an unborn child is registered with its termin as expectedDate`;
    const latestBirth = daysAfter(receivedOn, TERMIN_AFTER_REQUEST_DAYS);
    if (child.birthDate > latestBirth) {
      return `child.birthDate ${child.birthDate} is more than ${TERMIN_AFTER_REQUEST_DAYS} days after the request was received (${receivedOn}): the family cannot have asked for this child`;
    }
    const age = ageOn(child.birthDate, receivedOn);
    if (age >= MAX_EXTENDED_AGE) {
      return `child.birthDate ${child.birthDate} makes the child ${age} when the request was received (${receivedOn}): a barnekoordinator lasts until 18 and can be continued at most to ${MAX_EXTENDED_AGE} (hol § 7-2 a); an alminnelig koordinator (hol § 7-2) has no age limit`;
    }
  } else if (child.expectedDate) {
    if (child.expectedDate < daysBefore(receivedOn, TERMIN_BEFORE_REQUEST_DAYS)) {
      return `child.expectedDate ${child.expectedDate} is more than ${TERMIN_BEFORE_REQUEST_DAYS / 7} weeks before the request was received (${receivedOn}): the child is born by then; register it with birthDate`;
    }
    if (child.expectedDate > daysAfter(receivedOn, TERMIN_AFTER_REQUEST_DAYS)) {
      return `child.expectedDate ${child.expectedDate} is more than ${TERMIN_AFTER_REQUEST_DAYS} days after the request was received (${receivedOn}): a pregnancy lasts about 280 days`;
    }
  }
  return undefined;
}

export type CreateResult = { ok: true; state: CaseState; event: CaseEvent; letter?: LetterRef } | { ok: false; message: string };

/** The ids and changed rules a registration needs; a request for a child of 18 or more takes a letter id. */
export interface CreateOptions {
  newId?: () => string;
  applies?: Applies;
}

/**
 * The reasons of the refusal of a request that came when the child was already 18 (condition a,
 * pbrl § 2-5 c): nothing else is assessed, and the family is pointed to what it can have instead.
 */
export function adultRequestReasons(age: number): string {
  return (
    `Barnet var ${age} år da ønsket kom inn. Retten til barnekoordinator gjelder for familier som har eller venter barn under 18 år ` +
    '(vilkår a i pasient- og brukerrettighetsloven § 2-5 c, jf. helse- og omsorgstjenesteloven § 7-2 a). ' +
    'Dette vilkåret er ikke oppfylt, og de to andre vilkårene er derfor ikke vurdert.'
  );
}

/** The age of a born child on the day the request was received; undefined for an unborn child. */
export function ageAtRequest(request: CaseRequest): number | undefined {
  return request.child.birthDate ? ageOn(request.child.birthDate, request.receivedOn) : undefined;
}

/**
 * Registers the request (RequestRegistered), or refuses it with the reason (requestRefusal). A
 * request for a child who was 18 or more when it came is registered and refused in writing at
 * once (rule law-refusal-after-18): the family gets a decision with reasons and complaint rights,
 * never a closure of a coordinator it was never given.
 */
export function createCase(caseId: string, request: CaseRequest, at: string, municipality?: string, options: CreateOptions = {}): CreateResult {
  const refused = requestRefusal(request, at);
  if (refused !== undefined) return { ok: false, message: refused };
  const state: CaseState = {
    caseId,
    ...(municipality ? { municipality } : {}),
    status: 'awaiting_consent',
    request,
    registeredAt: at,
    statusSince: at,
    seq: 1,
    consents: [],
    kartlegging: {},
    decisions: [],
    complaints: [],
    followUp: { meetings: [], individualPlan: { status: 'not_started', since: at } },
    absencesSeen: [],
    tasks: [],
    fired: [],
  };
  const event: CaseEvent = { type: 'RequestRegistered', at, data: { channel: request.channel, receivedOn: request.receivedOn } };
  const age = ageAtRequest(request);
  if (age === undefined || age < RIGHT_ENDS_AT_AGE || !applies(options, 'law-refusal-after-18')) return { ok: true, state, event };
  if (!options.newId) throw new Error('a request for a child of 18 or more is refused with a letter, and its id must be given');
  const letterId = options.newId();
  const decision: Decision = {
    letterId,
    outcome: 'refused',
    reasons: adultRequestReasons(age),
    offeredInstead: ['ordinary_coordinator', 'coordinated_services'],
    decidedOn: osloDateOf(at),
    recordedAt: at,
  };
  return {
    ok: true,
    state: { ...state, status: 'refused', decisions: [decision] },
    event: { ...event, data: { ...event.data, refused: 'child_over_18', letterId } },
    letter: { id: letterId, kind: 'decision' },
  };
}

/** Every command's handler. A command without one, or with the wrong one, does not compile. */
const handlers: { [K in CaseCommand['type']]: Handler<K> } = { ...toAppointmentHandlers, ...followUpHandlers };

/** The commands a closed case still takes: a complaint about its closure, and the complaint's outcomes (rule law-complaint-after-closure). */
const AFTER_CLOSURE: ReadonlySet<CaseCommand['type']> = new Set(['registerComplaint', 'recordComplaintOutcome']);

/**
 * Applies a command: the state and event it produces, or the rule that refuses it. A closed case
 * takes none but a complaint about the closure and its outcomes (rule law-complaint-after-closure).
 */
export function transition(state: CaseState, command: CaseCommand, ctx: TransitionContext): TransitionResult {
  if (state.status === 'closed' && !(AFTER_CLOSURE.has(command.type) && applies(ctx, 'law-complaint-after-closure'))) return refuse('the case is closed');
  const handler = handlers[command.type] as Handler<CaseCommand['type']>;
  return handler(state, command, ctx);
}
