/**
 * Prometheus metrics: HTTP latency by route and the reminder outbox (pending, sent, failed, age of
 * the oldest pending), per API process. Each worker serves its own Temporal SDK metrics (workflow
 * and activity outcomes, task latencies) on its exporter, and with several workers Prometheus
 * scrapes each (deploy/prometheus.yml). Only with workerMetricsUrl — npm start's one worker — is
 * that worker's page passed on here, so one scrape shows everything on a development machine.
 */
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export default fp<{ workerMetricsUrl?: string }>(
  async (app, { workerMetricsUrl }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'bk_api_' });

    const httpDuration = new Histogram({
      name: 'bk_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const httpErrors = new Counter({
      name: 'bk_http_server_errors_total',
      help: 'Responses with status 5xx',
      labelNames: ['route'],
      registers: [registry],
    });
    const reminders = new Gauge({
      name: 'bk_reminders',
      help: 'Reminders and escalations in the outbox by status',
      labelNames: ['status'],
      registers: [registry],
    });
    const outboxAge = new Gauge({
      name: 'bk_outbox_oldest_pending_seconds',
      help: 'Age of the oldest reminder not yet delivered (0 when none)',
      registers: [registry],
    });

    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the URL: ids stay out of label values.
      const route = request.routeOptions.url ?? 'unmatched';
      httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      if (reply.statusCode >= 500) httpErrors.inc({ route });
    });

    app.get('/metrics', { config: { access: { roles: ['ops'] } }, schema: { hide: true, operationId: 'getMetrics', tags: ['operations'] } }, async (_request, reply) => {
      const rows = await app.reminders.deliveryCounts();
      reminders.reset();
      for (const status of ['pending', 'sending', 'sent', 'failed']) reminders.set({ status }, 0);
      let oldest = 0;
      for (const r of rows) {
        reminders.set({ status: r.status }, r.n);
        if (r.oldest !== null) oldest = Math.max(oldest, Number(r.oldest));
      }
      outboxAge.set(oldest);
      const worker = workerMetricsUrl
        ? await fetch(workerMetricsUrl, { signal: AbortSignal.timeout(2000) }).then((r) => (r.ok ? r.text() : ''), () => '')
        : '';
      return reply.type(registry.contentType).send(`${await registry.metrics()}\n${worker}`);
    });
  },
  { name: 'metrics', dependencies: ['repositories'] },
);
