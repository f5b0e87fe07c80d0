/**
 * The one message contract of the case workflow: its name, task queue, id scheme, updates,
 * queries and search attributes. The API, the worker and the tests import it from here.
 */
import { defineSearchAttributeKey, SearchAttributeType, type UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CommandFields, CommandType } from './commands';
import type { Policy } from './policy';
import { everyRule, type Applies } from './rules';
import type { CaseRequest, CaseState } from './types';
import { nextDeadline, openDeadlines, type Deadline } from './deadlines';

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
  /** The case version the command was made against (the API's If-Match): refused if the case has moved on. */
  expectedVersion?: number;
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

/**
 * The case as callers, the caseState query and the PostgreSQL projection see it: the state with
 * its open deadlines, at the end of the reading order (state, rules, deadlines, view). Pure; the
 * workflow makes it once per adopted state (see adopt in workflow.ts).
 */
export function viewOf(state: CaseState, policy: Policy, applies: Applies = everyRule): CaseView {
  return {
    id: state.caseId,
    municipality: state.municipality,
    status: state.status,
    version: state.seq,
    registeredAt: state.registeredAt,
    request: state.request,
    consents: state.consents,
    kartlegging: state.kartlegging,
    decisions: state.decisions,
    complaints: state.complaints,
    appointment: state.appointment,
    firstAppointedOn: state.firstAppointedOn,
    followUp: state.followUp,
    absence: state.absence,
    tasks: state.tasks,
    extendedToAge: state.extendedToAge,
    closure: state.closure,
    deadlines: openDeadlines(state, policy, applies),
    nextDeadline: nextDeadline(state, policy, applies),
  };
}

export const registerRequest = defineUpdate<CaseView, [Envelope<CaseRequest>]>('registerRequest');

/** The commands a caller gives: every command but those the workflow gives itself or gets by signal. */
export type CallerCommand = Exclude<CommandType, 'recordAbsence' | 'endLeave'>;

/** A command's update, named as the command: its argument is the command's fields in an envelope. */
export type CommandUpdate<K extends CallerCommand> = UpdateDefinition<CaseView, [Envelope<CommandFields<K>>], K>;

const update = <K extends CallerCommand>(name: K): CommandUpdate<K> => defineUpdate<CaseView, [Envelope<CommandFields<K>>], K>(name);

/** Every command update, keyed by the command type it carries; a command missing here is a type error. */
export const commandUpdates: { [K in CallerCommand]: CommandUpdate<K> } = {
  recordConsent: update('recordConsent'),
  withdrawConsent: update('withdrawConsent'),
  scheduleKartlegging: update('scheduleKartlegging'),
  recordInterview: update('recordInterview'),
  recordAssessment: update('recordAssessment'),
  recordDecision: update('recordDecision'),
  registerComplaint: update('registerComplaint'),
  recordComplaintOutcome: update('recordComplaintOutcome'),
  appoint: update('appoint'),
  recordKickOff: update('recordKickOff'),
  establishAnsvarsgruppe: update('establishAnsvarsgruppe'),
  planMeeting: update('planMeeting'),
  moveMeeting: update('moveMeeting'),
  cancelMeeting: update('cancelMeeting'),
  recordMeeting: update('recordMeeting'),
  recordMinutes: update('recordMinutes'),
  setIndividualPlanStatus: update('setIndividualPlanStatus'),
  registerBirth: update('registerBirth'),
  completeTask: update('completeTask'),
  extendCase: update('extendCase'),
  closeCase: update('closeCase'),
};

/** From the absence fan-out: one signal per open case of the absent coordinator. */
export const coordinatorAbsent = defineSignal<[Envelope<CommandFields<'recordAbsence'>>]>('coordinatorAbsent');

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
  /** The command was made against a version of the case that is no longer current (If-Match). */
  VersionMismatch = 'VersionMismatch',
  /** The case is finishing its commands to continue as new; the command is to be sent again. */
  ContinuingAsNew = 'ContinuingAsNew',
}
