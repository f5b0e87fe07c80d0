/** Health, the OpenAPI document and the registry endpoints. */
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { bearer } from '../helpers/auth';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

test('when every part is up, then /health and /ready answer 200 with the state of each part', async () => {
  for (const path of ['/health', '/ready']) {
    const res = await call(s.app, 'GET', path);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', parts: { postgres: 'up', temporal: 'up', worker: 'up' } });
  }
});

test('when requests have been served, then /metrics shows latency by route pattern and the outbox, without ids', async () => {
  await call(s.app, 'GET', '/cases/00000000-0000-4000-8000-00000000000a');
  const res = await s.app.inject({ method: 'GET', url: '/metrics', headers: await bearer({ roles: ['ops'] }) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/plain/);
  expect(res.body).toMatch(/bk_http_request_duration_seconds_count\{method="GET",route="\/cases\/:id",status="404"\} \d+/);
  expect(res.body).not.toContain('00000000-0000-4000-8000-00000000000a');
  expect(res.body).toMatch(/bk_reminders\{status="pending"\} \d+/);
  expect(res.body).toMatch(/bk_outbox_oldest_pending_seconds \d+/);
});

test('when no worker polls the task queue, then /ready answers 503 naming the worker while /health stays live', async () => {
  const other = await startServices({ worker: false });
  try {
    const res = await call(other.app, 'GET', '/ready');
    expect(res.status).toBe(503);
    expect(res.body.parts).toEqual({ postgres: 'up', temporal: 'up', worker: 'down' });
    const live = await call(other.app, 'GET', '/health');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('degraded');
  } finally {
    await other.close();
  }
});

test('when the OpenAPI document is requested, then it describes the case commands and is browsable at /docs', async () => {
  const doc = await call(s.app, 'GET', '/docs/json');
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toMatch(/^3\./);
  for (const path of ['/cases', '/cases/{id}', '/cases/{id}/consents', '/cases/{id}/decision', '/cases/{id}/letters/{letterId}', '/units', '/coordinators/{id}']) {
    expect(Object.keys(doc.body.paths)).toContain(path);
  }
  // The request body is described down to the child's fields, not just named.
  expect(doc.body.paths['/cases'].post.requestBody.content['application/json'].schema.properties.child).toMatchObject({
    type: 'object',
    properties: { name: expect.objectContaining({ type: 'string' }), birthDate: expect.any(Object), expectedDate: expect.any(Object) },
  });
  const page = await s.app.inject({ method: 'GET', url: '/docs/' });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('swagger');
});

test('when units and coordinators are registered, then they are listed and duplicates or unknown units are refused', async () => {
  const name = `PPT ${Date.now()}`;
  const unit = await call(s.app, 'POST', '/units', { name, sector: 'childhood' });
  expect(unit.status).toBe(201);
  expect((await call(s.app, 'POST', '/units', { name, sector: 'childhood' })).status).toBe(409);
  expect((await call(s.app, 'GET', '/units')).body.units.map((u: { name: string }) => u.name)).toContain(name);

  const email = `k${Date.now()}@kommune.no`;
  const c = await call(s.app, 'POST', '/coordinators', { unitId: unit.body.id, name: 'Kari K', email });
  expect(c.status).toBe(201);
  expect(c.body.openCases).toBe(0);
  expect((await call(s.app, 'POST', '/coordinators', { unitId: unit.body.id, name: 'Kari K', email })).status).toBe(409);
  const unknownUnit = await call(s.app, 'POST', '/coordinators', { unitId: '00000000-0000-4000-8000-000000000009', name: 'X', email: `x${Date.now()}@k.no` });
  expect(unknownUnit.status).toBe(400);
  expect(unknownUnit.body.detail).toMatch(/unitId/);
  expect((await call(s.app, 'GET', `/coordinators?unitId=${unit.body.id}`)).body.coordinators).toHaveLength(1);
  expect((await call(s.app, 'GET', '/coordinators/00000000-0000-4000-8000-000000000009')).status).toBe(404);
  expect((await call(s.app, 'GET', '/coordinators/not-a-uuid')).status).toBe(400);
});

test('when a request carries an X-Request-Id, then the response echoes it', async () => {
  const res = await s.app.inject({ method: 'GET', url: '/units', headers: { 'x-request-id': 'trace-abc-123', ...(await bearer()) } });
  expect(res.headers['x-request-id']).toBe('trace-abc-123');
});
