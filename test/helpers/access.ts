/** Calling the app as someone: the access tests' shorthand for a GET or POST with that caller's token. */
import type { FastifyInstance } from 'fastify';
import { bearer, type Who } from './auth';
import { call } from './http';

/** `app` is read at call time, so a test file can build its callers before its services start. */
export const callerAs = (app: () => FastifyInstance, who: Who) => ({
  get: async (url: string, headers: Record<string, string> = {}) => call(app(), 'GET', url, undefined, { ...(await bearer(who)), ...headers }),
  post: async (url: string, body: unknown = {}) => call(app(), 'POST', url, body, await bearer(who)),
});
