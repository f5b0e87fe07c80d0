/** Security headers, CORS and the per-token rate limit. */
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { tooManyRequests } from '../errors';

export interface SecurityOptions {
  /** Browser origins allowed to call, e.g. the Temporal UI's for the codec endpoint. */
  corsOrigins?: string[];
  /** Requests per minute per token (default 1200). */
  rateLimitPerMinute?: number;
}

/** Helmet and CORS: registered before the auth plugin, so every answer carries their headers. */
export const securityHeaders = fp<SecurityOptions>(
  async (app, { corsOrigins }) => {
    // The API answers JSON, letters (HTML without scripts) and PDFs: nothing it serves needs
    // scripts, frames or outside resources; Swagger UI sets its own policy.
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    });
    await app.register(cors, {
      origin: corsOrigins ?? false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-namespace', 'x-request-id', 'x-access-reason', 'idempotency-key', 'if-match'],
      exposedHeaders: ['etag', 'x-request-id'],
      maxAge: 600,
    });
  },
  { name: 'security-headers' },
);

/**
 * Per token, after authentication (requests without a valid token never get this far; the auth
 * plugin limits failed authentications per address). Before validation and before the case
 * check: a refused request reads nothing, so it writes no access-log row either. Registered
 * after the auth plugin.
 */
export const rateLimitPerToken = fp<SecurityOptions>(
  async (app, { rateLimitPerMinute }) => {
    await app.register(rateLimit, {
      hook: 'preValidation',
      max: rateLimitPerMinute ?? 1200,
      timeWindow: 60_000,
      keyGenerator: (request) => (request.principal ? `sub:${request.principal.subject}` : `ip:${request.ip}`),
      allowList: (request) => request.routeOptions.config?.access === 'public',
      errorResponseBuilder: (_request, context) =>
        tooManyRequests(`rate limit: at most ${context.max} requests per minute per token; retry in ${context.after}`),
    });
  },
  { name: 'rate-limit-per-token' },
);
