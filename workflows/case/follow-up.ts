/**
 * The rules after appointment (README: years of follow-up): the kick-off talk, the
 * ansvarsgruppe and its meetings and minutes, the individuell plan, the birth of an unborn child,
 * the coordinator's absence and handover, extension past 18 and closure. One handler per
 * command, collected in followUpHandlers for state.ts's table. Pure.
 */
import { addDays, atOsloTimeOf, osloDateOf, osloMidnight, sameOsloTimeMonthsLater } from './dates';
import { BIRTH_BEFORE_TERMIN_DAYS, LONGEST_LEAVE_YEARS, daysBefore, latestLeaveEnd } from './date-range';
import { MAX_EXTENDED_AGE, OWN_CONSENT_AGE, RIGHT_ENDS_AT_AGE } from './policy';
import { applies, consentCounts, happened, hasConsent, next, planned, receipt, refuse, type Handler, type NotBefore, type TransitionContext } from './rules';
import type { CaseState, Meeting, Task } from './types';

/** Instants are kept in one form (UTC, ISO) so that they compare as text. */
const utc = (instant: string) => new Date(instant).toISOString();

/** The first appointment: follow-up (the kick-off, meetings) comes after it. */
function appointmentDay(state: CaseState): NotBefore | undefined {
  const date = state.firstAppointedOn ?? state.appointment?.appointedOn;
  return date === undefined ? undefined : { date, what: 'the coordinator was first appointed' };
}

/** A meeting of the ansvarsgruppe lies on or after the day the group was established. */
function groupStart(state: CaseState) {
  const established = state.followUp.ansvarsgruppe?.establishedAt;
  const day = established ? osloDateOf(established) : state.request.receivedOn;
  return { instant: osloMidnight(day), what: established ? `the day the ansvarsgruppe was established, ${day}` : `the day the request was received, ${day}` };
}

function requireAppointed(state: CaseState) {
  return state.status === 'appointed' ? undefined : refuse(`this step requires an appointed coordinator, but the case is ${state.status}`);
}

export function cancelPlannedMeetings(meetings: Meeting[]): Meeting[] {
  return meetings.map((m) => (m.status === 'planned' ? { ...m, status: 'cancelled' as const } : m));
}

function replaceMeeting(state: CaseState, meeting: Meeting): CaseState['followUp'] {
  return { ...state.followUp, meetings: state.followUp.meetings.map((m) => (m.id === meeting.id ? meeting : m)) };
}

/** Keeps the rhythm: when no meeting is planned any more, the next is planned one interval on. */
function withNextMeeting(followUp: CaseState['followUp'], from: string, ctx: TransitionContext): CaseState['followUp'] {
  if (!followUp.ansvarsgruppe || followUp.meetings.some((m) => m.status === 'planned')) return followUp;
  const meeting: Meeting = { id: ctx.newId(), at: sameOsloTimeMonthsLater(from, followUp.ansvarsgruppe.intervalMonths), status: 'planned' };
  return { ...followUp, meetings: [...followUp.meetings, meeting] };
}

function findMeeting(state: CaseState, id: string, status: Meeting['status']) {
  const meeting = state.followUp.meetings.find((m) => m.id === id);
  if (!meeting) return { error: refuse(`no meeting ${id} on this case`) };
  if (meeting.status !== status) return { error: refuse(`meeting ${id} is ${meeting.status}, not ${status}`) };
  return { meeting };
}

export const recordKickOff: Handler<'recordKickOff'> = (state, cmd, ctx) =>
  requireAppointed(state) ??
  happened('heldOn', cmd.heldOn, ctx.at, [receipt(state), appointmentDay(state)]) ??
  next(state, { followUp: { ...state.followUp, kickOffHeldOn: cmd.heldOn } }, 'KickOffHeld', ctx, { heldOn: cmd.heldOn });

export const establishAnsvarsgruppe: Handler<'establishAnsvarsgruppe'> = (state, cmd, ctx) => {
  const blocked = requireAppointed(state);
  if (blocked) return blocked;
  if (!consentCounts(state, 'information_sharing', ctx)) {
    if (hasConsent(state, 'information_sharing')) return refuse(`an ansvarsgruppe requires the young person's own consent to sharing information from the age of ${OWN_CONSENT_AGE} (pbrl § 4-3)`);
    return refuse('an ansvarsgruppe requires consent to sharing information');
  }
  if (state.followUp.ansvarsgruppe) return refuse('the ansvarsgruppe is already established');
  if (cmd.firstMeetingAt) {
    const today = osloDateOf(ctx.at);
    const blockedDate = planned('firstMeetingAt', cmd.firstMeetingAt, ctx.at, { instant: osloMidnight(today), what: `the day the ansvarsgruppe is established, ${today}` });
    if (blockedDate) return blockedDate;
  }
  const intervalMonths = cmd.intervalMonths ?? ctx.policy.meetingIntervalMonths;
  const first: Meeting = { id: ctx.newId(), at: cmd.firstMeetingAt ? utc(cmd.firstMeetingAt) : sameOsloTimeMonthsLater(ctx.at, intervalMonths), status: 'planned' };
  const followUp = { ...state.followUp, ansvarsgruppe: { establishedAt: ctx.at, intervalMonths }, meetings: [...state.followUp.meetings, first] };
  return next(state, { followUp }, 'AnsvarsgruppeEstablished', ctx, { intervalMonths, firstMeetingId: first.id, firstMeetingAt: first.at });
};

export const planMeeting: Handler<'planMeeting'> = (state, cmd, ctx) => {
  if (!state.followUp.ansvarsgruppe) return refuse('meetings require an established ansvarsgruppe');
  const blockedDate = planned('at', cmd.at, ctx.at, groupStart(state));
  if (blockedDate) return blockedDate;
  const meeting: Meeting = { id: ctx.newId(), at: utc(cmd.at), status: 'planned' };
  return next(state, { followUp: { ...state.followUp, meetings: [...state.followUp.meetings, meeting] } }, 'MeetingPlanned', ctx, {
    meetingId: meeting.id,
    at: meeting.at,
  });
};

export const moveMeeting: Handler<'moveMeeting'> = (state, cmd, ctx) => {
  const { meeting, error } = findMeeting(state, cmd.meetingId, 'planned');
  if (error) return error;
  const blockedDate = planned('at', cmd.at, ctx.at, groupStart(state));
  if (blockedDate) return blockedDate;
  const to = utc(cmd.at);
  return next(state, { followUp: replaceMeeting(state, { ...meeting, at: to }) }, 'MeetingMoved', ctx, { meetingId: meeting.id, from: meeting.at, to });
};

export const cancelMeeting: Handler<'cancelMeeting'> = (state, cmd, ctx) => {
  const { meeting, error } = findMeeting(state, cmd.meetingId, 'planned');
  if (error) return error;
  const followUp = withNextMeeting(replaceMeeting(state, { ...meeting, status: 'cancelled' }), meeting.at, ctx);
  return next(state, { followUp }, 'MeetingCancelled', ctx, { meetingId: meeting.id });
};

export const recordMeeting: Handler<'recordMeeting'> = (state, cmd, ctx) => {
  const { meeting, error } = findMeeting(state, cmd.meetingId, 'planned');
  if (error) return error;
  const blockedDate = happened('heldOn', cmd.heldOn, ctx.at, [receipt(state), appointmentDay(state)]);
  if (blockedDate) return blockedDate;
  const followUp = withNextMeeting(replaceMeeting(state, { ...meeting, status: 'held', heldOn: cmd.heldOn }), atOsloTimeOf(cmd.heldOn, meeting.at), ctx);
  return next(state, { followUp }, 'MeetingHeld', ctx, { meetingId: meeting.id, heldOn: cmd.heldOn });
};

export const recordMinutes: Handler<'recordMinutes'> = (state, cmd, ctx) => {
  const { meeting, error } = findMeeting(state, cmd.meetingId, 'held');
  if (error) return error;
  if (meeting.minutesOn) return refuse(`the referat of meeting ${meeting.id} is already recorded`);
  const blockedDate = happened('writtenOn', cmd.writtenOn, ctx.at, [meeting.heldOn ? { date: meeting.heldOn, what: 'the meeting was held' } : receipt(state)]);
  if (blockedDate) return blockedDate;
  return next(state, { followUp: replaceMeeting(state, { ...meeting, minutesOn: cmd.writtenOn }) }, 'MinutesRecorded', ctx, {
    meetingId: meeting.id,
    writtenOn: cmd.writtenOn,
  });
};

const PLAN_FROM: Record<string, string[]> = {
  in_progress: ['not_started'],
  active: ['not_started', 'in_progress'],
  evaluated: ['active', 'evaluated'],
};

export const setIndividualPlanStatus: Handler<'setIndividualPlanStatus'> = (state, cmd, ctx) => {
  const current = state.followUp.individualPlan;
  if (!(PLAN_FROM[cmd.status] ?? []).includes(current.status)) {
    return refuse(`the individuell plan cannot go from ${current.status} to ${cmd.status}`);
  }
  const evaluated = cmd.status === 'evaluated';
  const blockedDate = happened('on', cmd.on, ctx.at, [
    receipt(state),
    evaluated ? { date: osloDateOf(current.since), what: 'the individuell plan became active' } : undefined,
    evaluated && current.lastEvaluatedOn ? { date: current.lastEvaluatedOn, what: 'its last evaluation' } : undefined,
  ]);
  if (blockedDate) return blockedDate;
  const individualPlan = {
    status: cmd.status,
    since: cmd.status === 'evaluated' ? current.since : ctx.at,
    lastEvaluatedOn: cmd.status === 'evaluated' ? cmd.on : current.lastEvaluatedOn,
  };
  return next(state, { followUp: { ...state.followUp, individualPlan } }, 'IndividualPlanStatusSet', ctx, { status: cmd.status, on: cmd.on });
};

export const registerBirth: Handler<'registerBirth'> = (state, cmd, ctx) => {
  const child = state.request.child;
  if (child.birthDate) return refuse('the child is already born');
  const blockedDate = happened('birthDate', cmd.birthDate, ctx.at);
  if (blockedDate) return blockedDate;
  if (child.expectedDate) {
    const earliest = daysBefore(child.expectedDate, BIRTH_BEFORE_TERMIN_DAYS);
    if (cmd.birthDate < earliest) {
      return refuse(`birthDate ${cmd.birthDate} is more than ${BIRTH_BEFORE_TERMIN_DAYS / 7} weeks before the termin (${child.expectedDate}): not a birth of this pregnancy`);
    }
  }
  return next(state, { request: { ...state.request, child: { ...child, birthDate: cmd.birthDate } } }, 'BirthRegistered', ctx, { birthDate: cmd.birthDate });
};

function task(kind: Task['kind'], days: number, ctx: TransitionContext): Task {
  return { id: ctx.newId(), kind, createdAt: ctx.at, dueAt: addDays(ctx.at, days) };
}

/**
 * Rule law-coordinator-change-tells-all: every change of who holds the case (a leave with or
 * without substitute, a departure, a direct reassignment, the return from leave) tells the family
 * as early as possible and the collaborators who takes over (seed 004). `given` is the task the
 * path gave before the rule; the other comes with it.
 */
function changeTasks(given: Task['kind'], ctx: TransitionContext): Task[] {
  const days = (kind: Task['kind']) => (kind === 'inform_family' ? ctx.policy.informFamilyDays : ctx.policy.informCollaboratorsDays);
  const first = task(given, days(given), ctx);
  if (!applies(ctx, 'law-coordinator-change-tells-all')) return [first];
  const other: Task['kind'] = given === 'inform_family' ? 'inform_collaborators' : 'inform_family';
  return [first, task(other, days(other), ctx)];
}

export const recordAbsence: Handler<'recordAbsence'> = (state, cmd, ctx) => {
  if (state.absencesSeen.includes(cmd.absenceId)) return refuse(`absence ${cmd.absenceId} is already recorded`);
  if (state.status !== 'appointed' || state.appointment?.coordinatorId !== cmd.coordinatorId) {
    return refuse('the absent coordinator is not the coordinator of this case');
  }
  if (cmd.substituteId === cmd.coordinatorId) return refuse('a coordinator cannot substitute for themselves');
  if (cmd.kind === 'leave' && cmd.until !== undefined && (cmd.until < cmd.from || cmd.until > latestLeaveEnd(cmd.from))) {
    return refuse(`until ${cmd.until} must lie between from (${cmd.from}) and ${LONGEST_LEAVE_YEARS} years after it (${latestLeaveEnd(cmd.from)})`);
  }
  const { type: _type, absenceId, ...rest } = cmd;
  const absence = { id: absenceId, ...rest, recordedAt: ctx.at };
  const result = next(
    state,
    { absence, absencesSeen: [...state.absencesSeen, absenceId], tasks: [...state.tasks, ...changeTasks('inform_family', ctx)] },
    'CoordinatorAbsent',
    ctx,
    { absenceId, kind: cmd.kind, from: cmd.from, until: cmd.until, substituteId: cmd.substituteId },
  );
  // Rule law-absence-letters: the family is told by letter who holds the case while the coordinator is away, or that KE does.
  return applies(ctx, 'law-absence-letters') ? { ...result, letter: { id: ctx.newId(), kind: 'coordinator_absence' as const } } : result;
};

export const endLeave: Handler<'endLeave'> = (state, cmd, ctx) => {
  if (state.absence?.id !== cmd.absenceId || state.absence.kind !== 'leave') return refuse(`no leave ${cmd.absenceId} is running`);
  // The coordinator is back: the family and the collaborators are told, as on any change.
  const tasks = applies(ctx, 'law-coordinator-change-tells-all') ? [...state.tasks, ...changeTasks('inform_family', ctx)] : state.tasks;
  const result = next(state, { absence: undefined, tasks }, 'LeaveEnded', ctx, { absenceId: cmd.absenceId, coordinatorId: state.absence.coordinatorId });
  // Rule law-absence-letters: and by letter that their coordinator is back.
  return applies(ctx, 'law-absence-letters') ? { ...result, letter: { id: ctx.newId(), kind: 'coordinator_return' as const, on: osloDateOf(ctx.at) } } : result;
};

export const completeTask: Handler<'completeTask'> = (state, cmd, ctx) => {
  const found = state.tasks.find((t) => t.id === cmd.taskId);
  if (!found) return refuse(`no task ${cmd.taskId} on this case`);
  if (found.doneOn) return refuse(`task ${cmd.taskId} is already done`);
  const blockedDate = happened('doneOn', cmd.doneOn, ctx.at, [{ date: osloDateOf(found.createdAt), what: 'the task was given' }]);
  if (blockedDate) return blockedDate;
  const tasks = state.tasks.map((t) => (t.id === found.id ? { ...t, doneOn: cmd.doneOn } : t));
  return next(state, { tasks }, 'TaskCompleted', ctx, { taskId: found.id, kind: found.kind, doneOn: cmd.doneOn });
};

/** A new appointment while one is in force: a change of coordinator. */
export function reassign(state: CaseState, cmd: { unitId: string; coordinatorId: string; appointedOn: string }, ctx: TransitionContext) {
  if (state.appointment?.coordinatorId === cmd.coordinatorId) return refuse('this coordinator is already appointed');
  const current = state.appointment ? { date: state.appointment.appointedOn, what: 'the appointment it replaces' } : undefined;
  const blockedDate = happened('appointedOn', cmd.appointedOn, ctx.at, [receipt(state), current]);
  if (blockedDate) return blockedDate;
  const appointment = { unitId: cmd.unitId, coordinatorId: cmd.coordinatorId, appointedOn: cmd.appointedOn, recordedAt: ctx.at };
  const result = next(
    state,
    { appointment, absence: undefined, tasks: [...state.tasks, ...changeTasks('inform_collaborators', ctx)] },
    'CoordinatorChanged',
    ctx,
    { unitId: cmd.unitId, coordinatorId: cmd.coordinatorId, previousCoordinatorId: state.appointment?.coordinatorId, appointedOn: cmd.appointedOn },
  );
  // Rule law-appointment-letter: the family is told by letter who their new coordinator is.
  return applies(ctx, 'law-appointment-letter') ? { ...result, letter: { id: ctx.newId(), kind: 'coordinator_change' as const } } : result;
}

export const extendCase: Handler<'extendCase'> = (state, cmd, ctx) => {
  const current = state.extendedToAge ?? RIGHT_ENDS_AT_AGE;
  if (cmd.toAge <= current || cmd.toAge > MAX_EXTENDED_AGE) {
    return refuse(`a case can be extended only beyond age ${current} and at most to ${MAX_EXTENDED_AGE}`);
  }
  return next(state, { extendedToAge: cmd.toAge }, 'CaseExtended', ctx, { toAge: cmd.toAge });
};

export const closeCase: Handler<'closeCase'> = (state, cmd, ctx) => {
  // The closure at the age limit is the workflow's own (dueActions), dated by the birthday and
  // never refused: a refusal would leave it due for ever.
  if (cmd.reason !== 'age_limit') {
    const blockedDate = happened('on', cmd.on, ctx.at, [receipt(state)]);
    if (blockedDate) return blockedDate;
  }
  const letterId = ctx.newId();
  const closure = { reason: cmd.reason, on: cmd.on, note: cmd.note, letterId, recordedAt: ctx.at };
  const meetings = cancelPlannedMeetings(state.followUp.meetings);
  const closedFrom = applies(ctx, 'law-complaint-after-closure') ? { closedFrom: state.status } : {};
  const result = next(state, { status: 'closed', closure, ...closedFrom, followUp: { ...state.followUp, meetings } }, 'CaseClosed', ctx, {
    reason: cmd.reason,
    on: cmd.on,
    letterId,
  });
  return { ...result, letter: { id: letterId, kind: 'closure' as const } };
};

export const followUpHandlers = {
  recordKickOff,
  establishAnsvarsgruppe,
  planMeeting,
  moveMeeting,
  cancelMeeting,
  recordMeeting,
  recordMinutes,
  setIndividualPlanStatus,
  registerBirth,
  recordAbsence,
  endLeave,
  completeTask,
  extendCase,
  closeCase,
};
