/**
 * The rules from the request to the appointment (README: consent, kartlegging, the written
 * decision, complaints, the appointment of a coordinator): one handler per command, collected in
 * toAppointmentHandlers for state.ts's table. Consent runs through the whole case, so withdrawing
 * it is here too, and so is a change of coordinator: an appointment while one is in force goes
 * to reassign in follow-up.ts. Pure.
 */
import { addDaysToDate, addMonthsToDate, ageOn, osloMidnight } from './dates';
import { CONSENT_BEFORE_REQUEST_DAYS, daysBefore } from './date-range';
import { cancelPlannedMeetings, reassign } from './follow-up';
import { nextWorkingDayFrom } from './holidays';
import type { CaseCommand } from './commands';
import { COMPLAINT_DEADLINE_DAYS, OWN_CONSENT_AGE, RIGHT_ENDS_AT_AGE } from './policy';
import {
  applies,
  childAgeOn,
  consentCounts,
  happened,
  hasConsent,
  latestDecision,
  next,
  planned,
  receipt,
  refuse,
  type Handler,
  type LetterKind,
  type TransitionContext,
  type TransitionResult,
} from './rules';
import type { CaseState, Complaint, ConsenterRole, Decision } from './types';
import { sameName } from './names';

const recordConsent: Handler<'recordConsent'> = (state, cmd, ctx) => {
  const earliest = daysBefore(state.request.receivedOn, CONSENT_BEFORE_REQUEST_DAYS);
  const blockedDate = happened('givenOn', cmd.givenOn, ctx.at, [
    { date: earliest, what: `the earliest a consent for this request can be given, ${CONSENT_BEFORE_REQUEST_DAYS} days before it was received on ${state.request.receivedOn}` },
  ]);
  if (blockedDate) return blockedDate;
  const age = childAgeOn(state, cmd.givenOn);
  if (cmd.role === 'young_person') {
    if (age === undefined || age < OWN_CONSENT_AGE) {
      return refuse(`a young person consents personally only from the age of ${OWN_CONSENT_AGE}`);
    }
    if (cmd.youngPersonLacksCompetence !== undefined) return refuse('youngPersonLacksCompetence is given with the consent of a parent or guardian, not of the young person');
  } else if (age !== undefined && age >= OWN_CONSENT_AGE && cmd.youngPersonLacksCompetence === undefined && applies(ctx, 'law-own-consent-16')) {
    return refuse(
      `the child is ${age}: from ${OWN_CONSENT_AGE} the young person consents personally (pbrl § 4-3); record the young person's own consent, or KE's reasons why they lack the competence to consent (youngPersonLacksCompetence)`,
    );
  } else if (cmd.youngPersonLacksCompetence !== undefined && (age === undefined || age < OWN_CONSENT_AGE)) {
    return refuse(`youngPersonLacksCompetence applies only to a child of ${OWN_CONSENT_AGE} or more, who would otherwise consent personally`);
  }
  const consenter = consenterRefusal(state, cmd, ctx);
  if (consenter) return consenter;
  const hadAppointmentConsent = consentCounts(state, 'appointment', ctx);
  const consent = {
    id: ctx.newId(),
    givenBy: cmd.givenBy,
    role: cmd.role,
    covers: cmd.covers,
    givenOn: cmd.givenOn,
    recordedAt: ctx.at,
    withdrawn: [],
    ...(cmd.youngPersonLacksCompetence !== undefined ? { youngPersonLacksCompetence: cmd.youngPersonLacksCompetence } : {}),
    // The young person's own choice (the command's schema refuses it with another role).
    ...(cmd.copyLettersToParents !== undefined && cmd.role === 'young_person' ? { copyLettersToParents: cmd.copyLettersToParents } : {}),
  };
  const changes: Partial<CaseState> = { consents: [...state.consents, consent] };
  const added = cmd.addAsConsenter === true && !isConsenter(state, cmd.givenBy, cmd.role);
  if (added) changes.request = { ...state.request, consenters: [...state.request.consenters, { name: cmd.givenBy, role: cmd.role }] };
  if (!hadAppointmentConsent && cmd.covers.includes('appointment') && state.status === 'awaiting_consent') {
    // A kartlegging completed before consent was withdrawn still stands.
    changes.status = state.kartlegging.completedAt ? 'awaiting_decision' : 'kartlegging';
  }
  return next(state, changes, 'ConsentRecorded', ctx, {
    consentId: consent.id,
    role: cmd.role,
    covers: cmd.covers,
    givenOn: cmd.givenOn,
    ...(added ? { consenterAdded: true } : {}),
  });
};

/** Whether the person is one of the case's consenters in that role; the young person is the child. */
function isConsenter(state: CaseState, name: string, role: ConsenterRole): boolean {
  if (role === 'young_person' && sameName(name, state.request.child.name)) return true;
  return state.request.consenters.some((c) => c.role === role && sameName(c.name, name));
}

/**
 * Rule law-consenters-only: a consent counts only from one of the case's consenters, in the role
 * the case has them in, or from the young person. Someone else (a new guardian, a verge) is added
 * as a consenter first, which the same command does when KE says so (addAsConsenter). The message
 * names no one: refusals are logged.
 */
function consenterRefusal(state: CaseState, cmd: { givenBy: string; role: ConsenterRole; addAsConsenter?: boolean }, ctx: TransitionContext) {
  if (cmd.addAsConsenter || !applies(ctx, 'law-consenters-only') || isConsenter(state, cmd.givenBy, cmd.role)) return undefined;
  if (cmd.role === 'young_person') return refuse('givenBy is not the child of this case: a young person consents for themselves only');
  const other = state.request.consenters.find((c) => sameName(c.name, cmd.givenBy));
  if (other) return refuse(`givenBy is a consenter of this case as ${other.role}, not ${cmd.role}`);
  return refuse('givenBy is not among the consenters of this case: add them as a consenter with their role (addAsConsenter) or record the consent of a consenter');
}

const withdrawConsent: Handler<'withdrawConsent'> = (state, cmd, ctx) => {
  const active = cmd.scopes.filter((s) => hasConsent(state, s));
  if (active.length === 0) return refuse(`there is no active consent covering ${cmd.scopes.join(', ')}`);
  const lastGiven = state.consents
    .filter((c) => active.some((s) => c.covers.includes(s) && !c.withdrawn.some((w) => w.scope === s)))
    .map((c) => c.givenOn)
    .sort()
    .at(-1);
  const blockedDate = happened('on', cmd.on, ctx.at, [lastGiven === undefined ? undefined : { date: lastGiven, what: 'the consent it withdraws was given' }]);
  if (blockedDate) return blockedDate;
  const consents = state.consents.map((c) => ({
    ...c,
    withdrawn: [
      ...c.withdrawn,
      ...active
        .filter((s) => c.covers.includes(s) && !c.withdrawn.some((w) => w.scope === s))
        .map((scope) => ({ scope, on: cmd.on, by: cmd.withdrawnBy, recordedAt: ctx.at })),
    ],
  }));
  const changes: Partial<CaseState> = { consents };
  // Without consent to appointment nothing before the decision may go on; the case waits for
  // consent again.
  if (active.includes('appointment') && ['kartlegging', 'awaiting_decision'].includes(state.status)) {
    changes.status = 'awaiting_consent';
  }
  // Rule law-withdrawn-consent-closes: there is no coordinator without consent, so an appointed
  // case ends on the day of the withdrawal, with the closure letter; its reminders stop.
  if (active.includes('appointment') && state.status === 'appointed' && applies(ctx, 'law-withdrawn-consent-closes')) {
    const letterId = ctx.newId();
    changes.status = 'closed';
    changes.closure = { reason: 'consent_withdrawn', on: cmd.on, letterId, recordedAt: ctx.at };
    changes.followUp = { ...(changes.followUp ?? state.followUp), meetings: cancelPlannedMeetings((changes.followUp ?? state.followUp).meetings) };
    const result = next(state, { ...changes, consents }, 'ConsentWithdrawn', ctx, { scopes: active, on: cmd.on, withdrawnBy: cmd.withdrawnBy, closed: true, letterId });
    return { ...result, letter: { id: letterId, kind: 'closure' as const } };
  }
  // Without consent to share information there is no ansvarsgruppe (seed 001): planned
  // meetings are cancelled; held meetings and their minutes stay on record.
  if (active.includes('information_sharing') && state.followUp.ansvarsgruppe) {
    changes.followUp = { ...state.followUp, ansvarsgruppe: undefined, meetings: cancelPlannedMeetings(state.followUp.meetings) };
  }
  return next(state, changes, 'ConsentWithdrawn', ctx, { scopes: active, on: cmd.on, withdrawnBy: cmd.withdrawnBy });
};

function requireAppointmentConsent(state: CaseState, ctx: TransitionContext): TransitionResult | undefined {
  if (consentCounts(state, 'appointment', ctx)) return undefined;
  if (hasConsent(state, 'appointment')) {
    return refuse(
      `the child is ${OWN_CONSENT_AGE} or more: this step requires the young person's own consent to appointment of a coordinator (pbrl § 4-3), or KE's reasons why they lack the competence to consent`,
    );
  }
  return refuse('this step requires consent to appointment of a coordinator');
}

const scheduleKartlegging: Handler<'scheduleKartlegging'> = (state, cmd, ctx) => {
  const blocked = requireAppointmentConsent(state, ctx);
  if (blocked) return blocked;
  if (state.status !== 'kartlegging') return refuse(`a kartleggingssamtale cannot be scheduled when the case is ${state.status}`);
  const blockedDate = planned('scheduledAt', cmd.scheduledAt, ctx.at, {
    instant: osloMidnight(state.request.receivedOn),
    what: `the day the request was received, ${state.request.receivedOn}`,
  });
  if (blockedDate) return blockedDate;
  return next(state, { kartlegging: { ...state.kartlegging, scheduledAt: cmd.scheduledAt } }, 'KartleggingScheduled', ctx, { scheduledAt: cmd.scheduledAt });
};

const recordInterview: Handler<'recordInterview'> = (state, cmd, ctx) => {
  const blocked = requireAppointmentConsent(state, ctx);
  if (blocked) return blocked;
  if (state.status !== 'kartlegging' && state.status !== 'awaiting_decision') {
    return refuse(`a kartleggingssamtale cannot be recorded when the case is ${state.status}`);
  }
  const blockedDate = happened('heldOn', cmd.heldOn, ctx.at, [receipt(state)]);
  if (blockedDate) return blockedDate;
  const birthDate = state.request.child.birthDate;
  const age = birthDate ? ageOn(birthDate, cmd.heldOn) : undefined;
  if (age !== undefined && age >= ctx.policy.childParticipationAge && !cmd.childParticipated && !cmd.childAbsenceReason?.trim()) {
    return refuse(
      `the child is ${age} and must take part in the kartleggingssamtale from the age of ${ctx.policy.childParticipationAge}; give a reason if the child did not`,
    );
  }
  const { type: _type, ...interview } = cmd;
  const kartlegging = complete({ ...state.kartlegging, interview }, ctx);
  const status = kartlegging.completedAt ? 'awaiting_decision' : state.status;
  return next(state, { kartlegging, status }, 'KartleggingHeld', ctx, {
    heldOn: cmd.heldOn,
    childParticipated: cmd.childParticipated,
    participantCount: cmd.participants.length,
  });
};

const recordAssessment: Handler<'recordAssessment'> = (state, cmd, ctx) => {
  const blocked = requireAppointmentConsent(state, ctx);
  if (blocked) return blocked;
  if (state.status !== 'kartlegging' && state.status !== 'awaiting_decision') {
    return refuse(`the assessment cannot be recorded when the case is ${state.status}`);
  }
  const { type: _type, ...assessment } = cmd;
  const kartlegging = complete({ ...state.kartlegging, assessment }, ctx);
  const status = kartlegging.completedAt ? 'awaiting_decision' : state.status;
  return next(state, { kartlegging, status }, 'AssessmentRecorded', ctx, {
    childUnder18OrExpected: cmd.childUnder18OrExpected.met,
    seriousCondition: cmd.seriousCondition.met,
    longTermCoordinatedNeeds: cmd.longTermCoordinatedNeeds.met,
  });
};

function complete(k: CaseState['kartlegging'], ctx: TransitionContext): CaseState['kartlegging'] {
  if (k.interview && k.assessment) return { ...k, completedAt: k.completedAt ?? ctx.at };
  return k;
}

const recordDecision: Handler<'recordDecision'> = (state, cmd, ctx) => {
  const blocked = requireAppointmentConsent(state, ctx);
  if (blocked) return blocked;
  if (state.status !== 'awaiting_decision') {
    if (state.status === 'kartlegging') return refuse('a decision requires a completed kartlegging: the interview held and all three conditions assessed');
    return refuse(`a decision cannot be made when the case is ${state.status}`);
  }
  const interview = state.kartlegging.interview;
  const blockedDate = happened('decidedOn', cmd.decidedOn, ctx.at, [
    receipt(state),
    interview && { date: interview.heldOn, what: 'the kartleggingssamtale the decision rests on was held' },
  ]);
  if (blockedDate) return blockedDate;
  const assessment = state.kartlegging.assessment!;
  const allMet = assessment.childUnder18OrExpected.met && assessment.seriousCondition.met && assessment.longTermCoordinatedNeeds.met;
  if (cmd.outcome === 'granted' && !allMet) return refuse('a grant requires all three legal conditions assessed as met');
  if (cmd.outcome === 'refused' && allMet) return refuse('a refusal requires at least one legal condition assessed as not met');
  if (cmd.outcome === 'refused' && cmd.offeredInstead.length === 0) {
    return refuse('a refusal must name what the family is offered instead (coordinated services, an ordinary coordinator)');
  }
  const letterId = ctx.newId();
  const decision: Decision = { letterId, outcome: cmd.outcome, reasons: cmd.reasons, offeredInstead: cmd.offeredInstead, decidedOn: cmd.decidedOn, recordedAt: ctx.at };
  const changes: Partial<CaseState> = { decisions: [...state.decisions, decision], status: cmd.outcome };
  if (cmd.outcome === 'granted') changes.grantedAt = ctx.at;
  const result = next(state, changes, 'DecisionRecorded', ctx, { outcome: cmd.outcome, decidedOn: cmd.decidedOn, letterId, offeredInstead: cmd.offeredInstead });
  return { ...result, letter: { id: letterId, kind: 'decision' } };
};

const registerComplaint: Handler<'registerComplaint'> = (state, cmd, ctx) => {
  if (state.status === 'closed') return registerClosureComplaint(state, cmd, ctx);
  const decision = latestDecision(state);
  if (!decision) return refuse('a complaint requires a written decision');
  if (cmd.about === 'refusal' && decision.outcome !== 'refused') return refuse('the decision was not a refusal');
  const learnedOn = cmd.familyLearnedOn ?? decision.decidedOn;
  if (cmd.receivedOn < learnedOn) return refuse('a complaint cannot be received before the family learned of the decision');
  // familyLearnedOn is then not after today either: the complaint came after the family learned.
  const blockedDate = happened('receivedOn', cmd.receivedOn, ctx.at, [{ date: decision.decidedOn, what: 'the decision it complains about was made' }]);
  if (blockedDate) return blockedDate;
  const fourWeeks = addDaysToDate(learnedOn, COMPLAINT_DEADLINE_DAYS);
  const deadline = complaintDeadline(learnedOn) !== fourWeeks && applies(ctx, 'law-complaint-deadline-working-day') ? complaintDeadline(learnedOn) : fourWeeks;
  const late = cmd.receivedOn > deadline;
  const complaint = { id: ctx.newId(), about: cmd.about, receivedOn: cmd.receivedOn, familyLearnedOn: learnedOn, late, status: 'received' as const, outcomes: [] };
  return next(state, { complaints: [...state.complaints, complaint] }, 'ComplaintReceived', ctx, {
    complaintId: complaint.id,
    about: cmd.about,
    receivedOn: cmd.receivedOn,
    late,
  });
};

/**
 * Rule law-complaint-after-closure: the closure letter is the decision on termination (seed 003:
 * a complaint may concern "endring eller opphør"), so a closed case takes a complaint about it,
 * on time within four weeks of when the family learned of the closure (by default the day it
 * closed, the letter's date), late after that. A closed case takes no other complaint.
 */
function registerClosureComplaint(state: CaseState, cmd: Extract<CaseCommand, { type: 'registerComplaint' }>, ctx: TransitionContext): TransitionResult {
  const closure = state.closure!;
  if (cmd.about !== 'change_or_termination') {
    return refuse(`the case is closed: a complaint now concerns its closure (about: change_or_termination), not ${cmd.about}`);
  }
  const learnedOn = cmd.familyLearnedOn ?? closure.on;
  const closedOn = { date: closure.on, what: 'the case closed' };
  const learnedTooEarly = happened('familyLearnedOn', learnedOn, ctx.at, [closedOn]);
  if (learnedTooEarly) return learnedTooEarly;
  if (cmd.receivedOn < learnedOn) return refuse('a complaint cannot be received before the family learned of the decision');
  const blockedDate = happened('receivedOn', cmd.receivedOn, ctx.at, [closedOn]);
  if (blockedDate) return blockedDate;
  const late = cmd.receivedOn > complaintDeadline(learnedOn);
  const complaint = { id: ctx.newId(), about: cmd.about, receivedOn: cmd.receivedOn, familyLearnedOn: learnedOn, late, status: 'received' as const, outcomes: [] };
  return next(state, { complaints: [...state.complaints, complaint] }, 'ComplaintReceived', ctx, {
    complaintId: complaint.id,
    about: cmd.about,
    receivedOn: cmd.receivedOn,
    late,
    closure: true,
  });
}

/**
 * fvl § 31 third paragraph (pbrl § 7-6): a complaint is never considered more than a year after
 * the decision. A closed case takes complaints about its closure for that long (a late one is
 * registered with `late`, and KE decides whether to consider it), and while one is pending.
 */
export const CLOSURE_COMPLAINT_MONTHS = 12;

/** Whether a complaint of the case awaits an outcome from KE or Statsforvalteren. */
export const complaintPending = (state: CaseState): boolean => state.complaints.some((c) => c.status === 'received' || c.status === 'forwarded');

/**
 * The instant a closed case stops taking complaints about its closure, unless one is pending:
 * the start of the day after the year from the closure (rule law-complaint-after-closure).
 */
export function closureComplaintsUntil(state: CaseState): string | undefined {
  if (state.status !== 'closed' || !state.closure) return undefined;
  return osloMidnight(addDaysToDate(addMonthsToDate(state.closure.on, CLOSURE_COMPLAINT_MONTHS), 1));
}

/**
 * Rule law-complaint-after-closure: a complaint about the closure that KE reverses, or that
 * Statsforvalteren overturns, reopens the case at the step it closed from; a case that had a
 * coordinator reopens as granted, with a new decision and its letter, and KE appoints the
 * coordinator again or a new one. The right ends at the age limit (hol § 7-2 a): a closure at
 * it is not reversed by KE while the young person is past it, and Statsforvalteren's overturning
 * is recorded without reopening (KE follows it up, e.g. with an alminnelig koordinator).
 */
function closureComplaintOutcome(state: CaseState, complaint: Complaint, cmd: Extract<CaseCommand, { type: 'recordComplaintOutcome' }>, ctx: TransitionContext, to: Complaint['status']): TransitionResult {
  const statsforvalterenLetters = applies(ctx, 'law-statsforvalteren-letters');
  const changes: Partial<CaseState> = {};
  const data = { complaintId: complaint.id, outcome: cmd.outcome, on: cmd.on };
  /** The outcome recorded on the complaint, with the letter it wrote (rule law-statsforvalteren-letters). */
  const record = (letter: { id: string; kind: LetterKind } | undefined) => {
    const outcome = { outcome: cmd.outcome, on: cmd.on, reasons: cmd.reasons, recordedAt: ctx.at, ...(letter && statsforvalterenLetters ? { letterId: letter.id } : {}) };
    changes.complaints = state.complaints.map((c) => (c.id === complaint.id ? { ...complaint, status: to, outcomes: [...complaint.outcomes, outcome] } : c));
  };
  // Rule law-statsforvalteren-letters: the family is told by letter when its complaint goes to
  // Statsforvalteren, and what Statsforvalteren decided (final, fvl § 28).
  const statsforvalterenLetter = () =>
    statsforvalterenLetters && to !== 'reversed' ? { id: ctx.newId(), kind: (to === 'forwarded' ? 'complaint_forwarded' : 'statsforvalteren_decision') as LetterKind } : undefined;
  const withLetter = (result: TransitionResult, letter: { id: string; kind: LetterKind } | undefined) => (letter && result.ok ? { ...result, letter } : result);
  const closure = state.closure!;
  const reopens = to === 'reversed' || to === 'overturned';
  if (!reopens) {
    const letter = statsforvalterenLetter();
    record(letter);
    return withLetter(next(state, changes, 'ComplaintOutcomeRecorded', ctx, data), letter);
  }
  const limit = state.extendedToAge ?? RIGHT_ENDS_AT_AGE;
  const age = childAgeOn(state, cmd.on);
  if (closure.reason === 'age_limit' && age !== undefined && age >= limit) {
    if (to === 'reversed') {
      return refuse(
        `the case closed at the age limit (${limit}) and the young person is ${age}: the right to a barnekoordinator ends there (hol § 7-2 a), so KE cannot reverse the closure; forward the complaint to Statsforvalteren, or offer an alminnelig koordinator (hol § 7-2)`,
      );
    }
    const letter = statsforvalterenLetter();
    record(letter);
    return withLetter(next(state, changes, 'ComplaintOutcomeRecorded', ctx, { ...data, reopened: false }), letter);
  }
  const from = state.closedFrom ?? (state.appointment || latestDecision(state)?.outcome === 'granted' ? 'granted' : 'awaiting_decision');
  const reopenedTo = from === 'appointed' ? 'granted' : from;
  Object.assign(changes, { status: reopenedTo, closure: undefined, closedFrom: undefined, appointment: undefined, absence: undefined });
  let letter: { id: string; kind: LetterKind } | undefined;
  if (reopenedTo === 'granted') {
    // The family is told in writing that the right goes on, and that KE will appoint the
    // coordinator: by KE's reconsideration, or by Statsforvalteren's final decision.
    const letterId = ctx.newId();
    changes.grantedAt = ctx.at;
    changes.decisions = [...state.decisions, { letterId, outcome: 'granted', reasons: cmd.reasons, offeredInstead: [], decidedOn: cmd.on, recordedAt: ctx.at }];
    letter = { id: letterId, kind: to === 'overturned' && statsforvalterenLetters ? 'statsforvalteren_decision' : 'complaint_reversal' };
  } else {
    letter = statsforvalterenLetter();
  }
  record(letter);
  return withLetter(next(state, changes, 'ComplaintOutcomeRecorded', ctx, { ...data, reopened: true, reopenedTo }), letter);
}

/**
 * The last day a complaint on a decision the family learned of on that day is on time: four weeks
 * (pbrl § 7-5), and when that day is a Saturday, Sunday or public holiday, the next working day
 * (rule law-complaint-deadline-working-day; domstolloven § 149). Letters name it.
 */
export function complaintDeadline(familyLearnedOn: string): string {
  return nextWorkingDayFrom(addDaysToDate(familyLearnedOn, COMPLAINT_DEADLINE_DAYS));
}

const OUTCOME_FROM: Record<string, { from: string; to: 'reversed' | 'forwarded' | 'upheld' | 'overturned' }> = {
  reversed_by_ke: { from: 'received', to: 'reversed' },
  forwarded_to_statsforvalteren: { from: 'received', to: 'forwarded' },
  upheld_by_statsforvalteren: { from: 'forwarded', to: 'upheld' },
  overturned_by_statsforvalteren: { from: 'forwarded', to: 'overturned' },
};

const recordComplaintOutcome: Handler<'recordComplaintOutcome'> = (state, cmd, ctx) => {
  const complaint = state.complaints.find((c) => c.id === cmd.complaintId);
  if (!complaint) return refuse(`no complaint ${cmd.complaintId} on this case`);
  const rule = OUTCOME_FROM[cmd.outcome];
  if (complaint.status !== rule.from) {
    return refuse(`outcome ${cmd.outcome} requires a complaint that is ${rule.from}, but it is ${complaint.status}`);
  }
  const blockedDate = happened('on', cmd.on, ctx.at, [{ date: complaint.receivedOn, what: 'the complaint was received' }]);
  if (blockedDate) return blockedDate;
  if (state.status === 'closed' && complaint.about === 'change_or_termination') return closureComplaintOutcome(state, complaint, cmd, ctx, rule.to);
  const changes: Partial<CaseState> = {};
  // Only a complaint against the refusal that still stands changes the case; once another
  // complaint has led to a grant, a later outcome is recorded without undoing it.
  const againstRefusal = complaint.about === 'refusal' && latestDecision(state)?.outcome === 'refused';
  const statsforvalterenLetters = applies(ctx, 'law-statsforvalteren-letters');
  let letter: { id: string; kind: LetterKind } | undefined;
  if (againstRefusal && (rule.to === 'reversed' || rule.to === 'overturned')) {
    const letterId = ctx.newId();
    changes.status = 'granted';
    changes.grantedAt = ctx.at;
    changes.decisions = [...state.decisions, { letterId, outcome: 'granted', reasons: cmd.reasons, offeredInstead: [], decidedOn: cmd.on, recordedAt: ctx.at }];
    // Rule law-statsforvalteren-letters: Statsforvalteren's decision is final (fvl § 28), so its
    // letter is not KE's reconsideration with a new complaint right.
    letter = { id: letterId, kind: rule.to === 'overturned' && statsforvalterenLetters ? 'statsforvalteren_decision' : 'complaint_reversal' };
  } else if (againstRefusal && rule.to === 'forwarded' && state.status === 'refused') {
    changes.status = 'complaint_with_statsforvalteren';
  } else if (againstRefusal && rule.to === 'upheld' && state.status === 'complaint_with_statsforvalteren') {
    changes.status = 'refused';
  }
  // Rule law-statsforvalteren-letters: the family is told by letter when its complaint goes to
  // Statsforvalteren, and what Statsforvalteren decided, whatever the complaint was about.
  if (!letter && statsforvalterenLetters && rule.to !== 'reversed') {
    letter = { id: ctx.newId(), kind: rule.to === 'forwarded' ? 'complaint_forwarded' : 'statsforvalteren_decision' };
  }
  const outcome = { outcome: cmd.outcome, on: cmd.on, reasons: cmd.reasons, recordedAt: ctx.at, ...(letter && statsforvalterenLetters ? { letterId: letter.id } : {}) };
  const updated = { ...complaint, status: rule.to, outcomes: [...complaint.outcomes, outcome] };
  changes.complaints = state.complaints.map((c) => (c.id === complaint.id ? updated : c));
  const result = next(state, changes, 'ComplaintOutcomeRecorded', ctx, { complaintId: complaint.id, outcome: cmd.outcome, on: cmd.on });
  return letter ? { ...result, letter } : result;
};

const appoint: Handler<'appoint'> = (state, cmd, ctx) => {
  if (state.status === 'appointed') return reassign(state, cmd, ctx);
  if (state.status !== 'granted') {
    return refuse(`an appointment requires a granted decision, but the case is ${state.status}`);
  }
  const blocked = requireAppointmentConsent(state, ctx);
  if (blocked) return blocked;
  const grant = latestDecision(state);
  const blockedDate = happened('appointedOn', cmd.appointedOn, ctx.at, [receipt(state), grant && { date: grant.decidedOn, what: 'the grant it follows was decided' }]);
  if (blockedDate) return blockedDate;
  const appointment = { unitId: cmd.unitId, coordinatorId: cmd.coordinatorId, appointedOn: cmd.appointedOn, recordedAt: ctx.at };
  const result = next(state, { appointment, firstAppointedOn: state.firstAppointedOn ?? cmd.appointedOn, status: 'appointed' }, 'CoordinatorAppointed', ctx, {
    unitId: cmd.unitId,
    coordinatorId: cmd.coordinatorId,
    appointedOn: cmd.appointedOn,
  });
  // Rule law-appointment-letter: the grant letter promised the family word of who it will be.
  return applies(ctx, 'law-appointment-letter') ? { ...result, letter: { id: ctx.newId(), kind: 'appointment' as const } } : result;
};

export const toAppointmentHandlers = {
  recordConsent,
  withdrawConsent,
  scheduleKartlegging,
  recordInterview,
  recordAssessment,
  recordDecision,
  registerComplaint,
  recordComplaintOutcome,
  appoint,
};
