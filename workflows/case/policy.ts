/**
 * The numbers the rules measure by: first those fixed by law, which no municipality may change,
 * then the municipality's own deadlines for each step that waits on people. The law sets no
 * deadline for KE's own steps (the one it sets, for a complaint, is the family's); their
 * defaults follow the municipal routine and can be overridden with the CASE_POLICY environment
 * variable (JSON).
 */

// ---- Fixed by law. ----

/** pbrl § 7-5: a complaint is due within four weeks of learning of the decision. */
export const COMPLAINT_DEADLINE_DAYS = 28;

/** pbrl § 4-3: from 16 the young person consents to health care personally. */
export const OWN_CONSENT_AGE = 16;

/** hol § 7-2 a: the right to a barnekoordinator lasts until the child turns 18. */
export const RIGHT_ENDS_AT_AGE = 18;

/** The municipality may continue beyond 18, "for example until 25" (seed 003). */
export const MAX_EXTENDED_AGE = 25;

// ---- The municipality's policy. ----

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
  /** Days from appointment until the oppstartsamtale should be held. */
  kickOffDays: number;
  /** Default months between ansvarsgruppemøter. */
  meetingIntervalMonths: number;
  /** Days before a meeting that the coordinator is reminded. */
  meetingReminderDays: number;
  /** Days after a meeting within which the referat should be written. */
  minutesDays: number;
  /** Days between evaluations of the individuell plan. */
  planEvaluationDays: number;
  /** Days past the termin before KE is reminded to register the birth. */
  birthMarginDays: number;
  /** Days to inform the family after the coordinator's absence is known. */
  informFamilyDays: number;
  /** Days to tell the collaborators who has taken over. */
  informCollaboratorsDays: number;
  /** Days after a departure, or a leave without substitute, until KE must have appointed anew. */
  reassignDays: number;
  /** Months before the 18th birthday that the coordinator and KE plan the transition. */
  closureNoticeMonths: number;
}

export const DEFAULT_POLICY: Policy = {
  consentDays: 14,
  kartleggingDays: 21,
  decisionDays: 14,
  appointmentDays: 14,
  escalationDays: 7,
  childParticipationAge: 15,
  kickOffDays: 14,
  meetingIntervalMonths: 3,
  meetingReminderDays: 7,
  minutesDays: 7,
  planEvaluationDays: 365,
  birthMarginDays: 14,
  informFamilyDays: 3,
  informCollaboratorsDays: 7,
  reassignDays: 14,
  closureNoticeMonths: 6,
};
