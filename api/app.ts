/** The Fastify app as a plugin-built instance: the server listens on it, tests inject into it. */
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseView } from './case-view';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { Policy } from '../workflows/case/policy';
import { registerErrorHandler, sendProblem } from './errors';
import { registerOpenApi } from './openapi';
import accepts from '@fastify/accepts';
import cookie from '@fastify/cookie';
import type { AuthSettings } from '../lib/auth';
import accessRules from './plugins/access-rules';
import authPlugin from './plugins/auth';
import { createWebAuth, type WebAuthSettings } from './plugins/session';
import { rateLimitPerToken, securityHeaders } from './plugins/security';
import storableText from './plugins/storable-text';
import webAppPlugin, { type WebOptions } from './plugins/web';
import codecRoutes from './routes/codec';
import type { PayloadKeys } from '../lib/codec';
import dbPlugin from './plugins/db';
import metricsPlugin from './plugins/metrics';
import repositories from './plugins/repositories';
import temporalPlugin from './plugins/temporal';
import absenceRoutes from './routes/absences';
import caseRoutes from './routes/cases';
import commandRoutes from './routes/commands';
import healthRoutes from './routes/health';
import letterRoutes from './routes/letters';
import meetingRoutes from './routes/meetings';
import letterPreviewRoutes from './routes/letter-preview';
import overviewRoutes from './routes/overview';
import reminderRoutes from './routes/reminders';
import registryRoutes from './routes/registry';
import authRoutes from './routes/auth';
import usersRoutes from './routes/users';
import municipalityRoutes from './routes/municipality';
import caseLanguageRoutes from './routes/case-language';
import caseContactRoutes from './routes/case-contacts';
import type { MunicipalityDefaults } from '../lib/municipalities';
import { loadConfig, municipalityDefaultsFrom } from '../lib/config';

export interface AppDeps {
  logger: Logger;
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  policy: Policy;
  /**
   * What letters say of a municipality without a register entry (lib/municipalities.ts): the
   * environment's MUNICIPALITY_NAME, KE_POSTAL_ADDRESS, KE_EMAIL and MALFORM; `policy` above is its
   * case policy. Without it, the configuration's own defaults.
   */
  municipality?: Omit<MunicipalityDefaults, 'policy'>;
  /** Whether closing the app ends the pool and the Temporal connection. */
  ownsClients?: boolean;
  /** Off only for servers without custom search attributes (the time-skipping test server). */
  searchAttributes?: boolean;
  /** The worker's Prometheus exporter, whose Temporal SDK metrics /metrics passes on. */
  workerMetricsUrl?: string;
  /** How bearer tokens are verified (lib/auth.ts). */
  auth: AuthSettings;
  /** Requests per minute per token (default 1200). */
  rateLimitPerMinute?: number;
  /** Failed authentications per client address per minute before 429 without a signature check (default 60). */
  authFailuresPerMinute?: number;
  /** Browser origins allowed to call, e.g. the Temporal UI's for the codec endpoint. */
  corsOrigins?: string[];
  /** The payload keys the codec endpoint decodes with; without them the endpoint is absent. */
  payloadKeys?: PayloadKeys;
  /** Browser sign-in with an OpenID provider (api/plugins/session.ts); without it /auth answers 404 and only bearer tokens work. */
  web?: WebAuthSettings;
  /** The built web app to serve (api/plugins/web.ts); without it the API serves no pages. */
  webApp?: WebOptions;
}

/** The access table's row type, where the role tests have always found it. */
export type { RouteAccess } from './plugins/access-rules';

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
    // A URL the router cannot decode gets a problem like every other refusal.
    frameworkErrors: (err, request, reply) => sendProblem(request, reply, 'bad_request', err.code === 'FST_ERR_BAD_URL' ? 'the URL is not valid' : err.message),
  }).withTypeProvider<ZodTypeProvider>();

  await app.register(accessRules);
  await app.register(storableText);

  app.setValidatorCompiler(validatorCompiler);
  // The case view is the workflow's own answer, bound to its schema at compile time in both
  // directions (api/case-view.ts, test/unit/case-view-schema.test.ts); checking a large case's view
  // field by field on every command's answer would cost more than the command. It is sent as it is.
  app.setSerializerCompiler((route) => (route.schema === caseView ? (data) => JSON.stringify(data) : serializerCompiler(route as Parameters<typeof serializerCompiler>[0])));
  registerErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerOpenApi(app);

  await app.register(securityHeaders, { corsOrigins: deps.corsOrigins });
  await app.register(accepts);
  await app.register(cookie);
  const web = deps.web ? createWebAuth(deps.web, deps.pool, deps.logger) : undefined;
  // Before the auth plugin: its redirect of a browser's link to a case must precede the 401.
  if (deps.webApp) await app.register(webAppPlugin, deps.webApp);
  await app.register(authPlugin, { settings: deps.auth, pool: deps.pool, authFailuresPerMinute: deps.authFailuresPerMinute, web });
  await app.register(rateLimitPerToken, { rateLimitPerMinute: deps.rateLimitPerMinute });
  await app.register(dbPlugin, { pool: deps.pool, owned: deps.ownsClients ?? false });
  await app.register(repositories, {
    municipalityDefaults: { ...(deps.municipality ?? municipalityDefaultsFrom(loadConfig({}))), policy: deps.policy },
  });
  await app.register(temporalPlugin, { client: deps.temporal, taskQueue: deps.taskQueue, owned: deps.ownsClients ?? false });
  await app.register(metricsPlugin, { workerMetricsUrl: deps.workerMetricsUrl });
  app.decorate('policy', deps.policy);
  app.decorate('searchAttributes', deps.searchAttributes ?? true);

  await app.register(healthRoutes);
  await app.register(caseRoutes);
  await app.register(commandRoutes);
  await app.register(letterRoutes);
  await app.register(meetingRoutes);
  await app.register(letterPreviewRoutes);
  await app.register(registryRoutes);
  await app.register(absenceRoutes);
  await app.register(overviewRoutes);
  await app.register(reminderRoutes);
  await app.register(authRoutes, { web });
  await app.register(usersRoutes);
  await app.register(municipalityRoutes);
  await app.register(caseLanguageRoutes);
  await app.register(caseContactRoutes);
  if (deps.payloadKeys) await app.register(codecRoutes, { keys: deps.payloadKeys });
  return app;
}
