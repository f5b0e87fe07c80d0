import type { FastifyRequest } from 'fastify';
import { principalOf } from './plugins/auth';

/** Who is acting, for the event log: the token's subject (a pseudonymous id, never a name). */
export function actorOf(request: FastifyRequest): string {
  return principalOf(request).subject;
}
