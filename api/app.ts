/** The Fastify app as a plugin-built instance: the server listens on it, tests inject into it. */
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { Policy } from '../workflows/case/policy';
import { badRequest, registerErrorHandler, sendProblem, tooManyRequests } from './errors';
import { registerOpenApi } from './openapi';
import accepts from '@fastify/accepts';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { AuthSettings } from '../lib/auth';
import authPlugin, { type Access } from './plugins/auth';
import codecRoutes from './routes/codec';
import type { PayloadKeys } from '../lib/codec';
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
}

/** One route and who may use it, as the access rules declare. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule: the table the role tests check. */
    routeAccess: RouteAccess[];
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

  // Every route states who may use it; one without an access rule would be refused at run time,
  // so it is refused at start-up instead. Swagger UI's own routes and CORS preflights are public.
  const routeAccess: RouteAccess[] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    // CORS preflights carry no token; the request that follows is checked.
    if (route.url.startsWith('/docs') || route.method === 'OPTIONS') route.config = { ...route.config, access: 'public' };
    else if (route.config?.access === undefined) throw new Error(`route ${route.method} ${route.url} has no access rule`);
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access: route.config!.access! });
  });

  // Text PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates) is refused before anything
  // else looks at it: in a workflow it would make every retry of the case's write fail.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['body', request.body], ['querystring', request.query], ['params', request.params]] as const) {
      const at = unstorableText(value, part);
      if (at) throw badRequest(`${at}: contains a NUL character or a broken UTF-16 sequence`);
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerOpenApi(app);

  // Security headers. The API answers JSON, letters (HTML without scripts) and PDFs: nothing it
  // serves needs scripts, frames or outside resources; Swagger UI sets its own policy.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cors, {
    origin: deps.corsOrigins ?? false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-namespace', 'x-request-id', 'x-access-reason', 'idempotency-key', 'if-match'],
    exposedHeaders: ['etag', 'x-request-id'],
    maxAge: 600,
  });
  await app.register(accepts);
  await app.register(authPlugin, { settings: deps.auth, pool: deps.pool, authFailuresPerMinute: deps.authFailuresPerMinute });
  // Per token, after authentication (requests without a valid token never get this far; the
  // auth plugin limits failed authentications per address). Before validation and before the
  // case check: a refused request reads nothing, so it writes no access-log row either.
  await app.register(rateLimit, {
    hook: 'preValidation',
    max: deps.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.principal ? `sub:${request.principal.subject}` : `ip:${request.ip}`),
    allowList: (request) => request.routeOptions.config?.access === 'public',
    errorResponseBuilder: (_request, context) =>
      tooManyRequests(`rate limit: at most ${context.max} requests per minute per token; retry in ${context.after}`),
  });
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
  if (deps.payloadKeys) await app.register(codecRoutes, { keys: deps.payloadKeys });
  return app;
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) PostgreSQL could not store, if any. */
function unstorableText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return `${path}.${key.replace(UNSTORABLE, '?')}`;
    const found = unstorableText(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
