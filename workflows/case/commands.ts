/** What people ask of a case. Each command is one workflow update and one event. */
import type {
  ClosureReason,
  IndividualPlanStatus,
  Alternative,
  Assessment,
  ComplaintAbout,
  ComplaintOutcome,
  ConsentScope,
  ConsenterRole,
  Interview,
} from './types';

export interface RecordConsent {
  type: 'recordConsent';
  givenBy: string;
  role: ConsenterRole;
  covers: ConsentScope[];
  givenOn: string;
}

export interface WithdrawConsent {
  type: 'withdrawConsent';
  scopes: ConsentScope[];
  withdrawnBy: string;
  on: string;
}

export interface ScheduleKartlegging {
  type: 'scheduleKartlegging';
  scheduledAt: string;
}

export interface RecordInterview extends Interview {
  type: 'recordInterview';
}

export interface RecordAssessment extends Assessment {
  type: 'recordAssessment';
}

export interface RecordDecision {
  type: 'recordDecision';
  outcome: 'granted' | 'refused';
  reasons: string;
  offeredInstead: Alternative[];
  decidedOn: string;
}

export interface RegisterComplaint {
  type: 'registerComplaint';
  about: ComplaintAbout;
  receivedOn: string;
  /** When the family learned of the decision; defaults to the decision date. */
  familyLearnedOn?: string;
}

export interface RecordComplaintOutcome {
  type: 'recordComplaintOutcome';
  complaintId: string;
  outcome: ComplaintOutcome;
  reasons: string;
  on: string;
}

export interface Appoint {
  type: 'appoint';
  unitId: string;
  coordinatorId: string;
  appointedOn: string;
}

export interface RecordKickOff {
  type: 'recordKickOff';
  heldOn: string;
}

export interface EstablishAnsvarsgruppe {
  type: 'establishAnsvarsgruppe';
  intervalMonths?: number;
  firstMeetingAt?: string;
}

export interface PlanMeeting {
  type: 'planMeeting';
  at: string;
}

export interface MoveMeeting {
  type: 'moveMeeting';
  meetingId: string;
  at: string;
}

export interface CancelMeeting {
  type: 'cancelMeeting';
  meetingId: string;
}

export interface RecordMeeting {
  type: 'recordMeeting';
  meetingId: string;
  heldOn: string;
}

export interface RecordMinutes {
  type: 'recordMinutes';
  meetingId: string;
  writtenOn: string;
}

export interface SetIndividualPlanStatus {
  type: 'setIndividualPlanStatus';
  status: IndividualPlanStatus;
  on: string;
}

export interface RegisterBirth {
  type: 'registerBirth';
  birthDate: string;
}

/** Arrives by signal from the absence fan-out, not from a caller. */
export interface RecordAbsence {
  type: 'recordAbsence';
  absenceId: string;
  coordinatorId: string;
  kind: 'leave' | 'departure';
  from: string;
  until?: string;
  substituteId?: string;
}

export interface CompleteTask {
  type: 'completeTask';
  taskId: string;
  doneOn: string;
}

export interface ExtendCase {
  type: 'extendCase';
  toAge: number;
}

export interface CloseCase {
  type: 'closeCase';
  reason: ClosureReason;
  on: string;
  note?: string;
}

/** Applied by the workflow itself when a leave's last day has passed. */
export interface EndLeave {
  type: 'endLeave';
  absenceId: string;
}

export type CaseCommand =
  | RecordConsent
  | WithdrawConsent
  | ScheduleKartlegging
  | RecordInterview
  | RecordAssessment
  | RecordDecision
  | RegisterComplaint
  | RecordComplaintOutcome
  | Appoint
  | RecordKickOff
  | EstablishAnsvarsgruppe
  | PlanMeeting
  | MoveMeeting
  | CancelMeeting
  | RecordMeeting
  | RecordMinutes
  | SetIndividualPlanStatus
  | RegisterBirth
  | RecordAbsence
  | CompleteTask
  | ExtendCase
  | CloseCase
  | EndLeave;

export type CommandType = CaseCommand['type'];
