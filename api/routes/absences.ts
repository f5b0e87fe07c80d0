/** A coordinator's leave or departure, fanned out durably to each of their open cases; and its preview. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import type { absenceFanOutWorkflow } from '../../workflows/absence/workflow';
import { ABSENCE_WORKFLOW_TYPE, absenceWorkflowId } from '../../workflows/absence/messages';
import { actorOf } from '../actor';
import { badRequest, notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { absenceAccepted, absenceBody, absencePreview, idParams, type ABSENCE_EFFECTS } from '../schemas';

type AbsenceBody = z.infer<typeof absenceBody>;

/**
 * What the case workflow does with the absence (workflows/case/follow-up.ts recordAbsence,
 * deadlines.ts): with a substitute, they get the case's reminders; a departure, or no
 * substitute, gives KE a reassignment deadline.
 */
function effectOf({ kind, substituteId }: AbsenceBody): (typeof ABSENCE_EFFECTS)[number] {
  if (!substituteId) return 'ke_must_reassign';
  return kind === 'leave' ? 'substitute_holds' : 'substitute_holds_until_reassigned';
}

const absenceRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The checks the body's schema cannot make, the same for the absence and its preview. */
  async function checkAbsence(request: FastifyRequest, coordinatorId: string, substituteId: string | undefined) {
    const { municipality } = scopeOf(request);
    if (!(await app.registry.coordinatorExists(municipality, coordinatorId))) throw notFound(`no coordinator ${coordinatorId}`);
    if (substituteId) {
      if (substituteId === coordinatorId) throw badRequest('substituteId: a coordinator cannot substitute for themselves');
      if (!(await app.registry.coordinatorExists(municipality, substituteId))) throw badRequest(`substituteId: no coordinator ${substituteId}`);
    }
    return municipality;
  }

  app.post(
    '/coordinators/:id/absences',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['registry'],
        operationId: 'recordCoordinatorAbsence', summary: "Record a coordinator's leave (with an optional substitute) or departure; every open case is told",
        params: idParams,
        body: absenceBody,
        response: { 202: absenceAccepted },
      },
    },
    async (request, reply) => {
      const coordinatorId = request.params.id;
      const { kind, from, until, substituteId } = request.body;
      await checkAbsence(request, coordinatorId, substituteId);
      const absenceId = randomUUID();
      await app.registry.insertAbsence(absenceId, { coordinatorId, kind, from, until, substituteId });
      const openCases = await app.cases.countAppointedTo(coordinatorId);
      await app.temporal.workflow.start<typeof absenceFanOutWorkflow>(ABSENCE_WORKFLOW_TYPE, {
        workflowId: absenceWorkflowId(absenceId),
        taskQueue: app.taskQueue,
        args: [{ absenceId, coordinatorId, kind, from, until, substituteId, actor: actorOf(request), requestId: request.id }],
      });
      return reply.status(202).send({ absenceId, coordinatorId, openCases });
    },
  );

  app.post(
    '/coordinators/:id/absences/preview',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['registry'],
        operationId: 'previewCoordinatorAbsence',
        summary: 'What recording this absence would do: which open cases it reaches and who holds each after; records nothing',
        params: idParams,
        body: absenceBody,
        response: { 200: absencePreview },
      },
    },
    async (request) => {
      const coordinatorId = request.params.id;
      const { substituteId } = request.body;
      const municipality = await checkAbsence(request, coordinatorId, substituteId);
      const substitute = substituteId ? await app.registry.findCoordinator(municipality, substituteId) : undefined;
      const holderAfter = substitute ? { coordinatorId: substitute.id, name: substitute.name } : null;
      const effect = effectOf(request.body);
      const cases = (await app.cases.appointedTo(municipality, coordinatorId)).map((c) => ({ ...c, holderAfter, effect }));
      return { coordinatorId, kind: request.body.kind, cases };
    },
  );
};

export default absenceRoutes;
