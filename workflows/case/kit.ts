/** What every transition handler shares: its context, its result, and how to make either. */
import type { CaseCommand } from './commands';
import type { Policy } from './policy';
import type { CaseState, ConsentScope } from './types';

export interface TransitionContext {
  /** The instant the command is applied (workflow time). */
  at: string;
  policy: Policy;
  /** Deterministic id source (the workflow's uuid4). */
  newId: () => string;
}

export interface CaseEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export type LetterKind = 'decision' | 'complaint_reversal' | 'closure';

export type TransitionResult =
  | { ok: true; state: CaseState; event: CaseEvent; letter?: { id: string; kind: LetterKind } }
  | { ok: false; message: string };

export const refuse = (message: string): TransitionResult => ({ ok: false, message });

export type Handler<T extends CaseCommand['type']> = (
  state: CaseState,
  command: Extract<CaseCommand, { type: T }>,
  ctx: TransitionContext,
) => TransitionResult;

export function next(state: CaseState, changes: Partial<CaseState>, type: string, ctx: TransitionContext, data: Record<string, unknown>) {
  const nextState: CaseState = { ...state, ...changes, seq: state.seq + 1 };
  // A step's deadline runs from when the case entered it; a step entered again starts afresh.
  if (nextState.status !== state.status) nextState.statusSince = ctx.at;
  return { ok: true as const, state: nextState, event: { type, at: ctx.at, data } };
}


export function hasConsent(state: CaseState, scope: ConsentScope): boolean {
  return state.consents.some((c) => c.covers.includes(scope) && !c.withdrawn.some((w) => w.scope === scope));
}
