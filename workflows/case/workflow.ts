/**
 * One workflow per case: a thin orchestrator over the pure state machine in state.ts.
 * Commands arrive as updates; each is validated synchronously, applied, persisted to Postgres
 * by an idempotent activity, and answered with the new view. Between commands the workflow
 * sleeps until the next reminder or escalation is due.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { CaseCommand } from './commands';
import { pendingAlerts, openDeadlines, alertsOf } from './deadlines';
import { dueActions } from './follow-up-deadlines';
import { letterFacts } from './letter-facts';
import {
  CaseErrorType,
  HISTORY_EVENT_BOUND,
  caseState,
  commandUpdates,
  coordinatorAbsent,
  registerRequest,
  searchAttributes,
  type CaseView,
  type CaseWorkflowInput,
  type Envelope,
} from './messages';
import { createCase, transition, type CaseEvent, type LetterKind, type TransitionResult } from './state';
import type { CaseState } from './types';
import { viewOf } from './view';

const dbWrite = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' },
} as const;

const db = proxyActivities<ReturnType<typeof createActivities>>(dbWrite);

/**
 * The same writes as local activities: the worker runs them inside the workflow task, so a command
 * or a reminder costs one workflow task and no activity task through the server. Histories
 * recorded before this change scheduled ordinary activities and replay them as such.
 */
const localDb = proxyLocalActivities<ReturnType<typeof createActivities>>(dbWrite);
const LOCAL_DB_WRITES = 'local-db-writes';
const dbWrites = () => (patched(LOCAL_DB_WRITES) ? localDb : db);

/** A registration never arriving means the start was not made through the API. */
const REGISTRATION_TIMEOUT = '1 day';

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView | null> {
  const { caseId, policy } = input;
  let state: CaseState | undefined = input.state;

  const fail = (type: CaseErrorType, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

  const now = () => new Date().toISOString();

  async function persist(event: CaseEvent, actor: string, requestId: string | undefined, letter?: { id: string; kind: LetterKind }) {
    const current = state!;
    await dbWrites().persistCase({
      caseId,
      seq: current.seq,
      event: { ...event, actor, requestId },
      view: viewOf(current, policy),
      letter: letter ? letterFacts(current, letter.id, letter.kind) : undefined,
    });
  }

  /** Takes an accepted transition's state, records it in Postgres and in the search attributes. */
  async function adopt(result: Extract<TransitionResult, { ok: true }>, actor: string, requestId: string | undefined) {
    state = pruneFired(result.state);
    await persist(result.event, actor, requestId, result.letter);
    publishSearchAttributes();
  }

  function publishSearchAttributes() {
    if (input.searchAttributes === false) return;
    const view = viewOf(state!, policy);
    upsertSearchAttributes([
      { key: searchAttributes.status, value: view.status },
      { key: searchAttributes.unitId, value: view.appointment?.unitId ?? null },
      { key: searchAttributes.coordinatorId, value: view.appointment?.coordinatorId ?? null },
      { key: searchAttributes.nextDeadline, value: view.nextDeadline ? new Date(view.nextDeadline) : null },
    ]);
  }

  setHandler(caseState, () => (state ? viewOf(state, policy) : null));

  setHandler(
    registerRequest,
    async ({ actor, requestId, command: request }) => {
      const created = createCase(caseId, request, now(), input.municipality);
      state = created.state;
      await persist(created.event, actor, requestId);
      publishSearchAttributes();
      return viewOf(state, policy);
    },
    {
      validator: (_input: Envelope<unknown>) => {
        if (state) throw fail(CaseErrorType.AlreadyRegistered, 'the request for this case is already registered');
      },
    },
  );

  for (const [type, update] of Object.entries(commandUpdates)) {
    const toCommand = (command: object) => ({ ...command, type }) as CaseCommand;
    // The validator must not draw from the workflow's random source: validators do not run on
    // replay, so ids drawn there would shift every later id and break determinism.
    const check = (command: CaseCommand, newId: () => string = uuid4) => {
      if (!state) throw fail(CaseErrorType.NotRegistered, 'the case has no registered request yet');
      const result = transition(state, command, { at: now(), policy, newId });
      if (!result.ok) throw fail(CaseErrorType.InvalidTransition, result.message);
      return result;
    };
    setHandler(
      update as typeof commandUpdates.recordConsent,
      async ({ actor, requestId, command }: Envelope<object>) => {
        // Re-checked here: another update may have changed the state since validation.
        const result = check(toCommand(command));
        log.info('command applied', { caseId, command: type, seq: result.state.seq, requestId });
        await adopt(result, actor, requestId);
        return viewOf(state!, policy);
      },
      { validator: ({ command }: Envelope<object>) => void check(toCommand(command), () => 'validation') },
    );
  }

  function pruneFired(next: CaseState): CaseState {
    const live = new Set(openDeadlines(next, policy).flatMap((d) => alertsOf(d, caseId, policy).map((a) => a.key)));
    return { ...next, fired: next.fired.filter((k) => live.has(k)) };
  }

  // A signal has no caller to answer: a refusal (another coordinator's case, a repeated
  // fan-out) is logged and changes nothing.
  setHandler(coordinatorAbsent, async ({ actor, requestId, command }) => {
    if (!state) return;
    const result = transition(state, { ...command, type: 'recordAbsence' }, { at: now(), policy, newId: uuid4 });
    if (!result.ok) {
      log.info('absence signal not applied', { caseId, reason: result.message });
      return;
    }
    await adopt(result, actor, requestId);
  });

  if (!(await condition(() => state !== undefined, REGISTRATION_TIMEOUT))) return null;

  while (state!.status !== 'closed') {
    if (shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof caseWorkflow>({ ...input, state: state! });
    }
    const seen = state!.seq;
    const alert = pendingAlerts(state!, policy)[0];
    const action = dueActions(state!)[0];
    const wakeAt = [alert?.at, action?.at].filter((t): t is string => t !== undefined).sort()[0];
    const wait = wakeAt ? Math.max(0, Date.parse(wakeAt) - Date.now()) : undefined;
    const changed = wait === undefined ? await condition(() => state!.seq !== seen) : await condition(() => state!.seq !== seen, wait);
    if (changed) continue;
    if (action && action.at === wakeAt) {
      const result = transition(state!, action.command, { at: now(), policy, newId: uuid4 });
      if (result.ok) await adopt(result, 'system', undefined);
      continue;
    }
    if (!alert) continue;
    await dbWrites().recordAlert({
      key: alert.key,
      caseId,
      level: alert.level,
      kind: alert.deadline.kind,
      recipient: alert.recipient,
      dueAt: alert.deadline.dueAt,
      firedAt: now(),
    });
    state = { ...state!, fired: [...state!.fired, alert.key] };
  }

  await condition(allHandlersFinished);
  return viewOf(state!, policy);
}

/**
 * A run lasts at most a year. With the writes as local activities a year of follow-up is about a
 * hundred events, so the event bound alone would let a run live a decade; a yearly run keeps the
 * history a case replays when it wakes uncached short, and stays clear of any run timeout (the
 * time-skipping test server gives every run ten years).
 */
const RUN_AGE_BOUND_MS = 365 * 24 * 60 * 60 * 1000;
const CONTINUE_AS_NEW_BY_AGE = 'continue-as-new-by-age';

/** On the server's suggestion, at a fixed bound or yearly, so a case that lives 18 years never has a long history. */
function shouldContinueAsNew(): boolean {
  const info = workflowInfo();
  if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENT_BOUND) return true;
  // Runs recorded before the yearly bound did not continue as new by age: they replay unchanged.
  return Date.now() - info.runStartTime.getTime() > RUN_AGE_BOUND_MS && patched(CONTINUE_AS_NEW_BY_AGE);
}
