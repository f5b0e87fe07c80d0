/**
 * The typed API client (api/client) for tests, speaking to the app in-process: its fetch is
 * app.inject, so the requests go through every hook, schema and serializer as over a socket.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApiClient, type ApiClient } from '../../api/client';
import { tokenFor, type Who } from './auth';

/** A fetch that answers from the app without a socket. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const res = await app.inject({
      method: request.method as InjectOptions['method'],
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      payload: body,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers });
  };
}

/** A client of the app, signed in as `who` (KE of the test municipality by default). */
export function clientOf(app: FastifyInstance, who: Who = {}): ApiClient {
  return createApiClient({ baseUrl: 'http://barnekoordinator.test', fetch: injectFetch(app), token: () => tokenFor(who) });
}
