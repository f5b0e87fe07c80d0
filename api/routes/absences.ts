/** A coordinator's leave or departure, fanned out durably to each of their open cases. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { absenceFanOutWorkflow } from '../../workflows/absence/workflow';
import { ABSENCE_WORKFLOW_TYPE, absenceWorkflowId } from '../../workflows/absence/messages';
import { actorOf } from '../actor';
import { badRequest, notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { absenceAccepted, absenceBody, idParams } from '../schemas';

const absenceRoutes: FastifyPluginAsyncZod = async (app) => {
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
      const { municipality } = scopeOf(request);
      if (!(await app.registry.coordinatorExists(municipality, coordinatorId))) throw notFound(`no coordinator ${coordinatorId}`);
      if (substituteId) {
        if (substituteId === coordinatorId) throw badRequest('substituteId: a coordinator cannot substitute for themselves');
        if (!(await app.registry.coordinatorExists(municipality, substituteId))) throw badRequest(`substituteId: no coordinator ${substituteId}`);
      }
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
};

export default absenceRoutes;
