/** The facts a letter is written from, taken from the case state. Pure. */
import type { LetterKind } from './rules';
import { complaintDeadline } from './to-appointment';
import type { Alternative, CaseState, ClosureReason } from './types';

interface CommonFacts {
  letterId: string;
  childName: string;
  /** Unborn children are named by their expected date in letters. */
  expectedDate?: string;
  addressees: string[];
}

export interface DecisionLetterFacts extends CommonFacts {
  kind: 'decision' | 'complaint_reversal';
  receivedOn: string;
  outcome: 'granted' | 'refused';
  reasons: string;
  offeredInstead: Alternative[];
  decidedOn: string;
  complaintDeadline: string;
  /** Whether the decision rests on a kartleggingssamtale (a request for an adult is refused without one). */
  kartleggingHeld?: boolean;
}

export interface ClosureLetterFacts extends CommonFacts {
  kind: 'closure';
  reason: ClosureReason;
  closedOn: string;
  note?: string;
  complaintDeadline: string;
}

/** The appointment of a coordinator, or a later change of coordinator; names and contact come from the registry when written. */
export interface AppointmentLetterFacts extends CommonFacts {
  /** The first appointment, or a later change of coordinator. */
  kind: 'appointment' | 'coordinator_change';
  unitId: string;
  coordinatorId: string;
  appointedOn: string;
}

export type LetterFacts = DecisionLetterFacts | ClosureLetterFacts | AppointmentLetterFacts;

export function letterFacts(state: CaseState, letterId: string, kind: LetterKind): LetterFacts {
  const common = {
    letterId,
    childName: state.request.child.name,
    expectedDate: state.request.child.birthDate ? undefined : state.request.child.expectedDate,
    addressees: state.request.consenters.map((c) => c.name),
  };
  if (kind === 'appointment' || kind === 'coordinator_change') {
    const appointment = state.appointment;
    if (!appointment) throw new Error(`no appointment for letter ${letterId}`);
    return {
      ...common,
      kind,
      unitId: appointment.unitId,
      coordinatorId: appointment.coordinatorId,
      appointedOn: appointment.appointedOn,
    };
  }
  if (kind === 'closure') {
    const closure = state.closure;
    if (!closure) throw new Error(`no closure for letter ${letterId}`);
    return { ...common, kind, reason: closure.reason, closedOn: closure.on, note: closure.note, complaintDeadline: complaintDeadline(closure.on) };
  }
  const decision = state.decisions.find((d) => d.letterId === letterId);
  if (!decision) throw new Error(`no decision for letter ${letterId}`);
  // Letters are written from the state the decision produced, before its reasons move to PostgreSQL.
  if (decision.reasons === undefined) throw new Error(`the reasons of letter ${letterId} are no longer in the state`);
  return {
    ...common,
    kind,
    receivedOn: state.request.receivedOn,
    outcome: decision.outcome,
    reasons: decision.reasons,
    offeredInstead: decision.offeredInstead,
    decidedOn: decision.decidedOn,
    complaintDeadline: complaintDeadline(decision.decidedOn),
    kartleggingHeld: state.kartlegging.interview !== undefined,
  };
}
