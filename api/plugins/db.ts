import fp from 'fastify-plugin';
import type { Pool } from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    pg: Pool;
  }
}

/** Decorates the app with the Postgres pool; ends it on close when the app owns it. */
export default fp<{ pool: Pool; owned: boolean }>(
  async (app, { pool, owned }) => {
    app.decorate('pg', pool);
    if (owned) app.addHook('onClose', async () => pool.end());
  },
  { name: 'db' },
);
