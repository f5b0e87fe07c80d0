/**
 * Optimistic concurrency: a case's version is its entity tag. GET /cases/{id} and every command
 * answer with `ETag: "<version>"`; a command with `If-Match: "<version>"` is applied only if the
 * case is still at that version, else it is refused with 412 and changes nothing. The case's
 * workflow makes the comparison, under the lock it applies commands with, so two caseworkers
 * cannot overwrite each other unknowingly even when their commands race.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from './errors';
import { idempotencyHeaders } from './schemas';

export const versionTag = (version: number) => `"${version}"`;

export function setVersionTag(reply: FastifyReply, version: number): void {
  reply.header('etag', versionTag(version));
}

/** The headers of a command: an optional Idempotency-Key and an optional If-Match. */
export const ifMatchHeaders = idempotencyHeaders.extend({
  'if-match': z
    .string()
    .max(100)
    .optional()
    .describe('The ETag of the case version the command was made against, e.g. "7"; 412 if the case has moved on. * matches any version.'),
});

/**
 * The version a command's If-Match holds it to: undefined without the header or with `*`. One
 * strong entity tag is taken; a weak tag never matches for If-Match (RFC 9110 §13.1.1).
 */
export function versionExpected(request: FastifyRequest): number | undefined {
  const given = request.headers['if-match'];
  if (given === undefined) return undefined;
  const value = String(given).trim();
  if (value === '*') return undefined;
  const match = /^"(\d{1,9})"$/.exec(value);
  if (!match) throw badRequest(`headers.if-match: give one entity tag as the case's ETag gives it, e.g. "7" (weak tags and lists are not taken)`);
  return Number(match[1]);
}
