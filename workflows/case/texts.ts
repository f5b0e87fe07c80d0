/**
 * Long texts that accumulate over a case's life (the reasons of every decision and of every
 * complaint outcome) are kept in PostgreSQL, not in the workflow: the workflow carries what its
 * rules need, so its state stays small however many complaints a case sees. A text travels
 * through the workflow once, in the write that records it (and in the letter written from it),
 * and the API puts it back into the view it serves. Pure.
 */
import type { CaseView } from './messages';
import type { CaseState } from './types';

export interface CaseText {
  key: string;
  text: string;
}

export const decisionTextKey = (letterId: string) => `decision:${letterId}`;
export const outcomeTextKey = (complaintId: string, outcome: string) => `complaint:${complaintId}:${outcome}`;

/** The state without accumulating texts, and the texts it still carried (new ones, or a run's older state). */
export function splitTexts(state: CaseState): { state: CaseState; texts: CaseText[] } {
  const texts: CaseText[] = [];
  const decisions = state.decisions.map((d) => {
    if (d.reasons === undefined) return d;
    texts.push({ key: decisionTextKey(d.letterId), text: d.reasons });
    const { reasons: _reasons, ...rest } = d;
    return rest;
  });
  const complaints = state.complaints.map((c) => ({
    ...c,
    outcomes: c.outcomes.map((o) => {
      if (o.reasons === undefined) return o;
      texts.push({ key: outcomeTextKey(c.id, o.outcome), text: o.reasons });
      const { reasons: _reasons, ...rest } = o;
      return rest;
    }),
  }));
  if (texts.length === 0) return { state, texts };
  return { state: { ...state, decisions, complaints }, texts };
}

/** The view with its texts put back from what PostgreSQL keeps (texts never change once written). */
export function withTexts<V extends Pick<CaseView, 'decisions' | 'complaints'>>(view: V, texts: ReadonlyMap<string, string>): V {
  return {
    ...view,
    decisions: view.decisions.map((d) => ({ ...d, reasons: d.reasons ?? texts.get(decisionTextKey(d.letterId)) })),
    complaints: view.complaints.map((c) => ({
      ...c,
      outcomes: c.outcomes.map((o) => ({ ...o, reasons: o.reasons ?? texts.get(outcomeTextKey(c.id, o.outcome)) })),
    })),
  };
}
