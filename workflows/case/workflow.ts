/**
 * One workflow per case: a thin orchestrator over the pure state machine in state.ts, and the
 * place a state becomes the view callers and the projection see (viewOf, in messages.ts).
 *
 * Commands arrive as updates and are applied one at a time, under a lock: each is checked against
 * the state all earlier commands left, written to PostgreSQL by an activity, and only then taken
 * as the case's state and answered with the view it produced. The writes are ordinary activities:
 * the server schedules one only when the workflow task that asked for it is committed to history,
 * so a workflow task that Temporal discards (a speculative update task, a task that timed out or
 * failed) can never leave an event, a letter or a reminder behind. A write that cannot succeed
 * (the database refuses the data) fails the command and leaves the case as it was. Between
 * commands the workflow sleeps until the next reminder, escalation or due action.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { AlertInput, PersistCaseInput, createActivities } from '../../activities';
import { WriteRefused } from '../../activities/write-errors';
import type { CaseCommand, RecordAbsence } from './commands';
import { dueActions, liveAlertKeys, pendingAlerts, searchableNextDeadline, type Alert } from './deadlines';
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
  UPDATE_ATTEMPT_SEPARATOR,
  viewOf,
} from './messages';
import { everyRule, type Applies, type CaseEvent, type LetterRef, type TransitionResult } from './rules';
import { createCase, transition } from './state';
import { closureComplaintsUntil, complaintPending } from './to-appointment';
import { splitTexts } from './texts';
import type { CaseRequest, CaseState } from './types';

const dbWrite = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '10s' },
} as const;

const db = proxyActivities<ReturnType<typeof createActivities>>(dbWrite);

/** Runs before SERIAL_WRITES wrote from local activities; their histories replay as they were. */
const localDb = proxyLocalActivities<ReturnType<typeof createActivities>>(dbWrite);
const LOCAL_DB_WRITES = 'local-db-writes';
const legacyWrites = () => (patched(LOCAL_DB_WRITES) ? localDb : db);

/**
 * From this patch on, commands are applied one at a time and written by ordinary activities (see
 * the module comment). Runs begun before it replay their history on the old path, and take the
 * new one for everything after.
 */
const SERIAL_WRITES = 'serial-activity-writes';

/**
 * The rules changed while cases ran (RuleChange in rules.ts) apply from their patch on: a history
 * recorded before one replays under the old rule. Only handlers and the main loop ask; update
 * validators run live only, where every patch applies, so they check against every rule.
 */
const laws: Applies = (change) => patched(change);

/** A registration never arriving means the start was not made through the API. */
const REGISTRATION_TIMEOUT = '1 day';

/** Update ids remembered across continue-as-new, so a command repeated after a lost answer is applied once. */
const RECENT_UPDATE_IDS = 500;

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView | null> {
  const { caseId, policy } = input;
  let state: CaseState | undefined = input.state;
  /**
   * What `state` shows: made once for each state adopted (adopt), not for each reader. Only the
   * fired keys change without adopt (markFired), and the view does not show them.
   */
  let shown: CaseView | undefined = state && viewOf(state, policy, laws);
  const lock = new Mutex();
  /**
   * Update ids of the commands applied lately, in this run and the ones before (Temporal itself
   * deduplicates an id only within a run, and not the API's resends, which carry a suffix).
   */
  const recentUpdateIds = [...(input.recentUpdateIds ?? [])];
  const appliedUpdateIds = new Set(recentUpdateIds);
  const commandIdentity = (id: string) => id.split(UPDATE_ATTEMPT_SEPARATOR)[0];
  /**
   * Set when the run has decided to continue as new: new commands are refused (not accepted, so
   * not in history) until it has, or a steady stream of them would keep it from ever finishing its
   * handlers, and its history would grow until the server terminates it. The API sends them again.
   */
  let continuing = false;
  /** The sequence number at which a due action could not be written; it is tried again after the next change. */
  let failedActionAt: number | undefined;

  const fail = (type: CaseErrorType, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

  const now = () => new Date().toISOString();

  /** Makes a state the case's state, with the view made of it for the command that produced it. */
  function adopt(next: CaseState, view: CaseView) {
    state = next;
    shown = view;
  }

  /** A reminder or escalation written (or given up on): the view shows no fired keys, so it stays. */
  function markFired(key: string) {
    state = { ...state!, fired: [...state!.fired, key] };
  }

  /** The search attributes of the case as it is now. */
  function publishSearchAttributes() {
    if (input.searchAttributes === false) return;
    const view = shown!;
    const searchable = searchableNextDeadline(state!, policy, laws);
    upsertSearchAttributes([
      { key: searchAttributes.status, value: view.status },
      { key: searchAttributes.unitId, value: view.appointment?.unitId ?? null },
      { key: searchAttributes.coordinatorId, value: view.appointment?.coordinatorId ?? null },
      // Not the view's next deadline: the birth and the 18th birthday would show in clear text.
      { key: searchAttributes.nextDeadline, value: searchable ? new Date(searchable) : null },
    ]);
  }

  function pruneFired(next: CaseState): CaseState {
    const live = liveAlertKeys(next, policy, laws);
    return { ...next, fired: next.fired.filter((k) => live.has(k)) };
  }

  /**
   * Writes an accepted transition and, once PostgreSQL holds it, adopts it as the case's state.
   * Called only under the lock. Its view is made once, here: written to the projection, adopted
   * with the state, and returned as the answer to the command that produced it.
   */
  async function commit(next: CaseState, event: CaseEvent, actor: string, requestId: string | undefined, letter?: LetterRef) {
    const written = pruneFired(next);
    const facts = letter ? letterFacts(written, letter.id, letter.kind, letter.on) : undefined;
    const { state: kept, texts } = splitTexts(written);
    const view = viewOf(kept, policy, laws);
    const write: PersistCaseInput = { caseId, seq: kept.seq, event: { ...event, actor, requestId }, view, letter: facts, texts };
    try {
      await db.persistCase(write);
    } catch (err) {
      throw refusedWrite(err);
    }
    adopt(kept, view);
    publishSearchAttributes();
    return view;
  }

  /** A write the database refused for good fails the command; the case stays as it was. */
  function refusedWrite(err: unknown): unknown {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === WriteRefused.ForeignReference) {
      return fail(CaseErrorType.ForeignReference, cause.message);
    }
    if (cause instanceof ApplicationFailure && cause.type === WriteRefused.Unrecordable) {
      return fail(CaseErrorType.Unrecordable, `the command could not be recorded: ${cause.message}`);
    }
    return err;
  }

  setHandler(caseState, () => shown ?? null);

  /** The registered case, or the rule that refuses the request (its dates contradict each other). */
  const register = (request: CaseRequest, newId: () => string = uuid4, applies: Applies = laws) => {
    if (state) throw fail(CaseErrorType.AlreadyRegistered, 'the request for this case is already registered');
    const created = createCase(caseId, request, now(), input.municipality, { newId, applies });
    if (!created.ok) throw fail(CaseErrorType.InvalidTransition, created.message);
    return created;
  };

  setHandler(
    registerRequest,
    async ({ actor, requestId, command: request }) => {
      if (!patched(SERIAL_WRITES)) return legacyRegister(actor, requestId, register(request, uuid4, () => false));
      return lock.runExclusive(async () => {
        const created = register(request);
        return commit(created.state, created.event, actor, requestId, created.letter);
      });
    },
    { validator: ({ command: request }: Envelope<CaseRequest>) => void register(request, () => 'validation', everyRule) },
  );

  for (const [type, update] of Object.entries(commandUpdates)) {
    const toCommand = (command: object) => ({ ...command, type }) as CaseCommand;
    // The validator must not draw from the workflow's random source: validators do not run on
    // replay, so ids drawn there would shift every later id and break determinism.
    const check = (command: CaseCommand, newId: () => string = uuid4, applies: Applies = laws) => {
      if (!state) throw fail(CaseErrorType.NotRegistered, 'the case has no registered request yet');
      const result = transition(state, command, { at: now(), policy, newId, applies });
      if (!result.ok) throw fail(CaseErrorType.InvalidTransition, result.message);
      return result;
    };
    const repeated = () => {
      const id = currentUpdateInfo()?.id;
      return id !== undefined && appliedUpdateIds.has(commandIdentity(id));
    };
    setHandler(
      update as typeof commandUpdates.recordConsent,
      async ({ actor, requestId, command, expectedVersion }: Envelope<object>) => {
        if (!patched(SERIAL_WRITES)) return legacyCommand(check(toCommand(command)), type, actor, requestId);
        return lock.runExclusive(async () => {
          // Applied already (in an earlier run, or as an earlier attempt): answered with the case as it is.
          if (repeated()) return shown!;
          // Made against a version an earlier command has since moved the case on from.
          checkVersion(expectedVersion);
          // Checked again here, against the state every earlier command left.
          const result = check(toCommand(command));
          const view = await commit(result.state, result.event, actor, requestId, result.letter);
          log.info('command applied', { caseId, command: type, seq: view.version, requestId });
          rememberUpdateId(currentUpdateInfo()?.id);
          return view;
        });
      },
      {
        validator: ({ command, expectedVersion }: Envelope<object>) => {
          if (continuing) throw fail(CaseErrorType.ContinuingAsNew, 'the case is continuing as new; send the command again');
          if (repeated()) return;
          checkVersion(expectedVersion);
          check(toCommand(command), () => 'validation', everyRule);
        },
      },
    );
  }

  /** If-Match: a command made against an older version of the case is refused, not applied over what changed. */
  function checkVersion(expected: number | undefined) {
    if (expected === undefined || !state || state.seq === expected) return;
    throw fail(CaseErrorType.VersionMismatch, `the case is at version ${state.seq}, not ${expected}: read it again and decide anew`);
  }

  function rememberUpdateId(id: string | undefined) {
    if (id === undefined) return;
    const identity = commandIdentity(id);
    recentUpdateIds.push(identity);
    appliedUpdateIds.add(identity);
    if (recentUpdateIds.length > RECENT_UPDATE_IDS) {
      for (const old of recentUpdateIds.splice(0, recentUpdateIds.length - RECENT_UPDATE_IDS)) appliedUpdateIds.delete(old);
    }
  }

  // A signal has no caller to answer: a refusal (another coordinator's case, a repeated
  // fan-out, a write the database refused) is logged and changes nothing.
  setHandler(coordinatorAbsent, async ({ actor, requestId, command }) => {
    if (!patched(SERIAL_WRITES)) return legacyAbsence(actor, requestId, command);
    await lock.runExclusive(async () => {
      if (!state) return;
      const result = transition(state, { ...command, type: 'recordAbsence' }, { at: now(), policy, newId: uuid4, applies: laws });
      if (!result.ok) {
        log.info('absence signal not applied', { caseId, reason: result.message });
        return;
      }
      try {
        await commit(result.state, result.event, actor, requestId, result.letter);
      } catch (err) {
        log.warn('absence signal not recorded', { caseId, reason: (err as Error).message });
      }
    });
  });

  if (!(await condition(() => state !== undefined, REGISTRATION_TIMEOUT))) return null;

  // A closed case stays for complaints about its closure (rule law-complaint-after-closure); a
  // run recorded before the rule ended at the closure.
  while (state!.status !== 'closed' || openForComplaints(state!)) {
    if (shouldContinueAsNew()) {
      continuing = true;
      await condition(allHandlersFinished);
      return continueAsNew<typeof caseWorkflow>({ ...input, state: state!, recentUpdateIds });
    }
    const seen = state!.seq;
    const wakeAt = nextWake(state!);
    const wait = wakeAt === undefined ? undefined : Math.max(0, Date.parse(wakeAt) - Date.now());
    const changed = wait === undefined ? await condition(() => state!.seq !== seen) : await condition(() => state!.seq !== seen, wait);
    if (changed || wakeAt === undefined) continue;
    if (patched(SERIAL_WRITES)) await lock.runExclusive(() => runDue(Math.max(Date.now(), Date.parse(wakeAt))));
    else await legacyRunDue(wakeAt);
  }

  await condition(allHandlersFinished);
  return shown!;

  /**
   * Whether a closed case still takes complaints about its closure: within a year of it, and for
   * as long as a complaint awaits its outcome.
   */
  function openForComplaints(s: CaseState): boolean {
    if (!laws('law-complaint-after-closure')) return false;
    return complaintPending(s) || Date.now() < Date.parse(closureComplaintsUntil(s) ?? s.registeredAt);
  }

  /** When the workflow must wake next: the earliest reminder, escalation or due action, or the end of a closed case's time for complaints. */
  function nextWake(s: CaseState): string | undefined {
    const alert = pendingAlerts(s, policy, laws)[0];
    const action = failedActionAt === s.seq ? undefined : dueActions(s, laws)[0];
    // While a complaint is pending, only its outcome (a new command) moves the case on.
    const complaintsEnd = s.status === 'closed' && !complaintPending(s) ? closureComplaintsUntil(s) : undefined;
    return [alert?.at, action?.at, complaintsEnd].filter((t): t is string => t !== undefined).sort()[0];
  }

  /** Under the lock: the due action (leave ends, closure at 18) or else the due reminder, as the state now is. */
  async function runDue(nowMs: number) {
    const action = failedActionAt === state!.seq ? undefined : dueActions(state!, laws)[0];
    if (action && Date.parse(action.at) <= nowMs) {
      const result = transition(state!, action.command, { at: now(), policy, newId: uuid4, applies: laws });
      try {
        if (!result.ok) throw new Error(result.message);
        await commit(result.state, result.event, 'system', undefined, result.letter);
      } catch (err) {
        log.warn('due action not applied', { caseId, action: action.command.type, reason: (err as Error).message });
        failedActionAt = state!.seq;
      }
      return;
    }
    const alert = pendingAlerts(state!, policy, laws)[0];
    if (!alert || Date.parse(alert.at) > nowMs) return;
    try {
      await db.recordAlert(alertRow(alert));
    } catch (err) {
      // Marked as fired all the same: a reminder the database refuses must not keep the case awake.
      log.warn('deadline alert not recorded', { caseId, reason: (err as Error).message });
    }
    markFired(alert.key);
  }

  /** The outbox row of a reminder or escalation that falls due now. */
  function alertRow(alert: Alert): AlertInput {
    return { key: alert.key, caseId, level: alert.level, kind: alert.deadline.kind, recipient: alert.recipient, dueAt: alert.deadline.dueAt, firedAt: now() };
  }

  // ---- The path of runs begun before SERIAL_WRITES: kept so that their histories replay. ----

  /**
   * This path adopted a state before writing it, and published the search attributes of the case
   * as it was once the write returned (a later command may have been adopted meanwhile): both kept.
   * The view is made once, on adoption; the caller gets the one its own command produced.
   */
  async function legacyPersist(next: CaseState, event: CaseEvent, actor: string, requestId: string | undefined, letter?: LetterRef) {
    const view = viewOf(next, policy, laws);
    adopt(next, view);
    await legacyWrites().persistCase({
      caseId,
      seq: next.seq,
      event: { ...event, actor, requestId },
      view,
      letter: letter ? letterFacts(next, letter.id, letter.kind, letter.on) : undefined,
    });
    publishSearchAttributes();
    return view;
  }

  async function legacyAdopt(result: Extract<TransitionResult, { ok: true }>, actor: string, requestId: string | undefined) {
    return legacyPersist(pruneFired(result.state), result.event, actor, requestId, result.letter);
  }

  async function legacyRegister(actor: string, requestId: string | undefined, created: { state: CaseState; event: CaseEvent }) {
    return legacyPersist(created.state, created.event, actor, requestId);
  }

  async function legacyCommand(result: Extract<TransitionResult, { ok: true }>, type: string, actor: string, requestId: string | undefined) {
    log.info('command applied', { caseId, command: type, seq: result.state.seq, requestId });
    return legacyAdopt(result, actor, requestId);
  }

  async function legacyAbsence(actor: string, requestId: string | undefined, command: Omit<RecordAbsence, 'type'>) {
    if (!state) return;
    const result = transition(state, { ...command, type: 'recordAbsence' }, { at: now(), policy, newId: uuid4, applies: laws });
    if (!result.ok) {
      log.info('absence signal not applied', { caseId, reason: result.message });
      return;
    }
    await legacyAdopt(result, actor, requestId);
  }

  async function legacyRunDue(wakeAt: string) {
    const alert = pendingAlerts(state!, policy, laws)[0];
    const action = dueActions(state!, laws)[0];
    if (action && action.at === wakeAt) {
      const result = transition(state!, action.command, { at: now(), policy, newId: uuid4, applies: laws });
      if (result.ok) await legacyAdopt(result, 'system', undefined);
      return;
    }
    if (!alert) return;
    await legacyWrites().recordAlert(alertRow(alert));
    markFired(alert.key);
  }
}

/**
 * A run lasts at most a year. With few events a year of follow-up would let a run live a decade;
 * a yearly run keeps the history a case replays when it wakes uncached short, and stays clear of
 * any run timeout (the time-skipping test server gives every run ten years).
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
