/**
 * The in-app inbox of reminders and escalations (written by worker/dispatcher.ts), per
 * coordinator and for KE, newest first, each with the delivery status of its outbox row.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { idParams } from '../schemas';

const instant = z.iso.datetime({ offset: true });

const inboxItem = z.object({
  reminderKey: z.string().describe('Unique per message; carries no date that reveals a birth, a pregnancy or a birthday'),
  caseId: z.uuid(),
  recipient: z.string().describe("'ke', 'caseworker:<id>' or 'coordinator:<id>'"),
  level: z.enum(['reminder', 'escalation']),
  kind: z.string().describe('The deadline: consent, kartlegging, decision, appointment, meeting, minutes, …'),
  subject: z.string(),
  body: z.string(),
  dueAt: instant,
  createdAt: instant.describe('When it reached the inbox'),
  readAt: instant.nullable(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']).describe('Delivery of the message (e-mail when configured)'),
  channel: z.enum(['email', 'inbox']).nullable().describe('How it was delivered: by e-mail (and the inbox), or the inbox only'),
  attempts: z.number().int(),
  sentAt: instant.nullable(),
});

const inboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const inboxReply = z.object({ reminders: z.array(inboxItem) });

const remindersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/coordinators/:id/reminders',
    {
      config: { access: { roles: ['ke', 'coordinator'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'listCoordinatorReminders', summary: "A coordinator's reminders, newest first",
        params: idParams,
        querystring: inboxQuery,
        response: { 200: inboxReply },
      },
    },
    async (request) => {
      // KE sees any coordinator's of the municipality; a coordinator only their own.
      const scope = scopeOf(request);
      const own = scope.coordinatorId === undefined || scope.coordinatorId === request.params.id;
      if (!(await app.registry.coordinatorExists(scope.municipality, request.params.id)) || !own) throw notFound(`no coordinator ${request.params.id}`);
      return { reminders: await app.reminders.forCoordinator(request.params.id, request.query) };
    },
  );

  app.get(
    '/ke/reminders',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'listKeReminders', summary: "KE's reminders and escalations, newest first",
        description:
          "The shared KE inbox ('ke') and the reminders of KE's caseworkers ('caseworker:<id>'), who have no registry of their own yet.",
        querystring: inboxQuery,
        response: { 200: inboxReply },
      },
    },
    async (request) => ({ reminders: await app.reminders.forKe(scopeOf(request).municipality, request.query) }),
  );
};

export default remindersRoutes;
