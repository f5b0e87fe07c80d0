/** The registry of service units (tjenestested) and their coordinators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, conflict, notFound } from '../errors';
import { scopeOf } from '../plugins/auth';
import { idParams, coordinator, coordinatorBody, coordinatorListQuery, unit, unitBody } from '../schemas';

const UNIQUE_VIOLATION = '23505';
const KE = { roles: ['ke'] } as const;
const KE_OR_LEADER = { roles: ['ke', 'leader'] } as const;

const unitRow = (r: Record<string, unknown>) => ({
  id: r.id as string,
  name: r.name as string,
  sector: r.sector as string,
  createdAt: (r.created_at as Date).toISOString(),
});

const coordinatorRow = (r: Record<string, unknown>) => ({
  id: r.id as string,
  unitId: r.unit_id as string,
  name: r.name as string,
  email: r.email as string,
  subject: (r.subject ?? null) as string | null,
  openCases: Number(r.open_cases ?? 0),
  createdAt: (r.created_at as Date).toISOString(),
});

const COORDINATOR_SELECT = `
  SELECT c.id, c.unit_id, c.name, c.email, c.subject, c.created_at,
         (SELECT count(*) FROM cases k WHERE k.coordinator_id = c.id AND k.status <> 'closed') AS open_cases
    FROM coordinators c`;

const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/units',
    { config: { access: KE }, schema: { tags: ['registry'], operationId: 'registerUnit', summary: 'Register a service unit', body: unitBody, response: { 201: unit } } },
    async (request, reply) => {
      try {
        const { rows } = await app.pg.query('INSERT INTO units (id, name, sector, municipality) VALUES ($1, $2, $3, $4) RETURNING *', [
          randomUUID(),
          request.body.name,
          request.body.sector,
          scopeOf(request).municipality,
        ]);
        return reply.status(201).send(unitRow(rows[0]));
      } catch (err) {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw conflict(`a unit named "${request.body.name}" exists`);
        throw err;
      }
    },
  );

  app.get(
    '/units',
    { config: { access: KE_OR_LEADER }, schema: { tags: ['registry'], operationId: 'listUnits', summary: 'All service units', response: { 200: z.object({ units: z.array(unit) }) } } },
    async (request) => {
      const { rows } = await app.pg.query('SELECT * FROM units WHERE municipality = $1 ORDER BY name', [scopeOf(request).municipality]);
      return { units: rows.map(unitRow) };
    },
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
      const { unitId, name, email, subject } = request.body;
      const { municipality } = scopeOf(request);
      const found = await app.pg.query('SELECT 1 FROM units WHERE id = $1 AND municipality = $2', [unitId, municipality]);
      if (found.rowCount === 0) throw badRequest(`unitId: no unit ${unitId}`);
      try {
        const { rows } = await app.pg.query(
          'INSERT INTO coordinators (id, unit_id, name, email, subject, municipality) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
          [randomUUID(), unitId, name, email.toLowerCase(), subject ?? null, municipality],
        );
        return reply.status(201).send(coordinatorRow(rows[0]));
      } catch (err) {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw conflict('a coordinator with this email or sign-in subject exists');
        throw err;
      }
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
        response: { 200: z.object({ coordinators: z.array(coordinator) }) },
      },
    },
    async (request) => {
      const { rows } = await app.pg.query(`${COORDINATOR_SELECT} WHERE c.municipality = $2 AND ($1::uuid IS NULL OR c.unit_id = $1) ORDER BY c.name`, [
        request.query.unitId ?? null,
        scopeOf(request).municipality,
      ]);
      return { coordinators: rows.map(coordinatorRow) };
    },
  );

  app.get(
    '/coordinators/:id',
    { config: { access: KE_OR_LEADER }, schema: { tags: ['registry'], operationId: 'getCoordinator', summary: 'One coordinator and their open caseload', params: idParams, response: { 200: coordinator } } },
    async (request) => {
      const { rows } = await app.pg.query(`${COORDINATOR_SELECT} WHERE c.id = $1 AND c.municipality = $2`, [request.params.id, scopeOf(request).municipality]);
      if (rows.length === 0) throw notFound(`no coordinator ${request.params.id}`);
      return coordinatorRow(rows[0]);
    },
  );
};

export default registryRoutes;
