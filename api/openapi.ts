/**
 * The OpenAPI document: generated from the routes' zod schemas, committed as `openapi.json` (a test
 * compares the two, so a change to the API is a reviewed diff) and served at /docs/json.
 *
 * Every route states its operationId, tags and success responses; the problem responses are the
 * same everywhere, so they are added here from what a route can meet: every authenticated route
 * 400/401/403/429, a route with an id in its path 404, a POST 409, a command 412 and 422.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROBLEMS, PROBLEM_CONTENT_TYPE, problemDetails, type ProblemCode } from './errors';

export const API_VERSION = '0.2.0';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes If-Match and answers 412 when the case has moved on. */
    ifMatch?: boolean;
  }
}

/** A problem response for a route's schema, where its own checks can answer one (the public /auth routes). */
export const problemResponse = (code: ProblemCode) => problem(code);

function problem(code: ProblemCode) {
  return {
    description: PROBLEMS[code].title,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemDetails } },
  };
}

/** The problems a route can answer with, besides its own successes. */
export function problemsOf(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): ProblemCode[] {
  const codes: ProblemCode[] = [];
  // Every route's text is scanned (NUL, broken UTF-16): even a public one can answer 400.
  if (route.config?.access === 'public') return ['bad_request', 'internal'];
  codes.push('bad_request', 'unauthorized', 'forbidden');
  if (route.url.includes(':')) codes.push('not_found');
  if ([route.method].flat().includes('POST')) codes.push('conflict');
  if (route.config?.ifMatch) codes.push('precondition_failed', 'unprocessable');
  codes.push('too_many_requests', 'internal');
  return codes;
}

/** Adds the problem responses to every documented route and holds each to an operationId and tags. */
function documentRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs') || route.method === 'OPTIONS' || route.method === 'HEAD') return;
    const schema = (route.schema ??= {}) as Record<string, unknown> & { response?: Record<string, unknown>; operationId?: string; tags?: string[] };
    if (schema.hide) return;
    if (!schema.operationId) throw new Error(`route ${route.method} ${route.url} has no operationId`);
    if (!schema.tags?.length) throw new Error(`route ${route.method} ${route.url} has no tags`);
    const response = (schema.response ??= {});
    for (const code of problemsOf(route)) response[PROBLEMS[code].status] ??= problem(code);
  });
}

type OpenApiObject = { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

/**
 * The named schemas a route refers to, and none other: the zod transform lists each named schema
 * twice (as input and as output), whether or not a route uses it in that direction.
 */
function withoutUnusedSchemas<T extends object>(given: T): T {
  const document = given as OpenApiObject;
  const schemas = document.components?.schemas ?? {};
  const refs = (value: unknown, found: Set<string>): Set<string> => {
    if (Array.isArray(value)) for (const v of value) refs(v, found);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!found.has(name)) {
            found.add(name);
            refs(schemas[name], found);
          }
        } else refs(v, found);
      }
    }
    return found;
  };
  const { components, ...rest } = document;
  const used = refs(rest, new Set());
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...rest, components: { ...components, schemas: kept } } as T;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  documentRoutes(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'barnekoordinator',
        description:
          'Case service for the koordinerende enhet: barnekoordinator cases from request to closure at 18. ' +
          'Errors are RFC 9457 problem details (application/problem+json). A case view carries its version as an ETag; ' +
          'commands take If-Match and answer 412 when the case has moved on.',
        version: API_VERSION,
        license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
      },
      servers: [{ url: '/', description: 'This service' }],
      tags: [
        { name: 'cases', description: 'Barnekoordinator cases and their commands' },
        { name: 'registry', description: 'Service units (tjenestested) and coordinators' },
        { name: 'overview', description: "KE's worklist, caseload and yearly report" },
        { name: 'reminders', description: 'The in-app inbox of reminders and escalations' },
        { name: 'session', description: 'Browser sign-in with the identity provider: a session cookie instead of a bearer token' },
        { name: 'users', description: "Who may sign in, with which roles, where the identity provider carries none (AUTH_ROLES_SOURCE=table)" },
        { name: 'municipality', description: "The municipality's register entry: name, KE's addresses, letterhead, målform, complaint address and case policy" },
        { name: 'operations', description: 'Health, readiness, metrics and the payload codec' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from the identity provider; locally `npm run -s token -- --role ke --sub <you>`' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
