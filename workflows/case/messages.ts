/**
 * The one message contract of the case workflow: its name, task queue, id scheme, updates,
 * queries and search attributes. The API, the worker and the tests import it from here.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CancelMeeting,
  CloseCase,
  CompleteTask,
  EstablishAnsvarsgruppe,
  ExtendCase,
  MoveMeeting,
  PlanMeeting,
  RecordAbsence,
  RecordKickOff,
  RecordMeeting,
  RecordMinutes,
  RegisterBirth,
  SetIndividualPlanStatus,
  Appoint,
  RecordAssessment,
  RecordComplaintOutcome,
  RecordConsent,
  RecordDecision,
  RecordInterview,
  RegisterComplaint,
  ScheduleKartlegging,
  WithdrawConsent,
} from './commands';
import type { Policy } from './policy';
import type { CaseRequest, CaseState } from './types';
import type { Deadline } from './deadlines';

export const TASK_QUEUE = 'barnekoordinator-cases';
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** Workflow ids carry only the opaque case id: never a name or a national id. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export interface CaseWorkflowInput {
  caseId: string;
  policy: Policy;
  /** Kommunenummer of the municipality that owns the case (absent in cases started before tenancy). */
  municipality?: string;
  /** Carried across continue-as-new; absent on first start. */
  state?: CaseState;
  /** Update ids of the latest commands, carried across continue-as-new so a repeat is still recognised. */
  recentUpdateIds?: string[];
  /**
   * Whether to keep the case's search attributes current (default true). Off only on servers
   * that cannot register custom search attributes, such as the time-skipping test server.
   */
  searchAttributes?: boolean;
}

/** What every command carries besides its own fields: who asked, and the request it came in. */
export interface Envelope<C> {
  actor: string;
  requestId?: string;
  command: C;
}

export interface CaseView {
  id: string;
  municipality?: string;
  status: CaseState['status'];
  version: number;
  registeredAt: string;
  request: CaseRequest;
  consents: CaseState['consents'];
  kartlegging: CaseState['kartlegging'];
  decisions: CaseState['decisions'];
  complaints: CaseState['complaints'];
  appointment?: CaseState['appointment'];
  firstAppointedOn?: string;
  followUp: CaseState['followUp'];
  absence?: CaseState['absence'];
  tasks: CaseState['tasks'];
  extendedToAge?: number;
  closure?: CaseState['closure'];
  deadlines: Deadline[];
  nextDeadline?: string;
}

type Cmd<T> = Omit<T, 'type'>;

export const registerRequest = defineUpdate<CaseView, [Envelope<CaseRequest>]>('registerRequest');
export const recordConsent = defineUpdate<CaseView, [Envelope<Cmd<RecordConsent>>]>('recordConsent');
export const withdrawConsent = defineUpdate<CaseView, [Envelope<Cmd<WithdrawConsent>>]>('withdrawConsent');
export const scheduleKartlegging = defineUpdate<CaseView, [Envelope<Cmd<ScheduleKartlegging>>]>('scheduleKartlegging');
export const recordInterview = defineUpdate<CaseView, [Envelope<Cmd<RecordInterview>>]>('recordInterview');
export const recordAssessment = defineUpdate<CaseView, [Envelope<Cmd<RecordAssessment>>]>('recordAssessment');
export const recordDecision = defineUpdate<CaseView, [Envelope<Cmd<RecordDecision>>]>('recordDecision');
export const registerComplaint = defineUpdate<CaseView, [Envelope<Cmd<RegisterComplaint>>]>('registerComplaint');
export const recordComplaintOutcome = defineUpdate<CaseView, [Envelope<Cmd<RecordComplaintOutcome>>]>('recordComplaintOutcome');
export const appoint = defineUpdate<CaseView, [Envelope<Cmd<Appoint>>]>('appoint');
export const recordKickOff = defineUpdate<CaseView, [Envelope<Cmd<RecordKickOff>>]>('recordKickOff');
export const establishAnsvarsgruppe = defineUpdate<CaseView, [Envelope<Cmd<EstablishAnsvarsgruppe>>]>('establishAnsvarsgruppe');
export const planMeeting = defineUpdate<CaseView, [Envelope<Cmd<PlanMeeting>>]>('planMeeting');
export const moveMeeting = defineUpdate<CaseView, [Envelope<Cmd<MoveMeeting>>]>('moveMeeting');
export const cancelMeeting = defineUpdate<CaseView, [Envelope<Cmd<CancelMeeting>>]>('cancelMeeting');
export const recordMeeting = defineUpdate<CaseView, [Envelope<Cmd<RecordMeeting>>]>('recordMeeting');
export const recordMinutes = defineUpdate<CaseView, [Envelope<Cmd<RecordMinutes>>]>('recordMinutes');
export const setIndividualPlanStatus = defineUpdate<CaseView, [Envelope<Cmd<SetIndividualPlanStatus>>]>('setIndividualPlanStatus');
export const registerBirth = defineUpdate<CaseView, [Envelope<Cmd<RegisterBirth>>]>('registerBirth');
export const completeTask = defineUpdate<CaseView, [Envelope<Cmd<CompleteTask>>]>('completeTask');
export const extendCase = defineUpdate<CaseView, [Envelope<Cmd<ExtendCase>>]>('extendCase');
export const closeCase = defineUpdate<CaseView, [Envelope<Cmd<CloseCase>>]>('closeCase');

/** From the absence fan-out: one signal per open case of the absent coordinator. */
export const coordinatorAbsent = defineSignal<[Envelope<Cmd<RecordAbsence>>]>('coordinatorAbsent');

/** Every command update, keyed by the command type it carries. */
export const commandUpdates = {
  recordConsent,
  withdrawConsent,
  scheduleKartlegging,
  recordInterview,
  recordAssessment,
  recordDecision,
  registerComplaint,
  recordComplaintOutcome,
  appoint,
  recordKickOff,
  establishAnsvarsgruppe,
  planMeeting,
  moveMeeting,
  cancelMeeting,
  recordMeeting,
  recordMinutes,
  setIndividualPlanStatus,
  registerBirth,
  completeTask,
  extendCase,
  closeCase,
} as const;

export const caseState = defineQuery<CaseView | null>('caseState');

/** Continue-as-new at this history length at the latest, well below the server's limits. */
export const HISTORY_EVENT_BOUND = 1_000;

/**
 * The API resends a command whose run ended under it (a continue-as-new) as `<update id>#<attempt>`;
 * the workflow takes the part before it as the command's identity, so the resend is applied once.
 */
export const UPDATE_ATTEMPT_SEPARATOR = '#';

/** The update id that makes a repeated registration return the first one's answer. */
export const REGISTER_UPDATE_ID = 'register-request';

export const searchAttributes = {
  status: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  unitId: defineSearchAttributeKey('CaseUnitId', SearchAttributeType.KEYWORD),
  coordinatorId: defineSearchAttributeKey('CaseCoordinatorId', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('CaseNextDeadline', SearchAttributeType.DATETIME),
} as const;

/** Error types a workflow update fails with; the API maps them to HTTP statuses. */
export enum CaseErrorType {
  InvalidTransition = 'InvalidTransition',
  NotRegistered = 'NotRegistered',
  AlreadyRegistered = 'AlreadyRegistered',
  /** A unit or coordinator the command names is not of the case's municipality. */
  ForeignReference = 'ForeignReference',
  /** The database refused the command's data for good (e.g. a date it cannot store). */
  Unrecordable = 'Unrecordable',
  /** The case is finishing its commands to continue as new; the command is to be sent again. */
  ContinuingAsNew = 'ContinuingAsNew',
}
