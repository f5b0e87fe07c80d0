/**
 * The timeline the state machine tests (state-*.test.ts) build on, from the shared builders of
 * case-states.ts: every setup step happens at AT (2026-04-10), after every date the commands
 * carry, with ids 'setup-1', 'setup-2' … so that the ids a test's own ctx(AT) hands out start at
 * id-1. Not a test file itself.
 */
import type { Appoint, CaseCommand, RecordAssessment, RecordConsent, RecordDecision, RegisterComplaint, WithdrawConsent } from '../../workflows/case/commands';
import type { TransitionContext } from '../../workflows/case/rules';
import { transition } from '../../workflows/case/state';
import type { CaseRequest, CaseState } from '../../workflows/case/types';
import { accepted, allMetCmd, appointCmd, consentCmd as sharedConsentCmd, ctx, deepFreeze, grantCmd, interviewCmd, registered, unmet } from './case-states';

// Commands are given after every date they carry: a rule refuses a date after the day it is given.
export const AT = '2026-04-10T10:00:00.000Z';

/** A context for building fixture states, with its own ids so a test's ctx() ids start at id-1. */
export const setupCtx = (at = AT): TransitionContext => ctx(at, { ids: 'setup' });

/** Applies commands in order to a frozen state, each must be accepted; returns the last state. */
export function run(state: CaseState, commands: CaseCommand[], context: TransitionContext = setupCtx()): CaseState {
  return commands.reduce((s, c) => deepFreeze(accepted(transition(s, c, context)).state), deepFreeze(state));
}

/** The parent's consent to both scopes, given on 2026-01-08 (the shared one is given on 2026-01-10). */
export const consentCmd = (over: Partial<RecordConsent> = {}): RecordConsent => sharedConsentCmd(undefined, { givenOn: '2026-01-08', ...over });

export const oneUnmetCmd: RecordAssessment = { ...allMetCmd, seriousCondition: unmet('Ikke alvorlig nok.') };

export const refuseCmd: RecordDecision = {
  type: 'recordDecision',
  outcome: 'refused',
  reasons: 'Vilkår b er ikke oppfylt.',
  offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
  decidedOn: '2026-02-01',
};

export const complaintCmd = (over: Partial<RegisterComplaint> = {}): RegisterComplaint => ({
  type: 'registerComplaint',
  about: 'refusal',
  receivedOn: '2026-02-10',
  ...over,
});

/** An appointment after a refusal reversed on complaint, which is dated 2026-02-25 (outcome()). */
export const afterReversal: Appoint = { ...appointCmd(), appointedOn: '2026-02-26' };

export const withdrawAppointment: WithdrawConsent = { type: 'withdrawConsent', scopes: ['appointment'], withdrawnBy: 'Per Testforelder', on: '2026-01-11' };

// States along the way, each frozen and reached at AT.
export const consented = (req?: CaseRequest) => run(registered({ request: req }), [consentCmd()]);
export const mapped = (assessment: RecordAssessment = allMetCmd) => run(consented(), [interviewCmd, assessment]);
export const granted = () => run(mapped(), [grantCmd]);
export const refused = () => run(mapped(oneUnmetCmd), [refuseCmd]);
export const appointed = () => run(granted(), [appointCmd()]);
/** A refused case with one complaint about the refusal; the complaint's id is 'id-c'. */
export const complained = () => run(refused(), [complaintCmd()], { ...setupCtx(), newId: () => 'id-c' });
export const forwarded = () =>
  run(complained(), [{ type: 'recordComplaintOutcome', complaintId: 'id-c', outcome: 'forwarded_to_statsforvalteren', reasons: 'KE opprettholder.', on: '2026-02-20' }]);
