/** What people ask of a case. Each command is one workflow update and one event. */
import type {
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

export type CaseCommand =
  | RecordConsent
  | WithdrawConsent
  | ScheduleKartlegging
  | RecordInterview
  | RecordAssessment
  | RecordDecision
  | RegisterComplaint
  | RecordComplaintOutcome
  | Appoint;

export type CommandType = CaseCommand['type'];
