import type { Client } from '@temporalio/client';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    taskQueue: string;
  }
}

/** Decorates the app with the Temporal client; closes its connection on close when owned. */
export default fp<{ client: Client; taskQueue: string; owned: boolean }>(
  async (app, { client, taskQueue, owned }) => {
    app.decorate('temporal', client);
    app.decorate('taskQueue', taskQueue);
    if (owned) app.addHook('onClose', async () => client.connection.close());
  },
  { name: 'temporal' },
);
