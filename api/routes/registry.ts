/** The registry of service units (tjenestested) and their coordinators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { badRequest, conflict, notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { paged } from '../paging';
import { idParams, coordinator, coordinatorBody, coordinatorList, coordinatorListQuery, unit, unitBody, unitList } from '../schemas';

const KE = { roles: ['ke'] } as const;
const KE_OR_LEADER = { roles: ['ke', 'leader'] } as const;

const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/units',
    { config: { access: KE }, schema: { tags: ['registry'], operationId: 'registerUnit', summary: 'Register a service unit', body: unitBody, response: { 201: unit } } },
    async (request, reply) => {
      const created = await app.registry.insertUnit(scopeOf(request).municipality, request.body);
      if (!created) throw conflict(`a unit named "${request.body.name}" exists`);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/units',
    { config: { access: KE_OR_LEADER }, schema: { tags: ['registry'], operationId: 'listUnits', summary: 'All service units', response: { 200: unitList } } },
    async (request) => ({ units: await app.registry.listUnits(scopeOf(request).municipality) }),
  );

  app.post(
    '/coordinators',
    {
      config: { access: KE },
      schema: {
        tags: ['registry'],
        operationId: 'registerCoordinator', summary: 'Register a coordinator in a unit',
        body: coordinatorBody,
        response: { 201: coordinator },
      },
    },
    async (request, reply) => {
      const { municipality } = scopeOf(request);
      if (!(await app.registry.unitExists(municipality, request.body.unitId))) throw badRequest(`unitId: no unit ${request.body.unitId}`);
      const created = await app.registry.insertCoordinator(municipality, request.body);
      if (!created) throw conflict('a coordinator with this email or sign-in subject exists');
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/coordinators',
    {
      config: { access: KE_OR_LEADER },
      schema: {
        tags: ['registry'],
        operationId: 'listCoordinators', summary: 'Coordinators with their open caseload, optionally for one unit',
        querystring: coordinatorListQuery,
        response: { 200: coordinatorList },
      },
    },
    async (request) =>
      paged(request, 'coordinators', request.query, await app.registry.listCoordinators(scopeOf(request).municipality, request.query.unitId, request.query)),
  );

  app.get(
    '/coordinators/:id',
    { config: { access: KE_OR_LEADER }, schema: { tags: ['registry'], operationId: 'getCoordinator', summary: 'One coordinator and their open caseload', params: idParams, response: { 200: coordinator } } },
    async (request) => {
      const found = await app.registry.findCoordinator(scopeOf(request).municipality, request.params.id);
      if (!found) throw notFound(`no coordinator ${request.params.id}`);
      return found;
    },
  );
};

export default registryRoutes;
