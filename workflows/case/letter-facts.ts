/** The facts a letter is written from, taken from the case state. Pure. */
import { osloDateOf } from './dates';
import { OWN_CONSENT_AGE, RIGHT_ENDS_AT_AGE } from './policy';
import { childAgeOn, latestDecision, type LetterKind } from './rules';
import { complaintDeadline } from './to-appointment';
import type { Alternative, Assessment, CaseState, ClosureReason, ComplaintAbout } from './types';
import { sameName } from './names';

interface CommonFacts {
  letterId: string;
  /** The case's reference (saksnummer), which the family gives when it writes to KE. */
  caseId: string;
  childName: string;
  /** Unborn children are named by their expected date in letters. */
  expectedDate?: string;
  /** Whom the letter is addressed to (rule law-letters-to-whom). */
  addressees: string[];
  /** Who gets a copy: the parents, where the young person has agreed. */
  copyTo?: string[];
  /** The letter is to the young person alone (from 16), who is addressed as "du", not "dere". */
  youngPersonAddressed?: boolean;
  /** The KE caseworker following the case, as the letter names them. */
  caseworkerName?: string;
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
  /** A refusal's assessment of each of the three conditions, as KE recorded it in the kartlegging. */
  assessment?: Assessment;
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

/** The coordinator's leave or departure, or the return from leave (rule law-absence-letters); names come from the registry. */
export interface AbsenceLetterFacts extends CommonFacts {
  kind: 'coordinator_absence' | 'coordinator_return';
  /** The day the letter is written. */
  writtenOn: string;
  coordinatorId: string;
  /** Absent for a return from leave. */
  absence?: { kind: 'leave' | 'departure'; from: string; until?: string; substituteId?: string };
}

/** The complaint forwarded to Statsforvalteren, or Statsforvalteren's decision on it (rule law-statsforvalteren-letters). */
export interface ComplaintLetterFacts extends CommonFacts {
  kind: 'complaint_forwarded' | 'statsforvalteren_decision';
  about: ComplaintAbout;
  complaintReceivedOn: string;
  outcome: 'forwarded' | 'upheld' | 'overturned';
  on: string;
  reasons: string;
  /** Overturned against a refusal: the family now has the right, and a coordinator is to be appointed. */
  grantedNow: boolean;
  /** Whether a refusal is the decision in force (not already changed on another complaint). */
  refusalStands: boolean;
  /** What the family was offered instead when refused, for a refusal Statsforvalteren upheld. */
  offeredInstead: Alternative[];
}

export type LetterFacts = DecisionLetterFacts | ClosureLetterFacts | AppointmentLetterFacts | AbsenceLetterFacts | ComplaintLetterFacts;

/** Whether the letter's facts name coordinators whose names and contact the registry gives. */
export const namesCoordinators = (facts: LetterFacts): facts is AppointmentLetterFacts | AbsenceLetterFacts =>
  facts.kind === 'appointment' || facts.kind === 'coordinator_change' || facts.kind === 'coordinator_absence' || facts.kind === 'coordinator_return';

/**
 * Rule law-letters-to-whom: a letter goes to whom the law points at on the letter's day, not to
 * whoever the request named. Under 16 (and before the birth) to those with parental
 * responsibility, the case's parents and guardians; from 16 to the young person, who consents
 * personally (pbrl § 4-3), with a copy to the parents only where the young person has agreed
 * (copyLettersToParents on their own consent); where KE has recorded that a young person under 18
 * lacks the competence to consent, the parents act for them and are addressed beside them; from
 * 18 to the adult alone, or with the copy they agreed to.
 */
export function letterRecipients(state: CaseState, on: string): { to: string[]; copyTo: string[]; youngPersonAlone?: boolean } {
  const parents = state.request.consenters.filter((c) => c.role !== 'young_person').map((c) => c.name);
  const age = childAgeOn(state, on);
  if (age === undefined || age < OWN_CONSENT_AGE) {
    return { to: parents.length > 0 ? parents : state.request.consenters.map((c) => c.name), copyTo: [] };
  }
  const person = state.request.child.name;
  const own = state.consents.filter((c) => c.role === 'young_person').at(-1);
  const others = parents.filter((name) => !sameName(name, person));
  if (!own && age < RIGHT_ENDS_AT_AGE && state.consents.some((c) => c.youngPersonLacksCompetence !== undefined)) {
    return { to: [person, ...others], copyTo: [] };
  }
  return { to: [person], copyTo: own?.copyLettersToParents ? others : [], youngPersonAlone: true };
}

/** The day each kind of letter is dated, from the state the command left (or the date it gave). */
function letterDate(state: CaseState, letterId: string, kind: LetterKind, on: string | undefined): string {
  if (on !== undefined) return on;
  if (kind === 'appointment' || kind === 'coordinator_change') return state.appointment?.appointedOn ?? osloDateOf(state.registeredAt);
  if (kind === 'closure') return state.closure?.on ?? osloDateOf(state.registeredAt);
  if (kind === 'coordinator_absence' || kind === 'coordinator_return') return osloDateOf(state.absence?.recordedAt ?? state.registeredAt);
  const outcome = state.complaints.flatMap((c) => c.outcomes).find((o) => o.letterId === letterId);
  if (outcome) return outcome.on;
  return state.decisions.find((d) => d.letterId === letterId)?.decidedOn ?? osloDateOf(state.registeredAt);
}

export function letterFacts(state: CaseState, letterId: string, kind: LetterKind, on?: string): LetterFacts {
  const date = letterDate(state, letterId, kind, on);
  const recipients = letterRecipients(state, date);
  const common: CommonFacts = {
    letterId,
    caseId: state.caseId,
    childName: state.request.child.name,
    expectedDate: state.request.child.birthDate ? undefined : state.request.child.expectedDate,
    addressees: recipients.to,
    ...(recipients.copyTo.length > 0 ? { copyTo: recipients.copyTo } : {}),
    ...(recipients.youngPersonAlone ? { youngPersonAddressed: true } : {}),
    ...(state.request.caseworkerName ? { caseworkerName: state.request.caseworkerName } : {}),
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
  if (kind === 'coordinator_absence' || kind === 'coordinator_return') {
    const coordinatorId = kind === 'coordinator_absence' ? state.absence?.coordinatorId : state.appointment?.coordinatorId;
    if (!coordinatorId) throw new Error(`no coordinator for letter ${letterId}`);
    const absence = kind === 'coordinator_absence' ? state.absence : undefined;
    return {
      ...common,
      kind,
      writtenOn: date,
      coordinatorId,
      ...(absence ? { absence: { kind: absence.kind, from: absence.from, until: absence.until, substituteId: absence.substituteId } } : {}),
    };
  }
  if (kind === 'complaint_forwarded' || kind === 'statsforvalteren_decision') {
    const complaint = state.complaints.find((c) => c.outcomes.some((o) => o.letterId === letterId));
    const outcome = complaint?.outcomes.find((o) => o.letterId === letterId);
    if (!complaint || !outcome) throw new Error(`no complaint outcome for letter ${letterId}`);
    if (outcome.reasons === undefined) throw new Error(`the reasons of letter ${letterId} are no longer in the state`);
    const refusal = [...state.decisions].reverse().find((d) => d.outcome === 'refused');
    return {
      ...common,
      kind,
      about: complaint.about,
      complaintReceivedOn: complaint.receivedOn,
      outcome: outcome.outcome === 'forwarded_to_statsforvalteren' ? 'forwarded' : outcome.outcome === 'upheld_by_statsforvalteren' ? 'upheld' : 'overturned',
      on: outcome.on,
      reasons: outcome.reasons,
      grantedNow: latestDecision(state)?.letterId === letterId,
      refusalStands: latestDecision(state)?.outcome === 'refused',
      offeredInstead: refusal?.offeredInstead ?? [],
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
  const assessment = decision.outcome === 'refused' && kind === 'decision' ? state.kartlegging.assessment : undefined;
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
    ...(assessment ? { assessment } : {}),
  };
}
