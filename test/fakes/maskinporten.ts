/**
 * A fake Maskinporten: POST /token takes a JWT grant (grant_type
 * urn:ietf:params:oauth:grant-type:jwt-bearer) and checks it as Digdir documents: signed (RS256,
 * RS384, RS512) by the key registered for the client under the header's kid, iss = the client,
 * aud = this issuer, iat not in the future, exp at most 120 s after iat and not past, a jti not
 * seen before, only known claims, scopes the client was given. It answers with an access token,
 * a JWT signed with its own key, published at /jwk, which the fake SvarUt and KRR check.
 * Refusals are 400 with OAuth's {error, error_description}.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, jwtVerify, SignJWT } from 'jose';
import { reply, startServer, type FakeServer } from './server';

export interface RegisteredClient {
  clientId: string;
  kid: string;
  publicKey: KeyObject;
  scopes: string[];
}

export interface FakeMaskinporten extends FakeServer {
  /** The issuer identifier: the grant's aud and the tokens' iss (ends with /). */
  issuer: string;
  /** Access tokens issued so far. */
  issued: number;
  /** Grants refused so far, with the OAuth error. */
  refusals: string[];
  /** The next `count` token requests answer `status` (a 5xx burst). */
  failNext(count: number, status?: number): void;
  register(client: RegisteredClient): void;
}

const KNOWN_CLAIMS = new Set(['aud', 'iss', 'iat', 'exp', 'jti', 'scope', 'resource', 'sub', 'consumer_org', 'authorization_details', 'nbf']);

export async function startFakeMaskinporten(options: { tokenLifetimeSeconds?: number; now?: () => number } = {}): Promise<FakeMaskinporten> {
  const now = options.now ?? Date.now;
  const lifetime = options.tokenLifetimeSeconds ?? 120;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-maskinporten', alg: 'RS256', use: 'sig' };
  const clients = new Map<string, RegisteredClient>();
  const seenJti = new Set<string>();
  let failures = 0;
  let failStatus = 503;

  const fake: FakeMaskinporten = {
    url: '',
    issuer: '',
    issued: 0,
    refusals: [],
    failNext(count, status = 503) {
      failures = count;
      failStatus = status;
    },
    register(client) {
      clients.set(client.clientId, client);
    },
    close: async () => undefined,
  };

  const refuse = (res: Parameters<typeof reply>[0], error: string, description: string) => {
    fake.refusals.push(error);
    reply(res, 400, { error, error_description: description });
  };

  const server = await startServer(async (req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/jwk') return reply(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && path === '/.well-known/oauth-authorization-server') {
      return reply(res, 200, { issuer: fake.issuer, token_endpoint: `${fake.url}/token`, jwks_uri: `${fake.url}/jwk` });
    }
    if (req.method !== 'POST' || path !== '/token') return reply(res, 404, { error: 'not_found' });
    if (failures > 0) {
      failures--;
      return reply(res, failStatus, { error: 'server_error' });
    }
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return refuse(res, 'invalid_request', 'form encoding expected');
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return refuse(res, 'unsupported_grant_type', 'jwt-bearer expected');
    const assertion = form.get('assertion') ?? '';
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return refuse(res, 'invalid_grant', 'Invalid assertion. Not a JWT');
    }
    const client = [...clients.values()].find((c) => c.kid === header.kid);
    if (!client) return refuse(res, 'invalid_grant', 'Invalid assertion. Unknown kid');
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(assertion, client.publicKey, {
        algorithms: ['RS256', 'RS384', 'RS512'],
        audience: fake.issuer,
        issuer: client.clientId,
        requiredClaims: ['iat', 'exp', 'jti', 'scope'],
        currentDate: new Date(now()),
      }));
    } catch (err) {
      return refuse(res, 'invalid_grant', `Invalid assertion. ${(err as Error).message}`);
    }
    const iat = claims.iat as number;
    const exp = claims.exp as number;
    if (Object.keys(claims).some((k) => !KNOWN_CLAIMS.has(k))) return refuse(res, 'invalid_grant', 'Invalid assertion. Unknown claim');
    if (iat > now() / 1000 + 10) return refuse(res, 'invalid_grant', 'Invalid assertion. iat in the future');
    if (exp - iat > 120) return refuse(res, 'invalid_grant', 'Invalid assertion. Lifetime over 120 seconds');
    const jti = claims.jti as string;
    if (seenJti.has(jti)) return refuse(res, 'invalid_grant', 'Invalid assertion. jti already used');
    seenJti.add(jti);
    const scopes = String(claims.scope).split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !client.scopes.includes(s))) return refuse(res, 'invalid_scope', 'Scope not granted to the client');
    const issuedAt = Math.floor(now() / 1000);
    const token = await new SignJWT({ scope: scopes.join(' '), client_id: client.clientId, token_type: 'Bearer' })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(fake.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetime)
      .setJti(randomUUID())
      .sign(privateKey);
    fake.issued++;
    reply(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime, scope: scopes.join(' ') });
  });
  fake.url = server.url;
  fake.issuer = `${server.url}/`;
  fake.close = server.close;
  return fake;
}
