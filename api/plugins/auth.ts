/**
 * Who may call what. Every route declares its access in `config.access`; a route without one is
 * refused (fail closed). The checks, in order:
 *  1. authentication: a bearer token verified against the identity provider's keys (401);
 *  2. role: one of the route's roles (403);
 *  3. object and tenant: a case route answers only for a case of the caller's municipality and,
 *     for a coordinator, only for their own case or one they substitute on (404, as if the case
 *     did not exist); every such access, granted or not, is written to the access log before
 *     any data of the case is read.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { AuthError, verifyToken, type AuthSettings, type Principal, type Role } from '../../lib/auth';
import { badRequest, forbidden, notFound, unauthorized } from '../errors';

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
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The registry id of a caller in the coordinator role (null when none is registered). */
    coordinatorId: string | null;
    /** The status of the case a case route is about, as the access check found it. */
    caseStatus: string | null;
  }
  interface FastifyInstance {
    /** Writes one access-log row for a case the handler has resolved itself (POST /cases). */
    logCaseAccess(request: FastifyRequest, caseId: string, action: 'read' | 'change', granted: boolean, reason?: string): Promise<void>;
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

export const hasRole = (request: FastifyRequest, role: Role) => principalOf(request).roles.includes(role);

const REASON_HEADER = 'x-access-reason';
const REASON = /^[\p{L}\p{N}\p{P}\p{Zs}]{3,300}$/u;

interface CaseFacts {
  municipality: string | null;
  coordinator_id: string | null;
  substitute_id: string | null;
  status: string;
}

export default fp<{ settings: AuthSettings; pool: Pool }>(async (app, { settings, pool }) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('coordinatorId', null);
  app.decorateRequest('caseStatus', null);

  // A short-lived cache of subject -> coordinator id; registry changes show within a minute.
  const coordinators = new Map<string, { id: string | null; until: number }>();
  async function coordinatorIdOf(principal: Principal): Promise<string | null> {
    const key = `${principal.municipality}:${principal.subject}`;
    const hit = coordinators.get(key);
    if (hit && hit.until > Date.now()) return hit.id;
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM coordinators WHERE municipality = $1 AND subject = $2', [
      principal.municipality,
      principal.subject,
    ]);
    const id = rows[0]?.id ?? null;
    if (coordinators.size > 10_000) coordinators.clear();
    coordinators.set(key, { id, until: Date.now() + 60_000 });
    return id;
  }

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    // Unknown URLs fall through to the 404 handler, which tells nothing.
    if (access === 'public' || request.routeOptions.url === undefined) return;
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(header)) {
      reply.header('www-authenticate', 'Bearer');
      throw unauthorized('a bearer token is required (Authorization: Bearer <token>)');
    }
    let principal: Principal;
    try {
      principal = await verifyToken(header.slice(7), settings);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw unauthorized(err.message);
    }
    request.principal = principal;
    if (access === undefined) throw forbidden('this endpoint has no access rule and is closed');
    if (!principal.roles.some((r) => access.roles.includes(r))) {
      throw forbidden(`the role ${principal.roles.join(', ')} may not use this endpoint (allowed: ${access.roles.join(', ')})`);
    }
    if (principal.roles.includes('coordinator')) request.coordinatorId = await coordinatorIdOf(principal);
  });

  async function writeLog(request: FastifyRequest, caseId: string, action: 'read' | 'change', granted: boolean, reason?: string) {
    const principal = principalOf(request);
    await pool.query(
      `INSERT INTO access_log (case_id, subject, roles, municipality, method, route, action, granted, reason, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [caseId, principal.subject, principal.roles, principal.municipality ?? null, request.method, request.routeOptions.url, action, granted, reason ?? null, request.id],
    );
  }
  app.decorate('logCaseAccess', writeLog);

  // After validation, so :id is a well-formed case id.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public' || !access.case) return;
    const caseId = (request.params as { id: string }).id;
    const { rows } = await pool.query<CaseFacts>('SELECT municipality, coordinator_id, substitute_id, status FROM cases WHERE id = $1', [caseId]);
    const facts = rows[0];
    if (!facts) throw notFound(`no case ${caseId}`);
    const principal = principalOf(request);
    const granted =
      facts.municipality === principal.municipality &&
      (principal.roles.includes('ke') ||
        (request.coordinatorId !== null && (facts.coordinator_id === request.coordinatorId || facts.substitute_id === request.coordinatorId)));
    const given = request.headers[REASON_HEADER];
    const reason = typeof given === 'string' && given.trim() !== '' ? given.trim() : undefined;
    if (granted && reason !== undefined && !REASON.test(reason)) throw badRequest(`${REASON_HEADER}: 3 to 300 letters, digits, spaces and punctuation`);
    // A closed case is no one's ongoing work: reading it needs a stated reason (tjenstlig behov).
    if (granted && facts.status === 'closed' && access.case === 'read' && reason === undefined) {
      await writeLog(request, caseId, access.case, false);
      throw badRequest(`${REASON_HEADER}: the case is closed; reading it requires a reason`);
    }
    await writeLog(request, caseId, access.case, granted, granted ? reason : undefined);
    if (!granted) throw notFound(`no case ${caseId}`);
    request.caseStatus = facts.status;
  });
});
