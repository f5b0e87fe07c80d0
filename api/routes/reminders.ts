/**
 * The in-app inbox of reminders and escalations (written by worker/dispatcher.ts), per
 * coordinator and for KE, newest first, each with the delivery status of its outbox row; and
 * marking a message read.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { paged } from '../paging';
import { coordinatorReminderParams, idParams, inbox, inboxItem, inboxQuery, keReminderParams } from '../schemas';
import type { InboxRows } from '../repositories/reminders';

const remindersRoutes: FastifyPluginAsyncZod = async (app) => {
  /** KE sees any coordinator's inbox of the municipality; a coordinator only their own (else 404, as if none). */
  async function requireCoordinatorInbox(request: FastifyRequest, coordinatorId: string): Promise<void> {
    const scope = scopeOf(request);
    const own = scope.coordinatorId === undefined || scope.coordinatorId === coordinatorId;
    if (!own || !(await app.registry.coordinatorExists(scope.municipality, coordinatorId))) throw notFound(`no coordinator ${coordinatorId}`);
  }

  const answer = (request: FastifyRequest, query: { limit: number; offset: number }, rows: InboxRows) => ({
    ...paged(request, 'reminders', query, rows),
    unread: rows.unread,
  });

  app.get(
    '/coordinators/:id/reminders',
    {
      config: { access: { roles: ['ke', 'coordinator'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'listCoordinatorReminders', summary: "A coordinator's reminders, newest first",
        params: idParams,
        querystring: inboxQuery,
        response: { 200: inbox },
      },
    },
    async (request) => {
      await requireCoordinatorInbox(request, request.params.id);
      const filter = { ...request.query, unread: request.query.unread === 'true' };
      return answer(request, request.query, await app.reminders.forCoordinator(request.params.id, filter));
    },
  );

  app.post(
    '/coordinators/:id/reminders/:reminderKey/read',
    {
      config: { access: { roles: ['ke', 'coordinator'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'markCoordinatorReminderRead',
        summary: "Mark a message of a coordinator's inbox read; a repeat keeps the first time",
        params: coordinatorReminderParams,
        response: { 200: inboxItem },
      },
    },
    async (request) => {
      const { id, reminderKey } = request.params;
      await requireCoordinatorInbox(request, id);
      const item = await app.reminders.markReadForCoordinator(id, reminderKey);
      if (!item) throw notFound(`no reminder ${reminderKey} in this inbox`);
      return item;
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
        response: { 200: inbox },
      },
    },
    async (request) => {
      const filter = { ...request.query, unread: request.query.unread === 'true' };
      return answer(request, request.query, await app.reminders.forKe(scopeOf(request).municipality, filter));
    },
  );

  app.post(
    '/ke/reminders/:reminderKey/read',
    {
      config: { access: { roles: ['ke'] } },
      schema: {
        tags: ['reminders'],
        operationId: 'markKeReminderRead',
        summary: "Mark a message of KE's inbox read; a repeat keeps the first time",
        params: keReminderParams,
        response: { 200: inboxItem },
      },
    },
    async (request) => {
      const { reminderKey } = request.params;
      const item = await app.reminders.markReadForKe(scopeOf(request).municipality, reminderKey);
      if (!item) throw notFound(`no reminder ${reminderKey} in this inbox`);
      return item;
    },
  );
};

export default remindersRoutes;
