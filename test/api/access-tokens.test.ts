/**
 * Token verification: missing, malformed, expired, foreign, future or overlong tokens, the
 * scheme's case, and keys published by OpenID discovery.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, type JWTPayload } from 'jose';
import { authSettingsFrom, createSigningKey, mintToken, verifyToken, type AuthSettings, type Role } from '../../lib/auth';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_MUNICIPALITY, testAuthSettings, testSigningKey, tokenFor } from '../helpers/auth';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
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
      ['no role of ours', mintToken(key, { ...claims, roles: ['superuser' as Role] }), /no role/],
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
