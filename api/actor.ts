import type { FastifyRequest } from 'fastify';

/**
 * Who is acting, for the event log. Until token authentication is in place the caller names
 * itself in the X-User header; without one the action is logged as KE's.
 */
export function actorOf(request: FastifyRequest): string {
  const given = request.headers['x-user'];
  return typeof given === 'string' && /^[\w.@:-]{1,100}$/.test(given) ? given : 'ke';
}
