/**
 * The Maskinporten client (lib/national/maskinporten.ts) against the fake Maskinporten
 * (test/fakes/maskinporten.ts), over HTTP: the JWT grant has exactly the claims Digdir names and
 * is signed by the registered key; tokens are cached per scope until shortly before they expire
 * and shared by callers asking at once; refusals are permanent, 5xx and timeouts retryable.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK } from 'jose';
import { PermanentError, RetryableError } from '../../lib/national/errors';
import { createMaskinportenClient } from '../../lib/national/maskinporten';
import { startFakeMaskinporten, type FakeMaskinporten } from '../fakes/maskinporten';
import { sleep, startServer } from '../fakes/server';

let clock = Date.UTC(2026, 2, 4, 9, 0, 0);
const now = () => clock;
let mp: FakeMaskinporten;
const registered = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = { clientId: randomUUID(), kid: randomUUID(), privateKey };
  mp.register({ clientId: client.clientId, kid: client.kid, publicKey, scopes: ['ks:fiks', 'krr:global/kontaktinformasjon.read'] });
  return client;
};

beforeAll(async () => {
  mp = await startFakeMaskinporten({ now, tokenLifetimeSeconds: 120 });
});
afterAll(async () => {
  await mp.close();
});

test('when a token is asked for, then the grant carries exactly aud, iss, scope, iat, exp (120 s) and jti, signed RS256 under the kid, and the token has the scope', async () => {
  const c = registered();
  const grants: string[] = [];
  const recording: typeof fetch = async (url, init) => {
    grants.push(new URLSearchParams(String(init?.body)).get('assertion')!);
    return fetch(url, init);
  };
  const tokens = createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: c.privateKey, kid: c.kid, scope: 'ks:fiks', now, fetch: recording });
  const token = await tokens.accessToken();
  expect(decodeJwt(token)).toMatchObject({ scope: 'ks:fiks', client_id: c.clientId, iss: mp.issuer });
  expect(grants).toHaveLength(1);
  expect(decodeProtectedHeader(grants[0])).toEqual({ alg: 'RS256', kid: c.kid });
  const claims = decodeJwt(grants[0]);
  expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
  expect(claims).toMatchObject({ aud: mp.issuer, iss: c.clientId, scope: 'ks:fiks', iat: clock / 1000 });
  expect(claims.exp! - claims.iat!).toBe(120);
});

test('when tokens are asked for again, at once, and with other scopes, then one grant per scope set, until shortly before expiry', async () => {
  const c = registered();
  const tokens = createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: c.privateKey, kid: c.kid, now, renewBeforeSeconds: 30 });
  const before = mp.issued;
  const together = await Promise.all(Array.from({ length: 5 }, () => tokens.accessToken('ks:fiks')));
  expect(new Set(together).size).toBe(1);
  expect(mp.issued).toBe(before + 1);

  clock += 60_000;
  expect(await tokens.accessToken('ks:fiks')).toBe(together[0]);
  // Scope order and repetition do not make another token.
  const krr = await tokens.accessToken('krr:global/kontaktinformasjon.read ks:fiks');
  expect(await tokens.accessToken('ks:fiks  krr:global/kontaktinformasjon.read ks:fiks')).toBe(krr);
  expect(mp.issued).toBe(before + 2);

  // 120 s lifetime, renewed 30 s before: at 90 s the first is renewed.
  clock += 30_000;
  const renewed = await tokens.accessToken('ks:fiks');
  expect(renewed).not.toBe(together[0]);
  expect(mp.issued).toBe(before + 3);

  tokens.invalidate('ks:fiks');
  expect(await tokens.accessToken('ks:fiks')).not.toBe(renewed);
  expect(mp.issued).toBe(before + 4);
});

test('when the key is given as PEM or as a JWK with its own kid, then the grant is accepted', async () => {
  const c = registered();
  const pem = c.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  expect(await createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: pem, kid: c.kid, scope: 'ks:fiks', now }).accessToken()).toBeTruthy();
  const pkcs1 = c.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  expect(await createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: pkcs1, kid: c.kid, scope: 'ks:fiks', now }).accessToken()).toBeTruthy();
  const jwk = JSON.stringify({ ...(await exportJWK(c.privateKey)), kid: c.kid });
  expect(await createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: jwk, scope: 'ks:fiks', now }).accessToken()).toBeTruthy();
  expect(() => createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: pem, scope: 'ks:fiks' })).toThrow(/kid/);
});

test('when Maskinporten refuses the grant (unknown kid, another key, wrong audience, a scope not granted), then the error is permanent with the OAuth error', async () => {
  const c = registered();
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const attempts = [
    [{ key: c.privateKey, kid: randomUUID(), issuer: mp.issuer, scope: 'ks:fiks' }, 'invalid_grant'],
    [{ key: other, kid: c.kid, issuer: mp.issuer, scope: 'ks:fiks' }, 'invalid_grant'],
    [{ key: c.privateKey, kid: c.kid, issuer: 'https://maskinporten.no/', tokenUrl: `${mp.url}/token`, scope: 'ks:fiks' }, 'invalid_grant'],
    [{ key: c.privateKey, kid: c.kid, issuer: mp.issuer, scope: 'ks:fiks skatteetaten:formueinntekt' }, 'invalid_scope'],
  ] as const;
  for (const [config, code] of attempts) {
    const err = await createMaskinportenClient({ clientId: c.clientId, now, ...config })
      .accessToken()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ status: 400, code, retryable: false });
  }
});

test('when Maskinporten answers 5xx or not in time, then the error is retryable, and the next request gets a token', async () => {
  const c = registered();
  const tokens = createMaskinportenClient({ issuer: mp.issuer, clientId: c.clientId, key: c.privateKey, kid: c.kid, scope: 'ks:fiks', now });
  mp.failNext(2, 503);
  for (let i = 0; i < 2; i++) await expect(tokens.accessToken()).rejects.toMatchObject({ retryable: true, status: 503 });
  expect(await tokens.accessToken()).toBeTruthy();

  const slow = await startServer(async () => {
    await sleep(2_000);
  });
  try {
    const err = await createMaskinportenClient({ issuer: mp.issuer, tokenUrl: `${slow.url}/token`, clientId: c.clientId, key: c.privateKey, kid: c.kid, scope: 'ks:fiks', timeoutMs: 200 })
      .accessToken()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as Error).message).toMatch(/no answer within 200 ms/);
  } finally {
    await slow.close();
  }
});
