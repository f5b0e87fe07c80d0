/** The commands on a case. Each is a workflow update: validated, applied, persisted, answered. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { CaseErrorType, UPDATE_ATTEMPT_SEPARATOR, caseWorkflowId, commandUpdates, type CaseView, type Envelope } from '../../workflows/case/messages';
import { actorOf } from '../actor';
import { badRequest, conflict } from '../errors';
import { principalOf, scopeOf } from '../plugins/auth';
import type { Role } from '../../lib/auth';
import {
  ansvarsgruppeBody,
  birthBody,
  closureBody,
  emptyBody,
  extensionBody,
  individualPlanBody,
  kickOffBody,
  meetingBody,
  meetingHeldBody,
  meetingParams,
  minutesBody,
  taskDoneBody,
  taskParams,
  appointmentBody,
  asViewBody,
  assessmentBody,
  idParams,
  idempotencyHeaders,
  caseView,
  complaintBody,
  complaintOutcomeBody,
  complaintParams,
  consentBody,
  decisionBody,
  interviewBody,
  scheduleBody,
  withdrawalBody,
} from '../schemas';

type CommandName = keyof typeof commandUpdates;

interface CommandRoute {
  url: string;
  /** Who may give the command: KE, or also the case's coordinator (the follow-up). */
  roles: readonly Role[];
  update: CommandName;
  body: ZodType;
  summary: string;
  params?: ZodType;
  /** Extra command fields from the path, e.g. the complaint id. */
  fromParams?: (params: Record<string, string>) => Record<string, string>;
}

const KE = ['ke'] as const;
const FOLLOW_UP = ['ke', 'coordinator'] as const;

const meeting = { params: meetingParams, fromParams: (p: Record<string, string>) => ({ meetingId: p.meetingId }) };

const ROUTES: CommandRoute[] = [
  { url: '/cases/:id/consents', update: 'recordConsent', roles: KE, body: consentBody, summary: 'Record a consent (samtykke)' },
  { url: '/cases/:id/consents/withdrawal', update: 'withdrawConsent', roles: KE, body: withdrawalBody, summary: 'Withdraw consent' },
  { url: '/cases/:id/kartlegging/schedule', update: 'scheduleKartlegging', roles: KE, body: scheduleBody, summary: 'Schedule the kartleggingssamtale' },
  { url: '/cases/:id/kartlegging', update: 'recordInterview', roles: KE, body: interviewBody, summary: 'Record the held kartleggingssamtale' },
  { url: '/cases/:id/kartlegging/assessment', update: 'recordAssessment', roles: KE, body: assessmentBody, summary: "Record KE's assessment of the three legal conditions" },
  { url: '/cases/:id/decision', update: 'recordDecision', roles: KE, body: decisionBody, summary: 'Record the written decision; produces the letter' },
  { url: '/cases/:id/complaints', update: 'registerComplaint', roles: KE, body: complaintBody, summary: 'Register a complaint (klage)' },
  {
    url: '/cases/:id/complaints/:complaintId/outcome',
    update: 'recordComplaintOutcome',
    roles: KE,
    body: complaintOutcomeBody,
    summary: 'Reverse, forward to Statsforvalteren, or record its outcome',
    params: complaintParams,
    fromParams: (p) => ({ complaintId: p.complaintId }),
  },
  { url: '/cases/:id/appointment', update: 'appoint', roles: KE, body: appointmentBody, summary: 'Appoint the unit and its barnekoordinator, or change coordinator' },
  { url: '/cases/:id/kick-off', update: 'recordKickOff', roles: FOLLOW_UP, body: kickOffBody, summary: 'Record the oppstartsamtale' },
  { url: '/cases/:id/ansvarsgruppe', update: 'establishAnsvarsgruppe', roles: FOLLOW_UP, body: ansvarsgruppeBody, summary: 'Establish the ansvarsgruppe (needs consent to share information)' },
  { url: '/cases/:id/meetings', update: 'planMeeting', roles: FOLLOW_UP, body: meetingBody, summary: 'Plan an extra ansvarsgruppemøte' },
  { url: '/cases/:id/meetings/:meetingId/move', update: 'moveMeeting', roles: FOLLOW_UP, body: meetingBody, summary: 'Move a planned meeting', ...meeting },
  { url: '/cases/:id/meetings/:meetingId/cancellation', update: 'cancelMeeting', roles: FOLLOW_UP, body: emptyBody, summary: 'Cancel a planned meeting', ...meeting },
  { url: '/cases/:id/meetings/:meetingId/held', update: 'recordMeeting', roles: FOLLOW_UP, body: meetingHeldBody, summary: 'Record that a meeting was held', ...meeting },
  { url: '/cases/:id/meetings/:meetingId/minutes', update: 'recordMinutes', roles: FOLLOW_UP, body: minutesBody, summary: 'Record that the referat is written', ...meeting },
  { url: '/cases/:id/individual-plan', update: 'setIndividualPlanStatus', roles: FOLLOW_UP, body: individualPlanBody, summary: 'Status of the individuell plan' },
  { url: '/cases/:id/birth', update: 'registerBirth', roles: FOLLOW_UP, body: birthBody, summary: 'Register the birth of an unborn child' },
  {
    url: '/cases/:id/tasks/:taskId/completion',
    update: 'completeTask',
    roles: FOLLOW_UP,
    body: taskDoneBody,
    summary: 'Mark a task (inform the family, inform collaborators) done',
    params: taskParams,
    fromParams: (p) => ({ taskId: p.taskId }),
  },
  { url: '/cases/:id/extension', update: 'extendCase', roles: KE, body: extensionBody, summary: 'Continue the case past 18 (up to 25)' },
  { url: '/cases/:id/closure', update: 'closeCase', roles: KE, body: closureBody, summary: 'Close the case with a reason; produces a letter' },
];

const commandRoutes: FastifyPluginAsyncZod = async (app) => {
  const checks: Partial<Record<CommandName, (body: Record<string, string>, municipality: string) => Promise<void>>> = {
    appoint: async ({ unitId, coordinatorId }, municipality) => {
      const unit = await app.pg.query('SELECT 1 FROM units WHERE id = $1 AND municipality = $2', [unitId, municipality]);
      if (unit.rowCount === 0) throw badRequest(`unitId: no unit ${unitId}`);
      const { rows } = await app.pg.query('SELECT unit_id FROM coordinators WHERE id = $1 AND municipality = $2', [coordinatorId, municipality]);
      if (rows.length === 0) throw badRequest(`coordinatorId: no coordinator ${coordinatorId}`);
      if (rows[0].unit_id !== unitId) throw conflict(`coordinator ${coordinatorId} does not belong to unit ${unitId}`);
    },
  };

  /**
   * One Idempotency-Key, one command: the caller's key (per municipality and token subject) is
   * recorded with the command, the case and a hash of the body before the update is sent. The
   * same command again is the same update (its id is derived from the scope and the key), so
   * Temporal answers it with the first result; the key with another command, case or body is
   * refused, rather than answered with the first command's result while the second is dropped.
   */
  async function updateIdFor(request: FastifyRequest, route: CommandRoute, caseId: string, command: object, key: string): Promise<string> {
    const { municipality } = scopeOf(request);
    const { subject } = principalOf(request);
    const hash = createHash('sha256').update(canonicalJson(command)).digest('hex');
    const scope = [municipality, subject, key];
    await app.pg.query(
      `INSERT INTO command_requests (municipality, subject, idempotency_key, command, case_id, body_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [...scope, route.update, caseId, hash],
    );
    const { rows } = await app.pg.query<{ command: string; case_id: string; body_hash: string }>(
      'SELECT command, case_id, body_hash FROM command_requests WHERE municipality = $1 AND subject = $2 AND idempotency_key = $3',
      scope,
    );
    const first = rows[0];
    if (first.case_id !== caseId) throw conflict('this Idempotency-Key was already used for a command on another case');
    if (first.command !== route.update) {
      const url = ROUTES.find((r) => r.update === first.command)?.url ?? first.command;
      throw conflict(`this Idempotency-Key was already used for another command (POST ${url})`);
    }
    if (first.body_hash !== hash) throw conflict('this Idempotency-Key was already used for a different request');
    return `${route.update}:${createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 40)}`;
  }

  /** Whether a failed update met a case that has closed since the access check let the command through. */
  async function closedMeanwhile(err: unknown, caseId: string): Promise<boolean> {
    // The client's answer for an update on a completed workflow: NOT_FOUND, "workflow execution already
    // completed"; or, for one accepted as it completed, AcceptedUpdateCompletedWorkflow.
    if (!endedRunRefused(err)) return false;
    const { rows } = await app.pg.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]);
    return rows[0]?.status === 'closed';
  }

  for (const route of ROUTES) {
    app.post(
      route.url,
      {
        config: { access: { roles: route.roles, case: 'change' } },
        schema: {
          tags: ['cases'],
          operationId: route.update,
          summary: route.summary,
          params: route.params ?? idParams,
          headers: idempotencyHeaders,
          body: route.body,
          response: { 200: caseView },
        },
      },
      async (request: FastifyRequest) => {
        const params = request.params as Record<string, string>;
        const body = request.body as Record<string, string>;
        // A closed case's workflow has completed; it takes no more commands.
        if (request.caseStatus === 'closed') throw conflict('the case is closed');
        await checks[route.update]?.(body, scopeOf(request).municipality);
        const command = { ...body, ...route.fromParams?.(params) };
        const handle = app.temporal.workflow.getHandle(caseWorkflowId(params.id));
        const update = commandUpdates[route.update] as UpdateDefinition<CaseView, [Envelope<object>]>;
        // With an Idempotency-Key the update id is derived from the caller's key, so a command
        // repeated after a lost answer is the same update: Temporal returns the first result and
        // applies it once.
        const key = (request.headers as Record<string, string | undefined>)['idempotency-key'];
        // Without a key the update still gets one id of its own, so that the resend below is the same update.
        const updateId = key ? await updateIdFor(request, route, params.id, command, key) : randomUUID();
        for (let attempt = 1; ; attempt++) {
          try {
            // A resend is a new update to Temporal (the ended run's outcome stays with the first id);
            // the workflow knows it as the same command by the part before '#'.
            const id = attempt === 1 ? updateId : `${updateId}${UPDATE_ATTEMPT_SEPARATOR}${attempt}`;
            const view = await handle.executeUpdate(update, { args: [{ actor: actorOf(request), requestId: request.id, command }], updateId: id });
            // The case as this command left it. The reasons of decisions and complaint outcomes are
            // kept in PostgreSQL (case_texts) and served by GET /cases/{id}, not re-read for every answer.
            return asViewBody(view);
          } catch (err) {
            // Closed between the access check and the update: the workflow has completed.
            if (await closedMeanwhile(err, params.id)) throw conflict('the case is closed');
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
      },
    );
  }
};

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
