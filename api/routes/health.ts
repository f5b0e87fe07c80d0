import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { health as healthBody } from '../schemas';

/** A worker counts as up if it polled the case task queue within this window. */
const POLLER_FRESH_MS = 70_000;

const withTimeout = <T>(p: Promise<T>, ms = 3000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  async function parts() {
    const postgres = await withTimeout(app.cases.ping()).then(() => 'up' as const, () => 'down' as const);
    const temporalUp = await withTimeout((app.temporal.connection as Connection).healthService.check({})).then(() => 'up' as const, () => 'down' as const);
    const worker = temporalUp === 'up' ? await workerPolling().catch(() => 'down' as const) : 'down';
    const state = { postgres, temporal: temporalUp, worker };
    const ok = Object.values(state).every((p) => p === 'up');
    return { status: ok ? ('ok' as const) : ('degraded' as const), parts: state };
  }

  // Liveness: the API answers; the state of each part is reported, not judged.
  app.get(
    '/health',
    { config: { access: 'public' }, schema: { tags: ['operations'], operationId: 'getHealth', summary: 'Liveness, with the state of each part', response: { 200: healthBody } } },
    async () => parts(),
  );

  // Readiness: 200 only when PostgreSQL, Temporal and a polling worker are all up.
  app.get(
    '/ready',
    { config: { access: 'public' }, schema: { tags: ['operations'], operationId: 'getReadiness', summary: 'Readiness: PostgreSQL, Temporal and a polling worker', response: { 200: healthBody, 503: healthBody } } },
    async (_request, reply) => {
      const body = await parts();
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );

  async function workerPolling(): Promise<'up' | 'down'> {
    const res = await withTimeout(
      app.temporal.workflowService.describeTaskQueue({
        namespace: app.temporal.options.namespace,
        taskQueue: { name: app.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const now = Date.now();
    const fresh = (res.pollers ?? []).some((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return now - seconds * 1000 < POLLER_FRESH_MS;
    });
    return fresh ? 'up' : 'down';
  }
};

export default healthRoutes;
