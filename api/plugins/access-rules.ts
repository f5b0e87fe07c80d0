/**
 * Every route states who may use it (config.access, checked by the auth plugin). A route without
 * an access rule would be refused at run time, so it is refused at start-up instead. Swagger UI's
 * own routes and CORS preflights are public.
 */
import fp from 'fastify-plugin';
import type { Access } from './auth';

/** One route and who may use it, as the access rules declare. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule: the table the role tests check. */
    routeAccess: RouteAccess[];
  }
}

export default fp(
  async (app) => {
    const routeAccess: RouteAccess[] = [];
    app.decorate('routeAccess', routeAccess);
    app.addHook('onRoute', (route) => {
      // CORS preflights carry no token; the request that follows is checked.
      if (route.url.startsWith('/docs') || route.method === 'OPTIONS') route.config = { ...route.config, access: 'public' };
      else if (route.config?.access === undefined) throw new Error(`route ${route.method} ${route.url} has no access rule`);
      for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access: route.config!.access! });
    });
  },
  { name: 'access-rules' },
);
