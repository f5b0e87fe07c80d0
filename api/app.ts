/** The Fastify app as a plugin-built instance: the server listens on it, tests inject into it. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { Policy } from '../workflows/case/policy';
import { registerErrorHandler } from './errors';
import accepts from '@fastify/accepts';
import dbPlugin from './plugins/db';
import metricsPlugin from './plugins/metrics';
import temporalPlugin from './plugins/temporal';
import absenceRoutes from './routes/absences';
import caseRoutes from './routes/cases';
import commandRoutes from './routes/commands';
import healthRoutes from './routes/health';
import letterRoutes from './routes/letters';
import overviewRoutes from './routes/overview';
import reminderRoutes from './routes/reminders';
import registryRoutes from './routes/registry';

export interface AppDeps {
  logger: Logger;
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  policy: Policy;
  /** Whether closing the app ends the pool and the Temporal connection. */
  ownsClients?: boolean;
  /** Off only for servers without custom search attributes (the time-skipping test server). */
  searchAttributes?: boolean;
  /** The worker's Prometheus exporter, whose Temporal SDK metrics /metrics passes on. */
  workerMetricsUrl?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    policy: Policy;
    searchAttributes: boolean;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'barnekoordinator',
        description: 'Case service for the koordinerende enhet: barnekoordinator cases from request to appointment.',
        version: '0.1.0',
      },
      tags: [
        { name: 'cases', description: 'Barnekoordinator cases and their commands' },
        { name: 'registry', description: 'Service units (tjenestested) and coordinators' },
        { name: 'overview', description: "KE's worklist, caseload and yearly report" },
        { name: 'reminders', description: 'The in-app inbox of reminders and escalations' },
        { name: 'operations', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(accepts);
  await app.register(dbPlugin, { pool: deps.pool, owned: deps.ownsClients ?? false });
  await app.register(temporalPlugin, { client: deps.temporal, taskQueue: deps.taskQueue, owned: deps.ownsClients ?? false });
  await app.register(metricsPlugin, { workerMetricsUrl: deps.workerMetricsUrl });
  app.decorate('policy', deps.policy);
  app.decorate('searchAttributes', deps.searchAttributes ?? true);

  await app.register(healthRoutes);
  await app.register(caseRoutes);
  await app.register(commandRoutes);
  await app.register(letterRoutes);
  await app.register(registryRoutes);
  await app.register(absenceRoutes);
  await app.register(overviewRoutes);
  await app.register(reminderRoutes);
  return app;
}
