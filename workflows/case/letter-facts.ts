/** The facts a letter is written from, taken from the case state. Pure. */
import { complaintDeadline, type LetterKind } from './state';
import type { Alternative, CaseState } from './types';

export interface LetterFacts {
  letterId: string;
  kind: LetterKind;
  childName: string;
  /** Unborn children are named by their expected date in letters. */
  expectedDate?: string;
  receivedOn: string;
  outcome: 'granted' | 'refused';
  reasons: string;
  offeredInstead: Alternative[];
  decidedOn: string;
  complaintDeadline: string;
  addressees: string[];
}

export function letterFacts(state: CaseState, letterId: string, kind: LetterKind): LetterFacts {
  const decision = state.decisions.find((d) => d.letterId === letterId);
  if (!decision) throw new Error(`no decision for letter ${letterId}`);
  return {
    letterId,
    kind,
    childName: state.request.child.name,
    expectedDate: state.request.child.birthDate ? undefined : state.request.child.expectedDate,
    receivedOn: state.request.receivedOn,
    outcome: decision.outcome,
    reasons: decision.reasons,
    offeredInstead: decision.offeredInstead,
    decidedOn: decision.decidedOn,
    complaintDeadline: complaintDeadline(decision.decidedOn),
    addressees: state.request.consenters.map((c) => c.name),
  };
}
