/**
 * The API contract: the served OpenAPI document is the committed one, lints clean, names every
 * operation and its problems; every refusal is a problem details object; and a command made
 * against a version of the case that has moved on is refused with 412 and changes nothing.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ifMatch } from '../../api/client';
import { PROBLEMS, problemType } from '../../api/errors';
import { problemsOf } from '../../api/openapi';
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { clientOf } from '../helpers/client';
import { newCase } from '../helpers/cases';
import { today } from '../helpers/fixtures';

const root = join(__dirname, '..', '..');
const committed = JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8'));

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const consent = { givenBy: 'Per Testforelder', role: 'parent' as const, covers: ['appointment' as const], givenOn: today() };
const events = async (id: string) => (await s.pool.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [id])).rows[0].n as number;

describe('the OpenAPI document', () => {
  test('when the app serves its document, then it is the committed openapi.json (run `npm run openapi` after changing the API)', async () => {
    const served = await call(s.app, 'GET', '/docs/json', undefined, { authorization: '' });
    expect(served.status).toBe(200);
    expect(served.body).toEqual(committed);
  });

  test('when the generator runs, then openapi.json and the typed client are current and the linter finds nothing', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'openapi.ts'), '--check'], { cwd: root, timeout: 120_000 });
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(report).toEqual({ documentCurrent: true, clientCurrent: true, lint: [] });
  }, 120_000);

  test('when an operation is documented, then it has an operationId, tags and every problem its route can meet', () => {
    const ids = new Set<string>();
    for (const route of s.app.routeAccess) {
      if (route.url.startsWith('/docs') || route.method === 'OPTIONS' || route.method === 'HEAD' || route.url === '/metrics') continue;
      // Browser navigations answered with redirects (the sign-in), hidden from the document.
      if (route.url === '/auth/login' || route.url === '/auth/callback') continue;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = committed.paths[path]?.[route.method.toLowerCase()];
      expect({ route: `${route.method} ${route.url}`, documented: operation !== undefined }).toEqual({ route: `${route.method} ${route.url}`, documented: true });
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(operation.operationId)).toBe(false);
      ids.add(operation.operationId);
      expect(operation.tags.length).toBeGreaterThan(0);
      const config = { access: route.access, ifMatch: operation.operationId !== 'registerCase' && route.method === 'POST' && route.url.startsWith('/cases/:id') };
      for (const code of problemsOf({ method: route.method, url: route.url, config })) {
        expect(operation.responses[PROBLEMS[code].status]?.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    // Every command of a case takes If-Match and says so.
    expect(committed.paths['/cases/{id}/closure'].post.responses['412'].description).toBe(PROBLEMS.precondition_failed.title);
    expect(committed.paths['/cases/{id}/closure'].post.parameters.map((p: { name: string }) => p.name)).toContain('if-match');
  });
});

describe('problem details', () => {
  test.each([
    ['invalid input', () => call(s.app, 'POST', '/cases', { child: {} }), 400, 'bad_request'],
    ['no token', () => call(s.app, 'GET', '/cases', undefined, { authorization: '' }), 401, 'unauthorized'],
    ['a role without the right', async () => call(s.app, 'POST', '/units', { name: 'X', sector: 'health' }, await bearer({ roles: ['coordinator'] })), 403, 'forbidden'],
    ['an unknown case', () => call(s.app, 'GET', '/cases/00000000-0000-4000-8000-000000000000'), 404, 'not_found'],
    ['an unknown route', () => call(s.app, 'GET', '/no-such-thing'), 404, 'not_found'],
  ] as const)('when a request meets %s, then the answer is a problem of that kind', async (_what, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: problemType(code), title: PROBLEMS[code].title, status, detail: expect.any(String) });
    expect(res.body.instance).toBe(res.headers['x-request-id']);
  });

  test('when the body is invalid, then each field is named with its problem', async () => {
    const id = await newCase(s.app);
    const res = await call(s.app, 'POST', `/cases/${id}/consents`, { ...consent, role: 'uncle', givenOn: 'yesterday' });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.role', message: expect.any(String) },
        { field: 'body.givenOn', message: expect.any(String) },
      ]),
    );
  });

  test("when a command breaks the case's rules, then the problem names the rule", async () => {
    const id = await newCase(s.app);
    const res = await call(s.app, 'POST', `/cases/${id}/decision`, { outcome: 'granted', reasons: 'Vilkårene er oppfylt.', decidedOn: today() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: '/problems/conflict', rule: 'InvalidTransition', detail: expect.any(String) });
  });
});

describe('optimistic concurrency', () => {
  test('when a case is read or changed, then its ETag is its version', async () => {
    const api = clientOf(s.app);
    const id = await newCase(s.app);
    const read = await api.GET('/cases/{id}', { params: { path: { id } } });
    expect(read.response.headers.get('etag')).toBe(ifMatch(read.data!.version));
    const changed = await api.POST('/cases/{id}/consents', { params: { path: { id }, header: { 'if-match': ifMatch(read.data!.version) } }, body: consent });
    expect(changed.response.status).toBe(200);
    expect(changed.data!.version).toBe(read.data!.version + 1);
    expect(changed.response.headers.get('etag')).toBe(ifMatch(changed.data!.version));
  });

  test('when a command is made against a version the case has moved on from, then it is refused with 412 and nothing changes', async () => {
    const api = clientOf(s.app);
    const id = await newCase(s.app);
    const before = (await api.GET('/cases/{id}', { params: { path: { id } } })).data!;
    await api.POST('/cases/{id}/consents', { params: { path: { id } }, body: consent });
    const moved = (await api.GET('/cases/{id}', { params: { path: { id } } })).data!;
    const eventsBefore = await events(id);

    const stale = await api.POST('/cases/{id}/kartlegging/schedule', {
      params: { path: { id }, header: { 'if-match': ifMatch(before.version) } },
      body: { scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(stale.error).toMatchObject({ type: '/problems/precondition-failed', status: 412, rule: 'VersionMismatch' });
    expect((stale.error as { detail: string }).detail).toBe(`the case is at version ${moved.version}, not ${before.version}: read it again and decide anew`);

    const after = (await api.GET('/cases/{id}', { params: { path: { id } } })).data!;
    expect(after).toEqual(moved);
    expect(await events(id)).toBe(eventsBefore);
  });

  test('when two caseworkers send commands against the same version at once, then one is applied and the other gets 412', async () => {
    const api = clientOf(s.app);
    const id = await newCase(s.app, {
      consenters: [
        { name: 'Per Testforelder', role: 'parent' },
        { name: 'Kari Testforelder', role: 'parent' },
      ],
    });
    const { version } = (await api.GET('/cases/{id}', { params: { path: { id } } })).data!;
    const send = (givenBy: string) => api.POST('/cases/{id}/consents', { params: { path: { id }, header: { 'if-match': ifMatch(version) } }, body: { ...consent, givenBy } });
    const answers = await Promise.all([send('Per Testforelder'), send('Kari Testforelder')]);
    expect(answers.map((a) => a.response.status).sort()).toEqual([200, 412]);
    const after = (await api.GET('/cases/{id}', { params: { path: { id } } })).data!;
    expect(after.version).toBe(version + 1);
    expect(after.consents).toHaveLength(1);
  });

  test('when If-Match is *, absent, or a repeat of an applied command, then the command is not held to a version', async () => {
    const api = clientOf(s.app);
    const id = await newCase(s.app);
    const { version } = (await api.GET('/cases/{id}', { params: { path: { id } } })).data!;
    const any = await api.POST('/cases/{id}/consents', { params: { path: { id }, header: { 'if-match': '*' } }, body: consent });
    expect(any.data!.version).toBe(version + 1);
    // The same command again with its Idempotency-Key and its old If-Match is the same command: its first answer.
    const header = { 'if-match': ifMatch(version + 1), 'idempotency-key': `contract-${id}` };
    const scheduled = { scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString() };
    const first = await api.POST('/cases/{id}/kartlegging/schedule', { params: { path: { id }, header }, body: scheduled });
    const repeat = await api.POST('/cases/{id}/kartlegging/schedule', { params: { path: { id }, header }, body: scheduled });
    expect(first.response.status).toBe(200);
    expect(repeat.response.status).toBe(200);
    expect(repeat.data).toEqual(first.data);
  });

  test('when If-Match is not one strong entity tag, then it is refused with 400 naming the header', async () => {
    const id = await newCase(s.app);
    for (const given of ['W/"1"', '"1", "2"', '1', 'x']) {
      const res = await call(s.app, 'POST', `/cases/${id}/consents`, consent, { 'if-match': given });
      expect({ given, status: res.status }).toEqual({ given, status: 400 });
      expect(res.body.detail).toMatch(/^headers\.if-match: /);
    }
    expect(await events(id)).toBe(1);
  });
});
