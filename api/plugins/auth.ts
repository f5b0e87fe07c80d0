/**
 * Who may call what. Every route declares its access in `config.access`; a route without one is
 * refused (fail closed). The checks, in order:
 *  0. an address with too many failed authentications in the last minute gets 429 before its
 *     token's signature is checked (a token already verified and cached still passes);
 *  1. authentication: a bearer token verified against the identity provider's keys, or, without
 *     an Authorization header, a browser session's cookie (api/plugins/session.ts) (401); a
 *     request with a session that changes something must carry the session's CSRF token in
 *     x-csrf-token and, if it has an Origin, the service's own (403);
 *  2. role: one of the route's roles (403);
 *  3. object and tenant: a case route answers only for a case of the caller's municipality and,
 *     for a coordinator, only for their own case or one they substitute on (404, as if the case
 *     did not exist); every such access, granted or not, is written to the access log before
 *     any data of the case is read.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { AuthError, verifyTokenUntil, type AuthSettings, type Principal, type Role } from '../../lib/auth';
import { badRequest, forbidden, notFound, tooManyRequests, unauthorized } from '../errors';
import { accessLogRepository, type AccessAttempt } from '../repositories/access-log';
import { registryRepository } from '../repositories/registry';
import type { WebAuth } from './session';

export type Access =
  | 'public'
  | {
      roles: readonly Role[];
      /** The route's :id is a case: check tenant and coordinator, and write the access log. */
      case?: 'read' | 'change';
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * A case route's reads, started beside the access check instead of after it (one round trip
     * to PostgreSQL saved); the handler takes them from `request.prefetched` only once the check
     * has let the caller in, and nothing is answered from them otherwise. They may have read the
     * case before a change the check saw (`caseVersion`): the handler then reads again.
     */
    prefetch?: (request: FastifyRequest) => Promise<unknown>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The registry id of a caller in the coordinator role (null when none is registered). */
    coordinatorId: string | null;
    /** The status of the case a case route is about, as the access check found it. */
    caseStatus: string | null;
    /** The version of the case (its projection) that the access check saw. */
    caseVersion: number | null;
    /** What the route's `prefetch` started, for its handler (null when the route has none). */
    prefetched: Promise<unknown> | null;
  }
  interface FastifyInstance {
    /** Writes one access-log row for a case the handler has resolved itself (POST /cases). */
    logCaseAccess(request: FastifyRequest, caseId: string, action: 'read' | 'change', granted: boolean, reason?: string): Promise<void>;
    /** Writes a granted read of each case a list or search showed, once per case, caller, reason and Oslo day. */
    logListedReads(request: FastifyRequest, caseIds: readonly string[], reason: string): Promise<void>;
  }
}

/** The caller as the handlers see it: always authenticated on a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('a bearer token is required');
  return request.principal;
}

/** What a list may show: the caller's municipality and, for a coordinator only, their own cases. */
export interface Scope {
  municipality: string;
  /** Set when the caller sees only the cases they coordinate or substitute on. */
  coordinatorId?: string | null;
}

export function scopeOf(request: FastifyRequest): Scope {
  const principal = principalOf(request);
  const municipality = principal.municipality ?? '';
  if (principal.roles.includes('ke') || principal.roles.includes('leader')) return { municipality };
  return { municipality, coordinatorId: request.coordinatorId };
}

/** Reading a case: KE of its municipality, or its coordinator or substitute. */
export const CASE_READ: Access = { roles: ['ke', 'coordinator'], case: 'read' };

const REASON_HEADER = 'x-access-reason';
const REASON = /^[\p{L}\p{N}\p{P}\p{Zs}]{3,300}$/u;

/** Failed authentications per client address per minute before it is refused unverified (429). */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 60;

/** RFC 6750 § 2.1: the scheme is case-insensitive; the credential here is a JWS in compact form. */
const BEARER = /^bearer +([\w-]+\.[\w-]+\.[\w-]+)$/i;

export interface AuthPluginOptions {
  settings: AuthSettings;
  pool: Pool;
  /** Failed authentications per client address per minute (default 60). */
  authFailuresPerMinute?: number;
  /** Browser sessions, when the service has an OpenID provider for sign-in. */
  web?: WebAuth;
}

/** Methods that change nothing, and need no CSRF token with a session. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp<AuthPluginOptions>(async (app, { settings, pool, authFailuresPerMinute = DEFAULT_AUTH_FAILURES_PER_MINUTE, web }) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('coordinatorId', null);
  app.decorateRequest('caseStatus', null);
  app.decorateRequest('prefetched', null);
  app.decorateRequest('caseVersion', null);
  const accessLog = accessLogRepository(pool);
  const registry = registryRepository(pool);

  // A short-lived cache of subject -> coordinator id; registry changes show within a minute.
  const coordinators = new Map<string, { id: string | null; until: number }>();
  async function coordinatorIdOf(principal: Principal): Promise<string | null> {
    const key = `${principal.municipality}:${principal.subject}`;
    const hit = coordinators.get(key);
    if (hit && hit.until > Date.now()) return hit.id;
    const id = await registry.coordinatorIdBySubject(principal.municipality, principal.subject);
    if (coordinators.size > 10_000) coordinators.clear();
    coordinators.set(key, { id, until: Date.now() + 60_000 });
    return id;
  }

  // Verified tokens, kept until they expire (at most a minute): a client sends the same token
  // with every request, and checking an ES256 signature each time is most of the API's CPU on a
  // cheap read. A token is a bearer credential either way; the cache changes no decision.
  const verified = new Map<string, { principal: Principal; until: number }>();
  async function principalFrom(token: string, now: number): Promise<Principal> {
    const { principal, expiresAt } = await verifyTokenUntil(token, settings);
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { principal, until: Math.min(expiresAt, now + 60_000) });
    return principal;
  }

  // Failed authentications per client address, in a fixed one-minute window from the first. A
  // signature check is the most expensive thing an unauthenticated caller can make the API do;
  // past the limit the address gets 429 without one. (In memory, per API process, like the
  // per-token limit; behind a proxy the address is the proxy's unless Fastify trusts it.)
  const failures = new Map<string, { count: number; until: number }>();
  function refusedUnverified(ip: string, now: number): number | undefined {
    const entry = failures.get(ip);
    return entry && entry.until > now && entry.count >= authFailuresPerMinute ? Math.ceil((entry.until - now) / 1000) : undefined;
  }
  function recordFailure(ip: string, now: number): void {
    const entry = failures.get(ip);
    if (entry && entry.until > now) {
      entry.count += 1;
      return;
    }
    if (failures.size >= 10_000) {
      for (const [key, value] of failures) if (value.until <= now) failures.delete(key);
      if (failures.size >= 10_000) failures.clear();
    }
    failures.set(ip, { count: 1, until: now + 60_000 });
  }

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    // Unknown URLs fall through to the 404 handler, which tells nothing.
    if (access === 'public' || request.routeOptions.url === undefined) return;
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    let principal: Principal;
    const now = Date.now();
    const cached = token === undefined ? undefined : verified.get(token);
    if (token === undefined) {
      // A browser: its session cookie, if there is no Authorization header at all.
      const found = header === undefined && web ? await web.sessionOf(request) : null;
      if (!found) {
        reply.header('www-authenticate', 'Bearer');
        if (web && request.cookies?.[web.cookieName]) {
          web.clearCookie(reply, web.cookieName);
          throw unauthorized('the session has ended; sign in again (GET /auth/login)');
        }
        throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
      }
      if (!SAFE_METHODS.has(request.method)) {
        const problem = web!.csrfProblem(request, found.session);
        if (problem) throw forbidden(problem);
      }
      principal = web!.principalOf(found.session);
    } else if (cached && cached.until > now) {
      principal = cached.principal;
    } else {
      const retryAfter = refusedUnverified(request.ip, now);
      if (retryAfter !== undefined) {
        reply.header('retry-after', String(retryAfter));
        throw tooManyRequests(`too many failed authentications from this address: at most ${authFailuresPerMinute} per minute; retry in ${retryAfter} s`);
      }
      try {
        principal = await principalFrom(token, now);
      } catch (err) {
        if (!(err instanceof AuthError)) throw err;
        recordFailure(request.ip, now);
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        throw unauthorized(err.message);
      }
    }
    request.principal = principal;
    if (access === undefined) throw forbidden('this endpoint has no access rule and is closed');
    if (!principal.roles.some((r) => access.roles.includes(r))) {
      throw forbidden(`the role ${principal.roles.join(', ')} may not use this endpoint (allowed: ${access.roles.join(', ')})`);
    }
    if (principal.roles.includes('coordinator')) request.coordinatorId = await coordinatorIdOf(principal);
  });

  /** The facts of an access-log row for this request on this case. */
  function attemptOf(request: FastifyRequest, caseId: string, action: 'read' | 'change'): AccessAttempt {
    const principal = principalOf(request);
    return {
      caseId,
      subject: principal.subject,
      roles: principal.roles,
      municipality: principal.municipality ?? null,
      method: request.method,
      route: request.routeOptions.url,
      action,
      requestId: request.id,
    };
  }

  async function writeLog(request: FastifyRequest, caseId: string, action: 'read' | 'change', granted: boolean, reason?: string) {
    await accessLog.write(attemptOf(request, caseId, action), granted, reason ?? null);
  }
  app.decorate('logCaseAccess', writeLog);
  app.decorate('logListedReads', async (request: FastifyRequest, caseIds: readonly string[], reason: string) => {
    const { caseId: _none, ...attempt } = attemptOf(request, '', 'read');
    await accessLog.writeDaily(caseIds, attempt, reason);
  });

  // After validation, so :id is a well-formed case id.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public' || !access.case) return;
    const caseId = (request.params as { id: string }).id;
    const given = request.headers[REASON_HEADER];
    const reason = typeof given === 'string' && given.trim() !== '' ? given.trim() : null;
    if (reason !== null && !REASON.test(reason)) throw badRequest(`${REASON_HEADER}: 3 to 300 letters, digits, spaces and punctuation`);
    const principal = principalOf(request);
    const prefetch = request.routeOptions.config?.prefetch;
    if (prefetch) {
      const started = prefetch(request);
      started.catch(() => {}); // a refused caller never awaits it; the handler sees any failure
      request.prefetched = started;
    }
    const facts = await accessLog.checkAndLog(attemptOf(request, caseId, access.case), { ke: principal.roles.includes('ke'), coordinatorId: request.coordinatorId }, reason);
    if (!facts || !facts.allowed) throw notFound(`no case ${caseId}`);
    // A closed case is no one's ongoing work: reading it needs a stated reason (tjenstlig behov).
    if (!facts.granted) throw badRequest(`${REASON_HEADER}: the case is closed; reading it requires a reason`);
    request.caseStatus = facts.status;
    request.caseVersion = facts.version;
  });
});
