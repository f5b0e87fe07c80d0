/** Turning state into what callers and the Postgres projection see. Pure. */
import type { CaseView } from './messages';
import { nextDeadline, openDeadlines } from './deadlines';
import type { Policy } from './policy';
import type { CaseState } from './types';

export function viewOf(state: CaseState, policy: Policy): CaseView {
  return {
    id: state.caseId,
    municipality: state.municipality,
    status: state.status,
    version: state.seq,
    registeredAt: state.registeredAt,
    request: state.request,
    consents: state.consents,
    kartlegging: state.kartlegging,
    decisions: state.decisions,
    complaints: state.complaints,
    appointment: state.appointment,
    firstAppointedOn: state.firstAppointedOn,
    followUp: state.followUp,
    absence: state.absence,
    tasks: state.tasks,
    extendedToAge: state.extendedToAge,
    closure: state.closure,
    deadlines: openDeadlines(state, policy),
    nextDeadline: nextDeadline(state, policy),
  };
}
