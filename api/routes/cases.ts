import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHash, randomUUID } from 'node:crypto';
import type { caseWorkflow } from '../../workflows/case/workflow';
import { CASE_WORKFLOW_TYPE, REGISTER_UPDATE_ID, caseWorkflowId, registerRequest } from '../../workflows/case/messages';
import { actorOf } from '../actor';
import { conflict, notFound } from '../errors';
import { paged } from '../paging';
import { CASE_READ, principalOf, scopeOf } from '../plugins/auth';
import { accessLog, accessLogQuery, caseList, caseListQuery, eventList, eventListQuery, idParams, idempotencyHeaders, reasonHeaders } from '../schemas';
import { caseRequest } from '../../workflows/case/commands';
import { caseLanguages } from '../../lib/case-language';
import { caseView } from '../case-view';
import { caseLanguage, effectiveLanguage, malformSchema } from './case-language';
import { setVersionTag } from '../versions';

/** The reason the access log gives for a case shown by a search. */
export const SEARCH_REASON = 'søk';
/** The reason the access log gives for a case shown in a list with its child's name (withChild=true). */
export const LIST_REASON = 'liste';

/** A request, and the målform the family asked to be written to in where it is not the municipality's. */
const registration = caseRequest.safeExtend({
  malform: malformSchema
    .optional()
    .describe("The målform the family asked to be written to in; without it the municipality's (PUT /cases/{id}/malform changes it later)"),
});

/** One case, with the målform its letters are written in. */
const caseDetail = caseView
  .extend({ language: caseLanguage })
  .describe('A barnekoordinator case as the workflow holds it, and the målform of its letters')
  .meta({ id: 'CaseDetail' });

const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const languages = caseLanguages(app.pg);

  app.post(
    '/cases',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['cases'],
        operationId: 'registerCase', summary: 'Register a request for a barnekoordinator; starts the case',
        headers: idempotencyHeaders,
        body: registration,
        response: { 201: caseView },
      },
    },
    async (request, reply) => {
      const { municipality } = scopeOf(request);
      const key = request.headers['idempotency-key'];
      const caseId = key ? await claimIdempotencyKey(municipality, principalOf(request).subject, key, request.body) : randomUUID();
      const { malform, ...command } = request.body;
      const envelope = { actor: actorOf(request), requestId: request.id, command };
      await app.logCaseAccess(request, caseId, 'change', true);
      // Beside the workflow, before it writes any letter; a repeat leaves the first choice.
      if (malform) await languages.choose(caseId, malform, principalOf(request).subject, { firstOnly: true });
      /** A repeat answers with the case as the projection has it (201, as the first answer). */
      const registered = () => app.cases.exists(caseId);
      const answerFromProjection = async () => {
        const view = await requireCase(caseId);
        setVersionTag(reply, view.version);
        return reply.status(201).send(view);
      };
      // Start (or find) the workflow, then register: the fixed update id makes a repeat return
      // the first answer. Two calls rather than update-with-start, which not every Temporal
      // server (e.g. the time-skipping test server) supports. A workflow of this id that has
      // completed is a case that was registered and then closed: a repeat must find it, never
      // start it again (REJECT_DUPLICATE), or the closed case would wait for consent anew.
      // The case keeps the policy its municipality had when it was registered.
      const { casePolicy: policy } = await app.municipalities.settings(municipality);
      const start = (reuse: 'REJECT_DUPLICATE' | 'ALLOW_DUPLICATE') =>
        app.temporal.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, {
          workflowId: caseWorkflowId(caseId),
          taskQueue: app.taskQueue,
          args: [{ caseId, municipality, policy, searchAttributes: app.searchAttributes }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: reuse,
        });
      let handle;
      try {
        handle = await start('REJECT_DUPLICATE');
      } catch (err) {
        if (!(key && err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        if (await registered()) return answerFromProjection();
        // Started, never registered, and ended by its registration timeout (the first attempt
        // died between the two calls a day ago): nothing happened in it, so it may start anew.
        handle = await start('ALLOW_DUPLICATE');
      }
      try {
        const view = await handle.executeUpdate(registerRequest, { args: [envelope], updateId: REGISTER_UPDATE_ID });
        setVersionTag(reply, view.version);
        return reply.status(201).send(view);
      } catch (err) {
        // A replayed request whose first registration has left the update registry (a later run
        // of the case), or whose case closed between the two calls.
        if (key && (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) && (await registered())) return answerFromProjection();
        throw err;
      }
    },
  );

  /**
   * One key, one case: the first request wins; the same key with another body is a conflict.
   * Keys are the caller's: per municipality (in the key column, '<municipality>:<key>') and per
   * token subject. A row from before keys had a subject (subject '') still holds its key for
   * every caller of its municipality.
   */
  async function claimIdempotencyKey(municipality: string, subject: string, key: string, body: unknown): Promise<string> {
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const first = await app.commandRequests.claimRegistration(`${municipality}:${key}`, subject, hash);
    if (first.bodyHash !== hash) throw conflict('this Idempotency-Key was already used for a different request');
    return first.caseId;
  }

  /**
   * The case and its målform, read beside the access check (`prefetch`). The check lets a caller
   * read a case only in their own municipality, so the målform is that municipality's.
   */
  function readCase(request: FastifyRequest) {
    const { id } = request.params as { id: string };
    return Promise.all([requireCase(id), effectiveLanguage(app, languages, id, scopeOf(request).municipality)]);
  }

  async function requireCase(id: string) {
    const view = await app.cases.find(id);
    if (!view) throw notFound(`no case ${id}`);
    return view;
  }

  app.get(
    '/cases',
    {
      config: { access: { roles: ['ke', 'coordinator'] } },
      schema: {
        tags: ['cases'],
        operationId: 'listCases',
        summary: "List or search cases, by status, unit, coordinator, the child's name or birth date: KE sees the municipality's, a coordinator their own",
        description:
          "A search (q or birthDate) writes a read with the reason 'søk' to the access log of every case on the page it answers; the search terms are not logged. " +
          "withChild=true gives each case its child's name and birth date, and writes a read with the reason 'liste' (a search's 'søk') to the access log of every case on the page. " +
          'Each such read is written once per case, caller, reason and Oslo day, however often the list is asked for.',
        querystring: caseListQuery,
        response: { 200: caseList },
      },
    },
    async (request) => {
      const { withChild, ...filter } = request.query;
      const found = await app.cases.list(scopeOf(request), filter, { withChild: withChild === 'true' });
      // A search by the child finds a case by who the child is, and a list with the child's name
      // shows who it is: each case on the page is read, and its access log (the one the family
      // may see) says so, once a day for a list the app polls.
      const search = filter.q !== undefined || filter.birthDate !== undefined;
      if (search || withChild === 'true') {
        await app.logListedReads(
          request,
          found.rows.map((c) => c.id),
          search ? SEARCH_REASON : LIST_REASON,
        );
      }
      return paged(request, 'cases', request.query, found);
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { access: CASE_READ, prefetch: readCase },
      schema: { tags: ['cases'], operationId: 'getCase', summary: 'One case, with the målform of its letters', params: idParams, headers: reasonHeaders, response: { 200: caseDetail } },
    },
    async (request, reply) => {
      let [view, language] = await (request.prefetched as ReturnType<typeof readCase>);
      // Never older than the state that let the caller in (a substitute's access begins with a change).
      if (view.version < (request.caseVersion ?? 0)) [view, language] = await readCase(request);
      setVersionTag(reply, view.version);
      return { ...view, language: view.municipality === scopeOf(request).municipality ? language : await effectiveLanguage(app, languages, view.id, view.municipality) };
    },
  );

  app.get(
    '/cases/:id/events',
    {
      config: { access: CASE_READ },
      schema: {
        tags: ['cases'],
        operationId: 'listCaseEvents', summary: 'The event log of a case: who did what, when',
        params: idParams,
        headers: reasonHeaders,
        querystring: eventListQuery,
        response: { 200: eventList },
      },
    },
    async (request) => paged(request, 'events', request.query, await app.cases.events(request.params.id, request.query)),
  );

  app.get(
    '/cases/:id/access-log',
    {
      config: { access: { roles: ['ke'], case: 'read' } },
      schema: {
        tags: ['cases'],
        operationId: 'listCaseAccessLog', summary: 'Who read or changed the case, when, through which endpoint and why: the log the family may see',
        params: idParams,
        headers: reasonHeaders,
        querystring: accessLogQuery,
        response: { 200: accessLog },
      },
    },
    async (request) => paged(request, 'entries', request.query, await app.accessLog.list(request.params.id, request.query)),
  );
};

export default caseRoutes;
