/**
 * The municipality's own deadlines for each step that waits on people. The law sets none of
 * these (except the complaint deadline, see law.ts); the defaults follow the municipal routine
 * and can be overridden with the CASE_POLICY environment variable (JSON).
 */
export interface Policy {
  /** Days from a registered request until consent should be in place. */
  consentDays: number;
  /** Days from consent until the kartleggingssamtale should be held and assessed. */
  kartleggingDays: number;
  /** Days from a completed kartlegging until the written decision. */
  decisionDays: number;
  /** Days from a grant until a coordinator is appointed. */
  appointmentDays: number;
  /** Days after a missed deadline until it is escalated to KE. */
  escalationDays: number;
  /** Age from which the child must take part in the interview (seed 004: 15 years). */
  childParticipationAge: number;
}

export const DEFAULT_POLICY: Policy = {
  consentDays: 14,
  kartleggingDays: 21,
  decisionDays: 14,
  appointmentDays: 14,
  escalationDays: 7,
  childParticipationAge: 15,
};
