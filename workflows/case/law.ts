/** Rules fixed by law rather than by municipal policy. */

/** pbrl § 7-5: a complaint is due within four weeks of learning of the decision. */
export const COMPLAINT_DEADLINE_DAYS = 28;

/** pbrl § 4-3: from 16 the young person consents to health care personally. */
export const OWN_CONSENT_AGE = 16;

/** hol § 7-2 a: the right to a barnekoordinator lasts until the child turns 18. */
export const RIGHT_ENDS_AT_AGE = 18;

/** The municipality may continue beyond 18, "for example until 25" (seed 003). */
export const MAX_EXTENDED_AGE = 25;
