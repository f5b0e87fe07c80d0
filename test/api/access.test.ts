/**
 * Who may see and do what: every route's roles (allowed and refused), object-level checks for
 * coordinators, tenant scoping by municipality, the access log, and token verification.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../api/app';
import { SignJWT, type JWTPayload } from 'jose';
import { authSettingsFrom, createSigningKey, localAuthSettings, mintToken, verifyToken, type AuthSettings, type Role } from '../../lib/auth';
import { OTHER_MUNICIPALITY, TEST_AUDIENCE, TEST_ISSUER, TEST_MUNICIPALITY, bearer, testAuthSettings, testSigningKey, tokenFor, type Who } from '../helpers/auth';
import { appointed, newCase, unitWithCoordinator } from '../helpers/cases';
import { call, eventually } from '../helpers/http';
import { logger, startServices, type Services } from '../helpers/services';
import { today } from '../helpers/fixtures';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const as = (who: Who) => ({
  get: async (url: string, headers: Record<string, string> = {}) => call(s.app, 'GET', url, undefined, { ...(await bearer(who)), ...headers }),
  post: async (url: string, body: unknown = {}) => call(s.app, 'POST', url, body, await bearer(who)),
});
const ke = as({ roles: ['ke'] });
const otherKe = as({ roles: ['ke'], sub: 'ke-other', municipality: OTHER_MUNICIPALITY });
const leader = as({ roles: ['leader'] });

const K: Role[] = ['ke'];
const KC: Role[] = ['ke', 'coordinator'];
const KL: Role[] = ['ke', 'leader'];

/** Who may use each route: the specification the routes' access rules must match. */
const EXPECTED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /metrics': ['ops'],
  'POST /codec/encode': ['ops', 'ke'],
  'POST /codec/decode': ['ops', 'ke'],
  'POST /cases': K,
  'GET /cases': KC,
  'GET /cases/:id': KC,
  'GET /cases/:id/events': KC,
  'GET /cases/:id/access-log': K,
  'GET /cases/:id/letters': KC,
  'GET /cases/:id/letters/:letterId': KC,
  'POST /cases/:id/consents': K,
  'POST /cases/:id/consents/withdrawal': K,
  'POST /cases/:id/kartlegging/schedule': K,
  'POST /cases/:id/kartlegging': K,
  'POST /cases/:id/kartlegging/assessment': K,
  'POST /cases/:id/decision': K,
  'POST /cases/:id/complaints': K,
  'POST /cases/:id/complaints/:complaintId/outcome': K,
  'POST /cases/:id/appointment': K,
  'POST /cases/:id/kick-off': KC,
  'POST /cases/:id/ansvarsgruppe': KC,
  'POST /cases/:id/meetings': KC,
  'POST /cases/:id/meetings/:meetingId/move': KC,
  'POST /cases/:id/meetings/:meetingId/cancellation': KC,
  'POST /cases/:id/meetings/:meetingId/held': KC,
  'POST /cases/:id/meetings/:meetingId/minutes': KC,
  'POST /cases/:id/individual-plan': KC,
  'POST /cases/:id/birth': KC,
  'POST /cases/:id/tasks/:taskId/completion': KC,
  'POST /cases/:id/extension': K,
  'POST /cases/:id/closure': K,
  'POST /units': K,
  'GET /units': KL,
  'POST /coordinators': K,
  'GET /coordinators': KL,
  'GET /coordinators/:id': KL,
  'POST /coordinators/:id/absences': K,
  'GET /coordinators/:id/reminders': KC,
  'GET /ke/reminders': K,
  'GET /ke/worklist': K,
  'GET /ke/caseload': KL,
  'GET /ke/reports/yearly': KL,
};

const ROLES: Role[] = ['ke', 'coordinator', 'leader', 'ops'];

describe('roles', () => {
  const routes = () => s.app.routeAccess.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/docs'));

  test('when the routes are listed, then every one has exactly the roles the specification gives it', () => {
    const actual = Object.fromEntries(routes().map((r) => [`${r.method} ${r.url}`, r.access === 'public' ? 'public' : [...r.access.roles].sort()]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, v === 'public' ? v : [...v].sort()]));
    expect(actual).toEqual(expected);
  });

  test('when each role calls each endpoint, then the allowed get past authorisation and the others get 403; without a token, 401', async () => {
    const coordinator = await unitWithCoordinator(s.app, undefined, 'coord-roles');
    const caseId = await appointed(s.app, coordinator);
    const letterId = (await ke.get(`/cases/${caseId}/letters`)).body.letters[0].id;
    const fill = (url: string) =>
      url
        .replace(/^\/coordinators\/:id/, `/coordinators/${coordinator.coordinatorId}`)
        .replace(':id', caseId)
        .replace(':letterId', letterId)
        .replace(/:(meetingId|complaintId|taskId)/, randomUUID());
    const tokens: Record<Role, Who> = {
      ke: { roles: ['ke'] },
      coordinator: { roles: ['coordinator'], sub: 'coord-roles' },
      leader: { roles: ['leader'] },
      ops: { roles: ['ops'], municipality: null },
    };
    const wrong: string[] = [];
    for (const route of routes()) {
      const url = fill(route.url);
      const method = route.method as 'GET' | 'POST';
      // An empty body: allowed callers get a validation answer, never a change.
      const body = method === 'POST' ? {} : undefined;
      const anonymous = await call(s.app, method, url, body, { authorization: '' });
      const expectedAnonymous = route.access === 'public' ? 200 : 401;
      if (anonymous.status !== expectedAnonymous) wrong.push(`${route.method} ${route.url} without token: ${anonymous.status}`);
      if (route.access === 'public') continue;
      for (const role of ROLES) {
        const res = await call(s.app, method, url, body, await bearer(tokens[role]));
        const allowed = route.access.roles.includes(role);
        if (allowed ? res.status === 401 || res.status === 403 : res.status !== 403) {
          wrong.push(`${route.method} ${route.url} as ${role}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('when a route is registered without an access rule, then the app refuses to start', async () => {
    await expect(
      buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings() }).then(async (app) => {
        app.get('/open', async () => 'open');
        await app.ready();
      }),
    ).rejects.toThrow('route GET /open has no access rule');
  });
});

describe('coordinators see their own cases', () => {
  test("when a coordinator asks for another coordinator's case, then it is 404 as if it did not exist, and nothing changes", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-a');
    await unitWithCoordinator(s.app, undefined, 'coord-b');
    const caseId = await appointed(s.app, a);
    const coordA = as({ roles: ['coordinator'], sub: 'coord-a' });
    const coordB = as({ roles: ['coordinator'], sub: 'coord-b' });

    expect((await coordA.get(`/cases/${caseId}`)).status).toBe(200);
    expect((await coordA.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    const kickOff = await coordA.post(`/cases/${caseId}/kick-off`, { heldOn: today() });
    expect(kickOff.status).toBe(200);
    const version = kickOff.body.version;

    const missing = await coordB.get(`/cases/${randomUUID()}`);
    for (const url of [`/cases/${caseId}`, `/cases/${caseId}/events`, `/cases/${caseId}/letters`]) {
      const res = await coordB.get(url);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe(missing.body.type);
    }
    expect((await coordB.post(`/cases/${caseId}/individual-plan`, { status: 'in_progress', on: today() })).status).toBe(404);
    expect((await coordB.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await ke.get(`/cases/${caseId}`)).body.version).toBe(version);

    // The event log names the coordinator by the token's subject.
    const events = (await ke.get(`/cases/${caseId}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'KickOffHeld', actor: 'coord-a' });
  });

  test("when a coordinator gives one of KE's commands on their own case, then 403", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-c');
    const caseId = await appointed(s.app, a);
    const coord = as({ roles: ['coordinator'], sub: 'coord-c' });
    expect((await coord.post(`/cases/${caseId}/closure`, { reason: 'need_ended', on: today() })).status).toBe(403);
    expect((await coord.post('/cases', {})).status).toBe(403);
    expect((await ke.get(`/cases/${caseId}`)).body.status).toBe('appointed');
  });

  test("when a coordinator's token is not linked to the registry, then they see no case", async () => {
    const a = await unitWithCoordinator(s.app);
    const caseId = await appointed(s.app, a);
    const ghost = as({ roles: ['coordinator'], sub: 'not-in-registry' });
    expect((await ghost.get('/cases')).body.cases).toEqual([]);
    expect((await ghost.get(`/cases/${caseId}`)).status).toBe(404);
  });

  test('when a coordinator is on leave with a substitute, then the substitute sees the case while the leave lasts', async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-leave');
    const b = await unitWithCoordinator(s.app, undefined, 'coord-sub');
    const caseId = await appointed(s.app, a);
    const sub = as({ roles: ['coordinator'], sub: 'coord-sub' });
    expect((await sub.get(`/cases/${caseId}`)).status).toBe(404);
    const leave = await ke.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'leave', from: today(), substituteId: b.coordinatorId });
    expect(leave.status).toBe(202);
    await eventually(async () => (await sub.get(`/cases/${caseId}`)).status === 200 || undefined);
    expect((await sub.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  test("when a coordinator reads reminders, then only their own inbox; another's is 404", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-inbox-a');
    const b = await unitWithCoordinator(s.app, undefined, 'coord-inbox-b');
    const coordA = as({ roles: ['coordinator'], sub: 'coord-inbox-a' });
    expect((await coordA.get(`/coordinators/${a.coordinatorId}/reminders`)).status).toBe(200);
    expect((await coordA.get(`/coordinators/${b.coordinatorId}/reminders`)).status).toBe(404);
    expect((await ke.get(`/coordinators/${b.coordinatorId}/reminders`)).status).toBe(200);
  });

  test('when a leader reads, then caseloads and the report, never a case', async () => {
    const caseId = await newCase(s.app);
    expect((await leader.get('/ke/caseload')).status).toBe(200);
    expect((await leader.get(`/ke/reports/yearly?year=${new Date().getUTCFullYear()}`)).status).toBe(200);
    expect((await leader.get(`/cases/${caseId}`)).status).toBe(403);
    expect((await leader.get('/cases')).status).toBe(403);
  });
});

describe('municipalities', () => {
  test("when KE of another municipality reaches for a case, unit or coordinator, then it does not exist for them and nothing changes", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-tenant');
    const caseId = await appointed(s.app, a);
    const before = (await ke.get(`/cases/${caseId}`)).body.version;

    expect((await otherKe.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await otherKe.get(`/cases/${caseId}/events`)).status).toBe(404);
    expect((await otherKe.post(`/cases/${caseId}/kick-off`, { heldOn: today() })).status).toBe(404);
    expect((await otherKe.post(`/cases/${caseId}/closure`, { reason: 'moved_away', on: today() })).status).toBe(404);
    expect((await otherKe.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await otherKe.get(`/coordinators/${a.coordinatorId}`)).status).toBe(404);
    expect((await otherKe.get(`/coordinators/${a.coordinatorId}/reminders`)).status).toBe(404);
    expect((await otherKe.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: today() })).status).toBe(404);
    expect((await otherKe.get('/units')).body.units.map((u: { id: string }) => u.id)).not.toContain(a.unitId);
    const caseload = (await otherKe.get('/ke/caseload')).body;
    expect(caseload.coordinators.map((c: { coordinatorId: string }) => c.coordinatorId)).not.toContain(a.coordinatorId);
    const worklist = (await otherKe.get('/ke/worklist?dueWithinDays=365&limit=500')).body;
    expect(worklist.deadlines.map((d: { caseId: string }) => d.caseId)).not.toContain(caseId);

    // Their own case cannot be given our unit and coordinator.
    const theirs = (await otherKe.post('/cases', (await ke.get(`/cases/${caseId}`)).body.request)).body.id;
    expect((await ke.get(`/cases/${theirs}`)).status).toBe(404);
    expect((await ke.get(`/cases/${caseId}`)).body.version).toBe(before);
    expect((await otherKe.get(`/cases/${theirs}`)).body.municipality).toBe(OTHER_MUNICIPALITY);
  });

  test('when two municipalities use the same Idempotency-Key, then each gets its own case', async () => {
    const key = `shared-${randomUUID()}`;
    const body = (await import('../helpers/fixtures')).caseRequest();
    const ours = await call(s.app, 'POST', '/cases', body, { 'idempotency-key': key });
    const theirs = await call(s.app, 'POST', '/cases', body, { 'idempotency-key': key, ...(await bearer({ roles: ['ke'], municipality: OTHER_MUNICIPALITY })) });
    expect(ours.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(ours.body.id);
    expect(ours.body.municipality).toBe(TEST_MUNICIPALITY);
  });
});

describe('access log', () => {
  test('when a case is created, read, changed and refused, then KE sees each access with who, role, endpoint and outcome, and no names', async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-log');
    const caseId = await appointed(s.app, a);
    const coord = as({ roles: ['coordinator'], sub: 'coord-log' });
    await coord.get(`/cases/${caseId}`);
    await coord.post(`/cases/${caseId}/kick-off`, { heldOn: today() });
    await as({ roles: ['coordinator'], sub: 'coord-b' }).get(`/cases/${caseId}/letters`);
    await otherKe.get(`/cases/${caseId}`);

    const res = await ke.get(`/cases/${caseId}/access-log`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as { subject: string; action: string; endpoint: string; granted: boolean; roles: string[] }[];
    const seen = entries.map((e) => `${e.subject} ${e.action} ${e.endpoint} ${e.granted}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'ke-tester change /cases true',
        'ke-tester change /cases/:id/appointment true',
        'coord-log read /cases/:id true',
        'coord-log change /cases/:id/kick-off true',
        'coord-b read /cases/:id/letters false',
      ]),
    );
    // Another municipality's attempt is not the family's to see (it is kept apart; see below).
    expect(entries.filter((e) => e.subject === 'ke-other')).toEqual([]);
    expect(entries.find((e) => e.subject === 'coord-log')?.roles).toEqual(['coordinator']);
    expect(JSON.stringify(res.body)).not.toContain('Testbarn');
    // Reading the log is itself logged, and only KE may.
    expect((await coord.get(`/cases/${caseId}/access-log`)).status).toBe(403);
    const again = (await ke.get(`/cases/${caseId}/access-log`)).body.entries;
    expect(again.at(-1)).toMatchObject({ subject: 'ke-tester', endpoint: '/cases/:id/access-log', granted: true });
  });

  test("when callers of another municipality try a case again and again, then the family's log shows none of it, and one row per caller and hour counts the attempts for security review", async () => {
    const caseId = await newCase(s.app);
    const otherCoordinator = as({ roles: ['coordinator'], sub: 'coord-elsewhere', municipality: OTHER_MUNICIPALITY });
    for (let i = 0; i < 5; i++) expect((await otherKe.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await otherKe.post(`/cases/${caseId}/closure`, { reason: 'moved_away', on: today() })).status).toBe(404);
    expect((await otherCoordinator.get(`/cases/${caseId}/events`)).status).toBe(404);
    // A case id that does not exist writes nothing anywhere.
    const missing = randomUUID();
    expect((await otherKe.get(`/cases/${missing}`)).status).toBe(404);

    const entries = (await ke.get(`/cases/${caseId}/access-log`)).body.entries as { subject: string; municipality: string }[];
    expect(entries.map((e) => e.subject)).toEqual(['ke-tester', 'ke-tester']);
    expect(entries.every((e) => e.municipality === TEST_MUNICIPALITY)).toBe(true);

    const { rows } = await s.pool.query(
      // Summed over the hour rows, in case the attempts straddled the turn of an hour.
      `SELECT subject, min(municipality) AS municipality, sum(attempts)::int AS attempts,
              (array_agg(last_route ORDER BY last_at DESC))[1] AS last_route, (array_agg(last_action ORDER BY last_at DESC))[1] AS last_action
         FROM foreign_access_attempts WHERE case_id = ANY($1::uuid[]) GROUP BY subject ORDER BY subject`,
      [[caseId, missing]],
    );
    expect(rows).toEqual([
      { subject: 'coord-elsewhere', municipality: OTHER_MUNICIPALITY, attempts: 1, last_route: '/cases/:id/events', last_action: 'read' },
      { subject: 'ke-other', municipality: OTHER_MUNICIPALITY, attempts: 6, last_route: '/cases/:id/closure', last_action: 'change' },
    ]);
    const logged = await s.pool.query('SELECT count(*)::int AS n FROM access_log WHERE case_id = ANY($1::uuid[]) AND municipality <> $2', [[caseId, missing], TEST_MUNICIPALITY]);
    expect(logged.rows[0].n).toBe(0);
  });

  test('when reads of a case are refused by the rate limit, then they are not logged as reads: only the granted ones are in the log', async () => {
    const app = await buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings(), rateLimitPerMinute: 2 });
    try {
      const caseId = await newCase(s.app);
      const reader = await bearer({ roles: ['ke'], sub: 'ke-hasty' });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(app, 'GET', `/cases/${caseId}`, undefined, reader)).status);
      expect(statuses).toEqual([200, 200, 429, 429, 429]);
      const entries = (await ke.get(`/cases/${caseId}/access-log`)).body.entries as { subject: string; granted: boolean }[];
      expect(entries.filter((e) => e.subject === 'ke-hasty')).toEqual([
        expect.objectContaining({ endpoint: '/cases/:id', granted: true }),
        expect.objectContaining({ endpoint: '/cases/:id', granted: true }),
      ]);
    } finally {
      await app.close();
    }
  });

  test('when a closed case is read, then a reason is required and kept in the log', async () => {
    const caseId = await newCase(s.app);
    expect((await ke.post(`/cases/${caseId}/closure`, { reason: 'need_ended', on: today() })).status).toBe(200);
    const without = await ke.get(`/cases/${caseId}`);
    expect(without.status).toBe(400);
    expect(without.body.detail).toMatch(/x-access-reason: the case is closed/);
    const reason = 'Innsyn etter krav fra familien';
    const withReason = await ke.get(`/cases/${caseId}`, { 'x-access-reason': reason });
    expect(withReason.status).toBe(200);
    expect(withReason.body.status).toBe('closed');
    const log = (await ke.get(`/cases/${caseId}/access-log`, { 'x-access-reason': 'Kontroll av tilgang' })).body.entries;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpoint: '/cases/:id', granted: false, reason: null }),
        expect.objectContaining({ endpoint: '/cases/:id', granted: true, reason }),
      ]),
    );
  });
});

describe('tokens', () => {
  const url = '/units';
  const withToken = async (token: string) => call(s.app, 'GET', url, undefined, { authorization: `Bearer ${token}` });
  const claims = { subject: 'kari', roles: ['ke'] as Role[], municipality: TEST_MUNICIPALITY, issuer: TEST_ISSUER, audience: TEST_AUDIENCE };

  test('when the token is missing, malformed, expired, foreign or without a role or municipality, then 401 says why', async () => {
    const key = await testSigningKey();
    const stranger = await createSigningKey('test-1');
    const cases: [string, Promise<string> | string, RegExp][] = [
      ['expired', mintToken(key, { ...claims, ttlSeconds: -120 }), /expired/],
      ['other audience', mintToken(key, { ...claims, audience: 'another-service' }), /aud claim/],
      ['other issuer', mintToken(key, { ...claims, issuer: 'https://evil.example/' }), /iss claim/],
      ['other key, same kid', mintToken(stranger, claims), /not signed by a trusted key/],
      ['no role of ours', mintToken(key, { ...claims, roles: ['admin' as Role] }), /no role/],
      ['KE without municipality', mintToken(key, { ...claims, municipality: undefined }), /municipality claim/],
      ['unsigned', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.e30`, /could not be verified|algorithm/],
    ];
    for (const [what, token, message] of cases) {
      const res = await withToken(await token);
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
      expect({ what, message: res.body.detail }).toEqual({ what, message: expect.stringMatching(message) });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await call(s.app, 'GET', url, undefined, { authorization: 'Basic a2U6a2U=' })).status).toBe(401);
    expect((await call(s.app, 'GET', url, undefined, { authorization: '' })).body.detail).toMatch(/bearer token is required/);
  });

  /** A token signed with the test key with exactly these claims (mintToken would refuse some). */
  const signed = async (claims: JWTPayload) =>
    new SignJWT({ iss: TEST_ISSUER, aud: TEST_AUDIENCE, roles: ['ke'], municipality: TEST_MUNICIPALITY, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: (await testSigningKey()).kid, typ: 'JWT' })
      .sign((await testSigningKey()).privateJwk);
  const now = () => Math.floor(Date.now() / 1000);

  test('when the sub claim is not a string (a number, true, an array), then 401', async () => {
    for (const sub of [42, true, ['kari'], { id: 'kari' }, '', 'kari nordmann', 'x'.repeat(201)]) {
      const res = await withToken(await signed({ sub: sub as string, iat: now(), exp: now() + 600 }));
      expect({ sub, status: res.status, message: res.body.detail }).toEqual({ sub, status: 401, message: expect.stringMatching(/sub claim/) });
    }
  });

  test('when a token is issued in the future or lives longer than the maximum (12 h by default), then 401 says so; a working day is accepted', async () => {
    const cases: [string, JWTPayload, RegExp][] = [
      ['iat an hour ahead', { iat: now() + 3600, exp: now() + 7200 }, /iat claim is in the future/],
      ['a 100-year token', { iat: now(), exp: now() + 100 * 365 * 86400 }, /at most 43200 s/],
      ['13 h without iat', { exp: now() + 13 * 3600 }, /exp − now.*at most 43200 s/],
      ['iat an hour ago, 12 h 1 min in all', { iat: now() - 3600, exp: now() + 11 * 3600 + 60 }, /at most 43200 s/],
    ];
    for (const [what, claims, message] of cases) {
      const res = await withToken(await signed({ sub: 'kari', ...claims }));
      expect({ what, status: res.status, message: res.body.detail }).toEqual({ what, status: 401, message: expect.stringMatching(message) });
    }
    for (const claims of [{ iat: now(), exp: now() + 12 * 3600 }, { iat: now() + 20, exp: now() + 3600 }, { exp: now() + 3600 }]) {
      expect((await withToken(await signed({ sub: 'kari', ...claims }))).status).toBe(200);
    }
    // The maximum is a setting.
    const strict: AuthSettings = { ...(await testAuthSettings()), maxTokenLifetimeSeconds: 600 };
    await expect(verifyToken(await signed({ sub: 'kari', iat: now(), exp: now() + 3600 }), strict)).rejects.toThrow(/at most 600 s/);
    await expect(verifyToken(await signed({ sub: 'kari', iat: now(), exp: now() + 600 }), strict)).resolves.toMatchObject({ subject: 'kari' });
  });

  test('when the scheme is written in another case (RFC 6750: case-insensitive), then the token is accepted', async () => {
    const token = await tokenFor({ roles: ['ke'] });
    for (const scheme of ['bearer', 'BEARER', 'Bearer', 'bEaReR']) {
      const res = await call(s.app, 'GET', url, undefined, { authorization: `${scheme} ${token}` });
      expect({ scheme, status: res.status }).toEqual({ scheme, status: 200 });
    }
    expect((await call(s.app, 'GET', url, undefined, { authorization: `Bearer\t${token}` })).status).toBe(401);
    expect((await call(s.app, 'GET', url, undefined, { authorization: `Bearerx ${token}` })).status).toBe(401);
  });

  test("when the identity provider publishes its keys by OpenID discovery, then its tokens verify and another key's do not", async () => {
    const key = await createSigningKey('idp-1');
    let server: Server | undefined;
    try {
      server = createServer((req, res) => {
        const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
        res.setHeader('content-type', 'application/json');
        if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks` }));
        if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [key.publicJwk] }));
        res.statusCode = 404;
        res.end('{}');
      });
      await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
      const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const settings = await authSettingsFrom({ issuer, audience: 'barnekoordinator' });
      const token = await mintToken(key, { subject: 'ola', roles: ['leader'], municipality: '5001', issuer, audience: 'barnekoordinator' });
      expect(await verifyToken(token, settings)).toEqual({ subject: 'ola', roles: ['leader'], municipality: '5001' });
      const forged = await mintToken(await createSigningKey('idp-2'), { subject: 'ola', roles: ['ke'], municipality: '5001', issuer, audience: 'barnekoordinator' });
      await expect(verifyToken(forged, settings)).rejects.toThrow('not signed by a trusted key');
      await expect(authSettingsFrom({ issuer: `${issuer}/other`, audience: 'x' })).rejects.toThrow(/OpenID discovery/);
    } finally {
      server?.close();
    }
  });
});

describe('hardening', () => {
  test('when one token sends more than the limit in a minute, then 429 names the limit, while other tokens and health go on', async () => {
    const app = await buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings(), rateLimitPerMinute: 3 });
    try {
      const busy = await bearer({ roles: ['ke'], sub: 'busy' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(app, 'GET', '/units', undefined, busy)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await call(app, 'GET', '/units', undefined, busy);
      expect(limited.body).toEqual({ type: '/problems/too-many-requests', title: expect.any(String), status: expect.any(Number), instance: expect.any(String), detail: expect.stringMatching(/at most 3 requests per minute per token/) });
      expect((await call(app, 'GET', '/units', undefined, await bearer({ roles: ['ke'], sub: 'calm' }))).status).toBe(200);
      expect((await call(app, 'GET', '/health', undefined, { authorization: '' })).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('when one address sends more bad tokens than the limit in a minute, then it gets 429 without a signature check; cached tokens, other addresses and health go on', async () => {
    const base = await testAuthSettings();
    let keyLookups = 0;
    const counting: AuthSettings = {
      ...base,
      keys: ((header: Parameters<AuthSettings['keys']>[0], token: Parameters<AuthSettings['keys']>[1]) => {
        keyLookups += 1;
        return base.keys(header, token);
      }) as AuthSettings['keys'],
    };
    const app = await buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: counting, authFailuresPerMinute: 5 });
    try {
      const from = (remoteAddress: string, authorization: string) => app.inject({ method: 'GET', url: '/units', remoteAddress, headers: { authorization } });
      const good = `Bearer ${await tokenFor({ roles: ['ke'], sub: 'ke-same-office' })}`;
      expect((await from('203.0.113.7', good)).statusCode).toBe(200);
      // A forged token: the test key's kid, another key's signature.
      const forged = `Bearer ${await mintToken(await createSigningKey('test-1'), { subject: 'mallory', roles: ['ke'], municipality: TEST_MUNICIPALITY, issuer: TEST_ISSUER, audience: TEST_AUDIENCE })}`;
      const statuses: number[] = [];
      const before = keyLookups;
      for (let i = 0; i < 20; i++) statuses.push((await from('203.0.113.7', forged)).statusCode);
      expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
      expect(keyLookups - before).toBe(5);
      const refused = await from('203.0.113.7', forged);
      expect(refused.json()).toEqual({ type: '/problems/too-many-requests', title: expect.any(String), status: expect.any(Number), instance: expect.any(String), detail: expect.stringMatching(/failed authentications from this address: at most 5 per minute/) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // A token verified before is cached: it costs no check and still passes from that address;
      // a token not seen yet waits, like the forged ones, until the minute is over.
      expect((await from('203.0.113.7', good)).statusCode).toBe(200);
      expect((await from('203.0.113.7', `Bearer ${await tokenFor({ roles: ['ke'], sub: 'ke-new-here' })}`)).statusCode).toBe(429);
      expect((await from('198.51.100.1', forged)).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('when text holds a NUL or a broken surrogate, which PostgreSQL cannot store, then 400 names where and nothing is written', async () => {
    const a = await unitWithCoordinator(s.app);
    const caseId = await appointed(s.app, a);
    const version = (await ke.get(`/cases/${caseId}`)).body.version;
    const { caseRequest } = await import('../helpers/fixtures');
    const nul = await ke.post('/cases', caseRequest({ caseworkerId: 'ke\u0000anne' }));
    expect(nul.status).toBe(400);
    expect(nul.body.detail).toBe('body.caseworkerId: contains a NUL character or a broken UTF-16 sequence');
    const surrogate = await ke.post(`/cases/${caseId}/closure`, { reason: 'other', on: today(), note: 'slutt \ud800' });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.detail).toMatch(/^body\.note: /);
    expect((await ke.get('/ke/worklist?responsible=%00')).status).toBe(400);
    const key = await call(s.app, 'POST', '/cases', caseRequest(), { 'idempotency-key': 'a\u0000b' });
    expect(key.status).toBe(400);
    expect((await ke.get(`/cases/${caseId}`)).body.version).toBe(version);
  });

  test('when anything is answered, then security headers are set; Swagger UI keeps its own script policy', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/units', headers: await bearer() });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
    const docs = await s.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  test('when a browser origin is allowed (the Temporal UI), then its preflight passes and other origins get no CORS grant', async () => {
    const app = await buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings(), corsOrigins: ['http://ui.example'] });
    try {
      const preflight = (origin: string) =>
        app.inject({ method: 'OPTIONS', url: '/codec/decode', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
      const allowed = await preflight('http://ui.example');
      expect(allowed.headers['access-control-allow-origin']).toBe('http://ui.example');
      expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/);
      expect((await preflight('http://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  test('when a verified token is checked, then the local key set accepts only its own key', async () => {
    const own = await testSigningKey();
    const settings = localAuthSettings(own, TEST_ISSUER, TEST_AUDIENCE);
    expect((await verifyToken(await tokenFor({ roles: ['ops'], municipality: null }), settings)).roles).toEqual(['ops']);
  });
});
