import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { caseWorkflow } from '../../workflows/case/workflow';
import { CASE_WORKFLOW_TYPE, REGISTER_UPDATE_ID, caseWorkflowId, registerRequest } from '../../workflows/case/messages';
import { actorOf } from '../actor';
import { conflict } from '../errors';
import { listAccess, listCases, listEvents, requireCase } from '../read-model';
import { CASE_READ, scopeOf } from '../plugins/auth';
import { idempotencyHeaders, accessLogEntry, accessLogQuery, asViewBody, caseEvent, idParams, caseListQuery, caseRequestBody, caseSummary, caseView, errorBody, reasonHeaders } from '../schemas';


const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/cases',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['cases'],
        summary: 'Register a request for a barnekoordinator; starts the case',
        headers: idempotencyHeaders,
        body: caseRequestBody,
        response: { 201: caseView, 400: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { municipality } = scopeOf(request);
      const key = request.headers['idempotency-key'];
      const caseId = key ? await claimIdempotencyKey(`${municipality}:${key}`, request.body) : randomUUID();
      const envelope = { actor: actorOf(request), requestId: request.id, command: request.body };
      await app.logCaseAccess(request, caseId, 'change', true);
      try {
        // Start (or find) the workflow, then register: the fixed update id makes a repeat return
        // the first answer. Two calls rather than update-with-start, which not every Temporal
        // server (e.g. the time-skipping test server) supports.
        const handle = await app.temporal.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
          workflowId: caseWorkflowId(caseId),
          taskQueue: app.taskQueue,
          args: [{ caseId, municipality, policy: app.policy, searchAttributes: app.searchAttributes }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        const view = await handle.executeUpdate(registerRequest, { args: [envelope], updateId: REGISTER_UPDATE_ID });
        return reply.status(201).send(asViewBody(view));
      } catch (err) {
        // A replayed request whose first registration has left the update registry.
        if (key && err instanceof WorkflowUpdateFailedError) return reply.status(201).send(asViewBody(await requireCase(app.pg, caseId)));
        throw err;
      }
    },
  );

  /** One key, one case: the first request wins; the same key with another body is a conflict. */
  async function claimIdempotencyKey(key: string, body: unknown): Promise<string> {
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    await app.pg.query(
      'INSERT INTO case_requests (idempotency_key, case_id, body_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [key, randomUUID(), hash],
    );
    const { rows } = await app.pg.query('SELECT case_id, body_hash FROM case_requests WHERE idempotency_key = $1', [key]);
    if (rows[0].body_hash !== hash) throw conflict('this Idempotency-Key was already used for a different request');
    return rows[0].case_id;
  }

  app.get(
    '/cases',
    {
      config: { access: { roles: ['ke', 'coordinator'] } },
      schema: {
        tags: ['cases'],
        summary: "List cases, optionally by status, unit or coordinator: KE sees the municipality's, a coordinator their own",
        querystring: caseListQuery,
        response: { 200: z.object({ cases: z.array(caseSummary) }) },
      },
    },
    async (request) => ({ cases: await listCases(app.pg, scopeOf(request), request.query) }),
  );

  app.get(
    '/cases/:id',
    { config: { access: CASE_READ }, schema: { tags: ['cases'], summary: 'One case', params: idParams, headers: reasonHeaders, response: { 200: caseView, 400: errorBody, 404: errorBody } } },
    async (request) => asViewBody(await requireCase(app.pg, request.params.id)),
  );

  app.get(
    '/cases/:id/events',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        summary: 'The event log of a case: who did what, when',
        params: idParams,
        headers: reasonHeaders,
        response: { 200: z.object({ events: z.array(caseEvent) }), 400: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ events: await listEvents(app.pg, request.params.id) }),
  );

  app.get(
    '/cases/:id/access-log',
    {
      config: { access: { roles: ['ke'], case: 'read' } },
      schema: {
        tags: ['cases'],
        summary: 'Who read or changed the case, when, through which endpoint and why: the log the family may see',
        params: idParams,
        headers: reasonHeaders,
        querystring: accessLogQuery,
        response: { 200: z.object({ entries: z.array(accessLogEntry) }), 400: errorBody, 404: errorBody },
      },
    },
    async (request) => ({ entries: await listAccess(app.pg, request.params.id, request.query) }),
  );
};

export default caseRoutes;
