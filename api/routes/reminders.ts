/**
 * The in-app inbox of reminders and escalations (written by worker/dispatcher.ts), per
 * coordinator and for KE, newest first, each with the delivery status of its outbox row.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { paged } from '../paging';
import { idParams, inbox, inboxQuery } from '../schemas';

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
        response: { 200: inbox },
      },
    },
    async (request) => {
      // KE sees any coordinator's of the municipality; a coordinator only their own.
      const scope = scopeOf(request);
      const own = scope.coordinatorId === undefined || scope.coordinatorId === request.params.id;
      if (!(await app.registry.coordinatorExists(scope.municipality, request.params.id)) || !own) throw notFound(`no coordinator ${request.params.id}`);
      return paged(request, 'reminders', request.query, await app.reminders.forCoordinator(request.params.id, request.query));
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
    async (request) => paged(request, 'reminders', request.query, await app.reminders.forKe(scopeOf(request).municipality, request.query)),
  );
};

export default remindersRoutes;
