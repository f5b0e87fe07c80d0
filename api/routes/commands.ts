/**
 * The commands on a case. Each is a workflow update: validated, applied, persisted, answered.
 *
 * A route is its command's schema (workflows/case/commands.ts) less the ids that come from the
 * path; the table below is keyed by command, so a command without a route, or a route whose body
 * does not match its command, is a type error.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { commandSchemas, closureReason, id, type CommandFields } from '../../workflows/case/commands';
import { CaseErrorType, UPDATE_ATTEMPT_SEPARATOR, caseWorkflowId, commandUpdates, type CallerCommand, type CaseView, type Envelope } from '../../workflows/case/messages';
import { actorOf } from '../actor';
import { caseView } from '../case-view';
import { badRequest, conflict } from '../errors';
import { ifMatchHeaders, setVersionTag, versionExpected } from '../versions';
import { principalOf, scopeOf } from '../plugins/auth';
import type { Role } from '../../lib/auth';

/** Fields of a command that come from the path, not the body. */
type PathField = 'complaintId' | 'meetingId' | 'taskId';

interface CommandRoute<K extends CallerCommand> {
  url: string;
  /** Who may give the command: KE, or also the case's coordinator (the follow-up). */
  roles: readonly Role[];
  summary: string;
  /** The command's fields named in the path (after the case id). */
  fromPath?: Extract<keyof CommandFields<K>, PathField>;
  /** A body narrower than the command, where a caller may give less than the workflow itself can. */
  body?: z.ZodType<Omit<CommandFields<K>, PathField>>;
}

const KE = ['ke'] as const;
const FOLLOW_UP = ['ke', 'coordinator'] as const;

const ROUTES: { [K in CallerCommand]: CommandRoute<K> } = {
  recordConsent: { url: '/cases/:id/consents', roles: KE, summary: 'Record a consent (samtykke)' },
  withdrawConsent: { url: '/cases/:id/consents/withdrawal', roles: KE, summary: 'Withdraw consent' },
  scheduleKartlegging: { url: '/cases/:id/kartlegging/schedule', roles: KE, summary: 'Schedule the kartleggingssamtale' },
  recordInterview: { url: '/cases/:id/kartlegging', roles: KE, summary: 'Record the held kartleggingssamtale' },
  recordAssessment: { url: '/cases/:id/kartlegging/assessment', roles: KE, summary: "Record KE's assessment of the three legal conditions" },
  recordDecision: { url: '/cases/:id/decision', roles: KE, summary: 'Record the written decision; produces the letter' },
  registerComplaint: { url: '/cases/:id/complaints', roles: KE, summary: 'Register a complaint (klage)' },
  recordComplaintOutcome: {
    url: '/cases/:id/complaints/:complaintId/outcome',
    roles: KE,
    summary: 'Reverse, forward to Statsforvalteren, or record its outcome',
    fromPath: 'complaintId',
  },
  appoint: { url: '/cases/:id/appointment', roles: KE, summary: 'Appoint the unit and its barnekoordinator, or change coordinator' },
  recordKickOff: { url: '/cases/:id/kick-off', roles: FOLLOW_UP, summary: 'Record the oppstartsamtale' },
  establishAnsvarsgruppe: { url: '/cases/:id/ansvarsgruppe', roles: FOLLOW_UP, summary: 'Establish the ansvarsgruppe (needs consent to share information)' },
  planMeeting: { url: '/cases/:id/meetings', roles: FOLLOW_UP, summary: 'Plan an extra ansvarsgruppemøte' },
  moveMeeting: { url: '/cases/:id/meetings/:meetingId/move', roles: FOLLOW_UP, summary: 'Move a planned meeting', fromPath: 'meetingId' },
  cancelMeeting: { url: '/cases/:id/meetings/:meetingId/cancellation', roles: FOLLOW_UP, summary: 'Cancel a planned meeting', fromPath: 'meetingId' },
  recordMeeting: { url: '/cases/:id/meetings/:meetingId/held', roles: FOLLOW_UP, summary: 'Record that a meeting was held', fromPath: 'meetingId' },
  recordMinutes: { url: '/cases/:id/meetings/:meetingId/minutes', roles: FOLLOW_UP, summary: 'Record that the referat is written', fromPath: 'meetingId' },
  setIndividualPlanStatus: { url: '/cases/:id/individual-plan', roles: FOLLOW_UP, summary: 'Status of the individuell plan' },
  registerBirth: { url: '/cases/:id/birth', roles: FOLLOW_UP, summary: 'Register the birth of an unborn child' },
  completeTask: {
    url: '/cases/:id/tasks/:taskId/completion',
    roles: FOLLOW_UP,
    summary: 'Mark a task (inform the family, inform collaborators) done',
    fromPath: 'taskId',
  },
  extendCase: { url: '/cases/:id/extension', roles: KE, summary: 'Continue the case past 18 (up to 25)' },
  closeCase: {
    url: '/cases/:id/closure',
    roles: KE,
    summary: 'Close the case with a reason; produces a letter',
    // The service itself closes at the age limit; a caller gives one of the other reasons.
    body: commandSchemas.closeCase.extend({ reason: closureReason.exclude(['age_limit']) }),
  },
};

/** The body a route takes: its own, or the command's schema less the path's ids. */
function bodyOf(name: CallerCommand): z.ZodType {
  const route: CommandRoute<CallerCommand> = ROUTES[name];
  if (route.body) return route.body;
  const schema: z.ZodObject = commandSchemas[name];
  const body = route.fromPath ? schema.omit({ [route.fromPath]: true } as Record<string, true>) : schema;
  // A command without fields may be sent without a body.
  return Object.keys(body.shape).length === 0 ? body.default({}) : body;
}

const paramsOf = (name: CallerCommand) => {
  const field: string | undefined = ROUTES[name].fromPath;
  return field ? z.strictObject({ id, [field]: id }) : z.strictObject({ id });
};

const commandRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Checks a command needs against the registry before it reaches the case. */
  const checks: { [K in CallerCommand]?: (fields: CommandFields<K>, municipality: string) => Promise<void> } = {
    appoint: async ({ unitId, coordinatorId }, municipality) => {
      if (!(await app.registry.unitExists(municipality, unitId))) throw badRequest(`unitId: no unit ${unitId}`);
      const unitOfCoordinator = await app.registry.unitOfCoordinator(municipality, coordinatorId);
      if (unitOfCoordinator === undefined) throw badRequest(`coordinatorId: no coordinator ${coordinatorId}`);
      if (unitOfCoordinator !== unitId) throw conflict(`coordinator ${coordinatorId} does not belong to unit ${unitId}`);
    },
  };

  /**
   * One Idempotency-Key, one command: the caller's key (per municipality and token subject) is
   * recorded with the command, the case and a hash of the body before the update is sent. The
   * same command again is the same update (its id is derived from the scope and the key), so
   * Temporal answers it with the first result; the key with another command, case or body is
   * refused, rather than answered with the first command's result while the second is dropped.
   */
  async function updateIdFor(request: FastifyRequest, name: CallerCommand, caseId: string, command: object, key: string): Promise<string> {
    const { municipality } = scopeOf(request);
    const { subject } = principalOf(request);
    const hash = createHash('sha256').update(canonicalJson(command)).digest('hex');
    const scope = [municipality, subject, key];
    const first = await app.commandRequests.claimCommand({ municipality, subject, key }, { command: name, caseId, bodyHash: hash });
    if (first.caseId !== caseId) throw conflict('this Idempotency-Key was already used for a command on another case');
    if (first.command !== name) {
      const url = ROUTES[first.command as CallerCommand]?.url ?? first.command;
      throw conflict(`this Idempotency-Key was already used for another command (POST ${url})`);
    }
    if (first.bodyHash !== hash) throw conflict('this Idempotency-Key was already used for a different request');
    return `${name}:${createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 40)}`;
  }

  /**
   * A complaint registered without familyLearnedOn: the family learned of the decision when the
   * letter about it reached them (its receipt, letter_deliveries), or when they complained if
   * that was earlier (a printed letter's receipt is presumed, and they evidently had it). Without
   * a receipt the workflow's default stands: the decision's date.
   */
  async function learnedFromReceipt(caseId: string, command: CommandFields<'registerComplaint'>): Promise<CommandFields<'registerComplaint'>> {
    if (command.familyLearnedOn !== undefined) return command;
    const receipt = await app.letters.decisionReceipt(caseId);
    if (!receipt) return command;
    return { ...command, familyLearnedOn: receipt < command.receivedOn ? receipt : command.receivedOn };
  }

  /** Whether a failed update met a case that has closed since the access check let the command through. */
  async function closedMeanwhile(err: unknown, caseId: string): Promise<boolean> {
    // The client's answer for an update on a completed workflow: NOT_FOUND, "workflow execution already
    // completed"; or, for one accepted as it completed, AcceptedUpdateCompletedWorkflow.
    if (!endedRunRefused(err)) return false;
    return (await app.cases.status(caseId)) === 'closed';
  }

  /** Sends the command to the case's workflow; resends it when it met the end of a run. */
  async function execute(name: CallerCommand, caseId: string, envelope: Envelope<object>, updateId: string): Promise<CaseView> {
    const handle = app.temporal.workflow.getHandle(caseWorkflowId(caseId));
    // The one place the command's type is widened: the body was validated against this command's schema.
    const update = commandUpdates[name] as typeof commandUpdates.recordConsent;
    for (let attempt = 1; ; attempt++) {
      try {
        // A resend is a new update to Temporal (the ended run's outcome stays with the first id);
        // the workflow knows it as the same command by the part before '#'.
        const id = attempt === 1 ? updateId : `${updateId}${UPDATE_ATTEMPT_SEPARATOR}${attempt}`;
        return await handle.executeUpdate(update, { args: [envelope as Envelope<CommandFields<'recordConsent'>>], updateId: id });
      } catch (err) {
        // Closed between the access check and the update: the workflow has completed.
        if (await closedMeanwhile(err, caseId)) throw conflict('the case is closed');
        // Admitted or accepted in the workflow task in which the case continued as new: the run
        // closed before the command reached the lock, so nothing of it was written. Sent again, to the new run.
        if (endedRunRefused(err) && attempt < MAX_UPDATE_ATTEMPTS) continue;
        // Refused (not written) while the case drains its commands to continue as new: a moment later the new run takes it.
        if (continuingAsNew(err) && attempt < MAX_UPDATE_ATTEMPTS) {
          await setTimeout(100 * attempt);
          continue;
        }
        throw err;
      }
    }
  }

  for (const name of Object.keys(ROUTES) as CallerCommand[]) {
    const route = ROUTES[name];
    app.post(
      route.url,
      {
        config: { access: { roles: route.roles, case: 'change' }, ifMatch: true },
        schema: {
          operationId: name,
          tags: ['cases'],
          summary: route.summary,
          params: paramsOf(name),
          headers: ifMatchHeaders,
          body: bodyOf(name),
          response: { 200: caseView },
        },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const params = request.params as Record<string, string>;
        const body = request.body as Record<string, unknown>;
        // A closed case takes only a complaint about its closure and the complaint's outcomes, for
        // a year (rule law-complaint-after-closure); after that its workflow has completed.
        if (request.caseStatus === 'closed' && !AFTER_CLOSURE.has(name)) throw conflict('the case is closed');
        const fromPath: string | undefined = route.fromPath;
        const command = fromPath ? { ...body, [fromPath]: params[fromPath] } : body;
        await (checks[name] as ((fields: object, municipality: string) => Promise<void>) | undefined)?.(command, scopeOf(request).municipality);
        const expectedVersion = versionExpected(request);
        // With an Idempotency-Key the update id is derived from the caller's key, so a command
        // repeated after a lost answer is the same update: Temporal returns the first result and
        // applies it once. Without a key the update still gets one id of its own, so that a resend is the same update.
        const key = (request.headers as Record<string, string | undefined>)['idempotency-key'];
        const updateId = key ? await updateIdFor(request, name, params.id, command, key) : randomUUID();
        const given = name === 'registerComplaint' ? await learnedFromReceipt(params.id, command as CommandFields<'registerComplaint'>) : command;
        const view = await execute(name, params.id, { actor: actorOf(request), requestId: request.id, command: given, expectedVersion }, updateId);
        // The case as this command left it. The reasons of decisions and complaint outcomes are
        // kept in PostgreSQL (case_texts) and served by GET /cases/{id}, not re-read for every answer.
        setVersionTag(reply, view.version);
        return view;
      },
    );
  }
};

/** The commands a closed case takes while its workflow waits for complaints (workflows/case/state.ts). */
const AFTER_CLOSURE: ReadonlySet<CallerCommand> = new Set(['registerComplaint', 'recordComplaintOutcome']);

/** How often a command met by a run's end is sent again (the waits add up to about 4.5 s). */
const MAX_UPDATE_ATTEMPTS = 10;

function continuingAsNew(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === CaseErrorType.ContinuingAsNew;
}

/**
 * An update that met the end of its run: NOT_FOUND ("workflow execution already completed", or
 * "workflow update was aborted by closing workflow") or AcceptedUpdateCompletedWorkflow. The case
 * exists (the access check found it), so its run has either closed the case or continued as new.
 */
function endedRunRefused(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'AcceptedUpdateCompletedWorkflow';
}

/** JSON with the keys of every object sorted: the same body hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export default commandRoutes;
