/**
 * Hostile input (test/helpers/hostile-input.ts): methods a route does not have, and bodies above the size limit.
 * Never a 5xx, and a rejected request changes nothing. Municipality 4995 is this file's alone.
 */
import {
  access,
  authFor,
  hit,
  hostileRoutes,
  pathOf,
  postRoutes,
  useHostileWorld,
} from '../helpers/hostile-input';
import { validBody } from '../helpers/hostile-requests';

const M = '4995';
useHostileWorld(M);

describe('hostile input', () => {
  test('when an endpoint is called with a method it does not have, then 404 or 405 and nothing changes', async () => {
    for (const route of hostileRoutes()) {
      for (const method of ['PUT', 'PATCH', 'DELETE', ...(route.method === 'GET' ? ['POST'] : ['GET'])]) {
        if (hostileRoutes().some((r) => r.url === route.url && r.method === method)) continue;
        const payload = JSON.stringify(validBody('POST', route.url) ?? {});
        const status = await hit({
          method,
          url: pathOf(route),
          route: `${method} ${route.url}`,
          payload: method === 'GET' ? undefined : payload,
          headers: { ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), authorization: await authFor(access(route)) },
        });
        expect([404, 405]).toContain(status);
      }
    }
  });

  test('when a POST body is above the 256 KiB limit, then 413 and nothing changes', async () => {
    for (const route of postRoutes()) {
      const limit = route.url.startsWith('/codec/') ? 8 * 1024 * 1024 : 256 * 1024;
      const payload = JSON.stringify({ ...(validBody(route.method, route.url) ?? {}), padding: 'x'.repeat(limit + 1) });
      const status = await hit({
        method: 'POST',
        url: pathOf(route),
        route: `POST ${route.url}`,
        payload,
        headers: { 'content-type': 'application/json', authorization: await authFor(access(route)) },
      });
      expect({ route: route.url, status }).toEqual({ route: route.url, status: 413 });
    }
  });
});
