/**
 * Which commands the case page offers now: those the case's rules (workflows/case/*.ts) would not
 * refuse for the case's state alone, and that the person's role may give (api/routes/commands.ts:
 * KE everything, the coordinator the follow-up). Dates and texts are still checked by the rules
 * when the command is sent. Pure.
 */
import type { components } from '../../../../api/client';
import { msg } from '../../i18n';

export type CaseView = components['schemas']['CaseView'];
export type Role = 'ke' | 'coordinator' | 'leader' | 'ops' | 'admin';

export type Action =
  | 'recordConsent'
  | 'withdrawConsent'
  | 'scheduleKartlegging'
  | 'recordInterview'
  | 'recordAssessment'
  | 'recordDecision'
  | 'registerComplaint'
  | 'recordComplaintOutcome'
  | 'appoint'
  | 'reassign'
  | 'recordKickOff'
  | 'establishAnsvarsgruppe'
  | 'planMeeting'
  | 'meetingActions'
  | 'recordMinutes'
  | 'setIndividualPlanStatus'
  | 'registerBirth'
  | 'completeTask'
  | 'extendCase'
  | 'closeCase';

/** The follow-up, which the case's coordinator may do as well as KE. */
const FOLLOW_UP: ReadonlySet<Action> = new Set<Action>([
  'recordKickOff',
  'establishAnsvarsgruppe',
  'planMeeting',
  'meetingActions',
  'recordMinutes',
  'setIndividualPlanStatus',
  'registerBirth',
  'completeTask',
]);

export type Scope = 'appointment' | 'information_sharing';

export function hasConsent(view: CaseView, scope: Scope): boolean {
  return view.consents.some((c) => c.covers.includes(scope) && !c.withdrawn.some((w) => w.scope === scope));
}

export function allConditionsMet(view: CaseView): boolean | undefined {
  const a = view.kartlegging.assessment;
  if (!a) return undefined;
  return a.childUnder18OrExpected.met && a.seriousCondition.met && a.longTermCoordinatedNeeds.met;
}

/** The statuses of the individuell plan each status can be set from (follow-up.ts PLAN_FROM). */
export const PLAN_FROM: Record<'in_progress' | 'active' | 'evaluated', string[]> = {
  in_progress: ['not_started'],
  active: ['not_started', 'in_progress'],
  evaluated: ['active', 'evaluated'],
};

/** The outcomes a complaint of this status can get (to-appointment.ts OUTCOME_FROM). */
export function outcomesFor(status: string): ('reversed_by_ke' | 'forwarded_to_statsforvalteren' | 'upheld_by_statsforvalteren' | 'overturned_by_statsforvalteren')[] {
  if (status === 'received') return ['reversed_by_ke', 'forwarded_to_statsforvalteren'];
  if (status === 'forwarded') return ['upheld_by_statsforvalteren', 'overturned_by_statsforvalteren'];
  return [];
}

/**
 * Rule law-complaint-after-closure: a closed case takes a complaint about its closure until a
 * year after it (closureComplaintsUntil in to-appointment.ts).
 */
export function takesClosureComplaints(view: CaseView, today: string): boolean {
  if (view.status !== 'closed' || !view.closure) return false;
  const [year, rest] = [Number(view.closure.on.slice(0, 4)), view.closure.on.slice(4)];
  return today <= `${year + 1}${rest}`;
}

/** What the state of the case allows on `today` (YYYY-MM-DD, Oslo), whoever asks. */
function allowedByCase(view: CaseView, today: string): Set<Action> {
  const allowed = new Set<Action>();
  if (view.status === 'closed') {
    if (takesClosureComplaints(view, today)) allowed.add('registerComplaint');
    if (view.complaints.some((c) => outcomesFor(c.status).length > 0)) allowed.add('recordComplaintOutcome');
    return allowed;
  }
  const s = view.status;
  const appointmentConsent = hasConsent(view, 'appointment');
  if (!appointmentConsent || !hasConsent(view, 'information_sharing')) allowed.add('recordConsent');
  if (appointmentConsent || hasConsent(view, 'information_sharing')) allowed.add('withdrawConsent');
  if (s === 'kartlegging' && appointmentConsent) allowed.add('scheduleKartlegging');
  if ((s === 'kartlegging' || s === 'awaiting_decision') && appointmentConsent) {
    allowed.add('recordInterview');
    allowed.add('recordAssessment');
  }
  if (s === 'awaiting_decision' && appointmentConsent) allowed.add('recordDecision');
  if (view.decisions.length > 0) allowed.add('registerComplaint');
  if (view.complaints.some((c) => outcomesFor(c.status).length > 0)) allowed.add('recordComplaintOutcome');
  if (s === 'granted' && appointmentConsent) allowed.add('appoint');
  if (s === 'appointed') {
    allowed.add('reassign');
    allowed.add('recordKickOff');
    allowed.add('setIndividualPlanStatus');
    if (!view.followUp.ansvarsgruppe && hasConsent(view, 'information_sharing')) allowed.add('establishAnsvarsgruppe');
  }
  if (view.followUp.ansvarsgruppe) allowed.add('planMeeting');
  if (view.followUp.meetings.some((m) => m.status === 'planned')) allowed.add('meetingActions');
  if (view.followUp.meetings.some((m) => m.status === 'held' && !m.minutesOn)) allowed.add('recordMinutes');
  if (!view.request.child.birthDate) allowed.add('registerBirth');
  if (view.tasks.some((t) => !t.doneOn)) allowed.add('completeTask');
  if ((view.extendedToAge ?? 18) < 25) allowed.add('extendCase');
  allowed.add('closeCase');
  return allowed;
}

/** The commands the page offers this person on `today` (YYYY-MM-DD, Oslo). */
export function allowedActions(view: CaseView, roles: readonly Role[], today: string): Set<Action> {
  const byCase = allowedByCase(view, today);
  if (roles.includes('ke')) return byCase;
  if (roles.includes('coordinator')) return new Set([...byCase].filter((a) => FOLLOW_UP.has(a)));
  return new Set();
}

export type Step = 'henvendelse' | 'samtykke' | 'kartlegging' | 'avgjorelse' | 'oppnevning' | 'oppfolging' | 'avsluttet';

/** The lifecycle's steps; their texts are shown through t(). */
export const STEPS: { step: Step; text: string }[] = [
  { step: 'henvendelse', text: msg('Henvendelse') },
  { step: 'samtykke', text: msg('Samtykke') },
  { step: 'kartlegging', text: msg('Kartlegging') },
  { step: 'avgjorelse', text: msg('Avgjørelse') },
  { step: 'oppnevning', text: msg('Oppnevning') },
  { step: 'oppfolging', text: msg('Oppfølging') },
  { step: 'avsluttet', text: msg('Avsluttet') },
];

/** Where in the lifecycle a case of this status is. */
export function currentStep(status: CaseView['status']): Step {
  switch (status) {
    case 'awaiting_consent':
      return 'samtykke';
    case 'kartlegging':
      return 'kartlegging';
    case 'awaiting_decision':
    case 'refused':
    case 'complaint_with_statsforvalteren':
      return 'avgjorelse';
    case 'granted':
      return 'oppnevning';
    case 'appointed':
      return 'oppfolging';
    case 'closed':
      return 'avsluttet';
  }
}

/** Whether the case went through a step: for a closed case, which steps it reached before it closed. */
export function reached(view: CaseView, step: Step): boolean {
  switch (step) {
    case 'henvendelse':
      return true;
    case 'samtykke':
      return view.consents.length > 0;
    case 'kartlegging':
      return view.kartlegging.completedAt !== undefined;
    case 'avgjorelse':
      return view.decisions.length > 0;
    case 'oppnevning':
    case 'oppfolging':
      return view.firstAppointedOn !== undefined;
    case 'avsluttet':
      return view.status === 'closed';
  }
}
