/** The commands on a case. Each is a workflow update: validated, applied, persisted, answered. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { caseWorkflowId, commandUpdates, type CaseView, type Envelope } from '../../workflows/case/messages';
import { actorOf } from '../actor';
import { badRequest, conflict } from '../errors';
import { requireCase } from '../read-model';
import {
  appointmentBody,
  asViewBody,
  assessmentBody,
  idParams,
  caseView,
  complaintBody,
  complaintOutcomeBody,
  complaintParams,
  consentBody,
  decisionBody,
  errorBody,
  interviewBody,
  scheduleBody,
  withdrawalBody,
} from '../schemas';

type CommandName = keyof typeof commandUpdates;

interface CommandRoute {
  url: string;
  update: CommandName;
  body: ZodType;
  summary: string;
  /** Extra command fields from the path, e.g. the complaint id. */
  fromParams?: (params: Record<string, string>) => Record<string, string>;
}

const ROUTES: CommandRoute[] = [
  { url: '/cases/:id/consents', update: 'recordConsent', body: consentBody, summary: 'Record a consent (samtykke)' },
  { url: '/cases/:id/consents/withdrawal', update: 'withdrawConsent', body: withdrawalBody, summary: 'Withdraw consent' },
  { url: '/cases/:id/kartlegging/schedule', update: 'scheduleKartlegging', body: scheduleBody, summary: 'Schedule the kartleggingssamtale' },
  { url: '/cases/:id/kartlegging', update: 'recordInterview', body: interviewBody, summary: 'Record the held kartleggingssamtale' },
  { url: '/cases/:id/kartlegging/assessment', update: 'recordAssessment', body: assessmentBody, summary: "Record KE's assessment of the three legal conditions" },
  { url: '/cases/:id/decision', update: 'recordDecision', body: decisionBody, summary: 'Record the written decision; produces the letter' },
  { url: '/cases/:id/complaints', update: 'registerComplaint', body: complaintBody, summary: 'Register a complaint (klage)' },
  {
    url: '/cases/:id/complaints/:complaintId/outcome',
    update: 'recordComplaintOutcome',
    body: complaintOutcomeBody,
    summary: 'Reverse, forward to Statsforvalteren, or record its outcome',
    fromParams: (p) => ({ complaintId: p.complaintId }),
  },
  { url: '/cases/:id/appointment', update: 'appoint', body: appointmentBody, summary: 'Appoint the unit and its barnekoordinator' },
];

const commandRoutes: FastifyPluginAsyncZod = async (app) => {
  const checks: Partial<Record<CommandName, (body: Record<string, string>) => Promise<void>>> = {
    appoint: async ({ unitId, coordinatorId }) => {
      const unit = await app.pg.query('SELECT 1 FROM units WHERE id = $1', [unitId]);
      if (unit.rowCount === 0) throw badRequest(`unitId: no unit ${unitId}`);
      const { rows } = await app.pg.query('SELECT unit_id FROM coordinators WHERE id = $1', [coordinatorId]);
      if (rows.length === 0) throw badRequest(`coordinatorId: no coordinator ${coordinatorId}`);
      if (rows[0].unit_id !== unitId) throw conflict(`coordinator ${coordinatorId} does not belong to unit ${unitId}`);
    },
  };

  for (const route of ROUTES) {
    app.post(
      route.url,
      {
        schema: {
          tags: ['cases'],
          summary: route.summary,
          params: route.fromParams ? complaintParams : idParams,
          body: route.body,
          response: { 200: caseView, 400: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request: FastifyRequest) => {
        const params = request.params as Record<string, string>;
        const body = request.body as Record<string, string>;
        await requireCase(app.pg, params.id);
        await checks[route.update]?.(body);
        const command = { ...body, ...route.fromParams?.(params) };
        const handle = app.temporal.workflow.getHandle(caseWorkflowId(params.id));
        const update = commandUpdates[route.update] as UpdateDefinition<CaseView, [Envelope<object>]>;
        const view = await handle.executeUpdate(update, { args: [{ actor: actorOf(request), requestId: request.id, command }] });
        return asViewBody(view);
      },
    );
  }
};

export default commandRoutes;
