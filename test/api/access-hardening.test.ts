/**
 * Hardening: rate limits per token and per address, text PostgreSQL cannot store, security
 * headers, CORS and the local key set.
 */
import { buildApp } from '../../api/app';
import { createSigningKey, localAuthSettings, mintToken, verifyToken, type AuthSettings } from '../../lib/auth';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_MUNICIPALITY, bearer, testAuthSettings, testSigningKey, tokenFor, type Who } from '../helpers/auth';
import { appointed, unitWithCoordinator } from '../helpers/cases';
import { call } from '../helpers/http';
import { logger, startServices, type Services } from '../helpers/services';
import { today } from '../helpers/fixtures';
import { callerAs } from '../helpers/access';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const as = (who: Who) => callerAs(() => s.app, who);
const ke = as({ roles: ['ke'] });

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
