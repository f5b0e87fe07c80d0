/** The case as the workflow holds it. Plain data, serialisable, no Temporal import. */

export type CaseStatus =
  | 'awaiting_consent'
  | 'kartlegging'
  | 'awaiting_decision'
  | 'granted'
  | 'refused'
  | 'complaint_with_statsforvalteren'
  | 'appointed'
  | 'closed';

export const CASE_STATUSES: readonly CaseStatus[] = [
  'awaiting_consent',
  'kartlegging',
  'awaiting_decision',
  'granted',
  'refused',
  'complaint_with_statsforvalteren',
  'appointed',
  'closed',
];

export type ConsenterRole = 'parent' | 'guardian' | 'young_person';
export type ConsentScope = 'appointment' | 'information_sharing';
export type RequestChannel = 'written' | 'oral';
export type Alternative = 'coordinated_services' | 'ordinary_coordinator';
export type ComplaintAbout = 'refusal' | 'change_or_termination' | 'right_not_fulfilled';
export type ComplaintOutcome =
  | 'reversed_by_ke'
  | 'forwarded_to_statsforvalteren'
  | 'upheld_by_statsforvalteren'
  | 'overturned_by_statsforvalteren';

export interface Child {
  name: string;
  nationalId?: string;
  /** Calendar date; absent for an unborn child. */
  birthDate?: string;
  /** Termin, for an unborn child. */
  expectedDate?: string;
  adopted: boolean;
}

export interface Consenter {
  name: string;
  role: ConsenterRole;
}

export interface CaseRequest {
  child: Child;
  consenters: Consenter[];
  channel: RequestChannel;
  reasons: string;
  /** The date KE received the request. */
  receivedOn: string;
  /** The KE caseworker following the case; reminders go to KE's shared inbox without one. */
  caseworkerId?: string;
  /** The caseworker's name as letters give it to the family (issue #14 item 14); letters name KE alone without it. */
  caseworkerName?: string;
}

export interface Consent {
  id: string;
  givenBy: string;
  role: ConsenterRole;
  covers: ConsentScope[];
  givenOn: string;
  recordedAt: string;
  withdrawn: { scope: ConsentScope; on: string; by: string; recordedAt: string }[];
  /** KE's reasons why the young person (16 or older) lacks the competence to consent, so the parents consent. */
  youngPersonLacksCompetence?: string;
  /** The young person's own agreement that letters to them go in copy to the parents (rule law-letters-to-whom). */
  copyLettersToParents?: boolean;
}

export interface ConditionAssessment {
  met: boolean;
  text: string;
}

export interface Assessment {
  /** a) the family has a child under 18 or is expecting one. */
  childUnder18OrExpected: ConditionAssessment;
  /** b) serious illness, injury or reduced function. */
  seriousCondition: ConditionAssessment;
  /** c) long-term, composite or coordinated health and care and other welfare services. */
  longTermCoordinatedNeeds: ConditionAssessment;
}

export interface Interview {
  heldOn: string;
  participants: string[];
  childParticipated: boolean;
  childAbsenceReason?: string;
}

export interface Kartlegging {
  scheduledAt?: string;
  interview?: Interview;
  assessment?: Assessment;
  /** When both the interview and the assessment were in place. */
  completedAt?: string;
}

export interface Decision {
  letterId: string;
  outcome: 'granted' | 'refused';
  /** Kept in PostgreSQL (texts.ts): the workflow carries it only until the write that records it. */
  reasons?: string;
  offeredInstead: Alternative[];
  decidedOn: string;
  recordedAt: string;
}

export interface Complaint {
  id: string;
  about: ComplaintAbout;
  receivedOn: string;
  familyLearnedOn: string;
  late: boolean;
  status: 'received' | 'reversed' | 'forwarded' | 'upheld' | 'overturned';
  /** Each outcome's reasons are kept in PostgreSQL, like a decision's (texts.ts). */
  /** letterId: the letter that told the family of the outcome, when one was written. */
  outcomes: { outcome: ComplaintOutcome; on: string; reasons?: string; recordedAt: string; letterId?: string }[];
}

export interface Appointment {
  unitId: string;
  coordinatorId: string;
  appointedOn: string;
  recordedAt: string;
}

export type IndividualPlanStatus = 'not_started' | 'in_progress' | 'active' | 'evaluated';
export type ClosureReason = 'age_limit' | 'consent_withdrawn' | 'moved_away' | 'need_ended' | 'child_died' | 'other';

export interface Meeting {
  id: string;
  /** When the ansvarsgruppemøte is planned. */
  at: string;
  status: 'planned' | 'held' | 'cancelled';
  heldOn?: string;
  /** When the referat was written. */
  minutesOn?: string;
}

export interface FollowUp {
  kickOffHeldOn?: string;
  ansvarsgruppe?: { establishedAt: string; intervalMonths: number };
  meetings: Meeting[];
  individualPlan: { status: IndividualPlanStatus; since: string; lastEvaluatedOn?: string };
}

/** The appointed coordinator's leave or departure, as it affects this case. */
export interface Absence {
  id: string;
  coordinatorId: string;
  kind: 'leave' | 'departure';
  from: string;
  until?: string;
  substituteId?: string;
  recordedAt: string;
}

export interface Task {
  id: string;
  kind: 'inform_family' | 'inform_collaborators';
  createdAt: string;
  dueAt: string;
  doneOn?: string;
}

export interface Closure {
  reason: ClosureReason;
  on: string;
  note?: string;
  letterId: string;
  recordedAt: string;
}

/** Reminders and escalations already written to the outbox, by business key. */
export type FiredKeys = string[];

export interface CaseState {
  caseId: string;
  /** Kommunenummer of the owning municipality: every query of the API is scoped to it. */
  municipality?: string;
  status: CaseStatus;
  request: CaseRequest;
  registeredAt: string;
  /** Sequence number of the last event; events are numbered 1, 2, 3 … per case. */
  seq: number;
  consents: Consent[];
  /** When the case entered its current status: the start of that step's deadline. */
  statusSince: string;
  kartlegging: Kartlegging;
  decisions: Decision[];
  grantedAt?: string;
  complaints: Complaint[];
  appointment?: Appointment;
  /** The first appointment's date, for the time from request to appointment. */
  firstAppointedOn?: string;
  followUp: FollowUp;
  absence?: Absence;
  /** Absences already applied, so a repeated fan-out signal changes nothing. */
  absencesSeen: string[];
  tasks: Task[];
  /** The municipality's choice to continue past 18 (up to 25). */
  extendedToAge?: number;
  closure?: Closure;
  /** The status the case closed from, so that a complaint upheld against the closure can reopen it (rule law-complaint-after-closure). */
  closedFrom?: CaseStatus;
  fired: FiredKeys;
}
