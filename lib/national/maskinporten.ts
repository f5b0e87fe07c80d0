/**
 * Access tokens from Maskinporten by the JWT grant (RFC 7523; Digdir's "JWT grant" and
 * "/token endpoint" pages): the client signs a short-lived grant with its own key, registered in
 * Maskinporten under a kid, and posts it to /token; Maskinporten answers with an access token
 * for the scopes asked for. A token is cached per scope set and reused until shortly before it
 * expires; callers asking at the same time share one request.
 *
 * The grant carries exactly aud, iss, scope, iat, exp and jti: Maskinporten refuses claims it
 * does not know ("Invalid assertion"). aud is Maskinporten's issuer identifier (e.g.
 * https://test.maskinporten.no/), no longer the token endpoint.
 */
import { KeyObject, createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { PermanentError } from './errors';
import { call, json, type Fetch } from './http';

export interface MaskinportenConfig {
  /** Maskinporten's issuer identifier, the grant's aud: https://test.maskinporten.no/ or https://maskinporten.no/. */
  issuer: string;
  /** The token endpoint; default: <issuer>token. */
  tokenUrl?: string;
  /** The client's id in Maskinporten, the grant's iss. */
  clientId: string;
  /** The client's private key: PEM (PKCS#8 or PKCS#1) or a JWK (JSON text or object). */
  key: string | KeyObject | Record<string, unknown>;
  /** The id the public key is registered under; a JWK's own kid when not given. */
  kid?: string;
  /** RS256 (default), RS384 or RS512, the algorithms Maskinporten accepts. */
  algorithm?: 'RS256' | 'RS384' | 'RS512';
  /** Scopes asked for when a caller names none, space-separated. */
  scope?: string;
  timeoutMs?: number;
  /** A token is renewed this long before it expires (default 60 s, at most half its lifetime). */
  renewBeforeSeconds?: number;
  fetch?: Fetch;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

export interface TokenSource {
  /** A valid access token for `scope` (space-separated; default: the configured scope). */
  accessToken(scope?: string): Promise<string>;
  /** Forgets the cached token for `scope`, after a service refused it. */
  invalidate(scope?: string): void;
}

interface CachedToken {
  token: string;
  renewAt: number;
}

/** Maskinporten accepts grants that live at most 120 seconds. */
const GRANT_LIFETIME_S = 120;

export function createMaskinportenClient(config: MaskinportenConfig): TokenSource {
  const { key, kid } = signingKey(config.key, config.kid);
  const algorithm = config.algorithm ?? 'RS256';
  const tokenUrl = config.tokenUrl ?? new URL('token', config.issuer.endsWith('/') ? config.issuer : `${config.issuer}/`).toString();
  const now = config.now ?? Date.now;
  const timeoutMs = config.timeoutMs ?? 10_000;
  const renewBefore = (config.renewBeforeSeconds ?? 60) * 1000;
  const cache = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<string>>();

  const normalise = (scope: string | undefined) => {
    const s = (scope ?? config.scope ?? '').split(/\s+/).filter(Boolean);
    if (s.length === 0) throw new PermanentError('maskinporten', 'token', 'no scope asked for');
    return [...new Set(s)].sort().join(' ');
  };

  async function fetchToken(scope: string): Promise<string> {
    const iat = Math.floor(now() / 1000);
    const grant = await new SignJWT({ scope })
      .setProtectedHeader({ alg: algorithm, kid })
      .setAudience(config.issuer)
      .setIssuer(config.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + GRANT_LIFETIME_S)
      .setJti(randomUUID())
      .sign(key);
    const answer = await call(
      tokenUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant }).toString(),
      },
      { service: 'maskinporten', operation: 'token', timeoutMs, fetch: config.fetch },
    );
    const body = json<{ access_token?: unknown; expires_in?: unknown }>(answer, 'maskinporten', 'token');
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number' || body.expires_in <= 0) {
      throw new PermanentError('maskinporten', 'token', 'answered without access_token and expires_in', answer.status);
    }
    const lifetime = body.expires_in * 1000;
    cache.set(scope, { token: body.access_token, renewAt: now() + lifetime - Math.min(renewBefore, lifetime / 2) });
    return body.access_token;
  }

  return {
    accessToken(requested) {
      let scope: string;
      try {
        scope = normalise(requested);
      } catch (err) {
        return Promise.reject(err);
      }
      const cached = cache.get(scope);
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      let inFlight = pending.get(scope);
      if (!inFlight) {
        inFlight = fetchToken(scope).finally(() => pending.delete(scope));
        pending.set(scope, inFlight);
      }
      return inFlight;
    },
    invalidate(requested) {
      cache.delete(normalise(requested));
    },
  };
}

/** The private key as a KeyObject, and its kid (given, or the JWK's own). */
function signingKey(key: MaskinportenConfig['key'], kid: string | undefined): { key: KeyObject; kid: string } {
  let keyObject: KeyObject;
  let jwkKid: string | undefined;
  if (key instanceof KeyObject) {
    keyObject = key;
  } else if (typeof key === 'string' && key.trimStart().startsWith('-----BEGIN')) {
    keyObject = createPrivateKey(key);
  } else {
    const jwk = (typeof key === 'string' ? JSON.parse(key) : key) as Record<string, unknown>;
    jwkKid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    keyObject = createPrivateKey({ key: jwk as never, format: 'jwk' });
  }
  if (keyObject.type !== 'private' || keyObject.asymmetricKeyType !== 'rsa') {
    throw new Error('Maskinporten: the client key must be an RSA private key (PEM or JWK)');
  }
  const id = kid ?? jwkKid;
  if (!id) throw new Error('Maskinporten: no kid: give the id the key is registered under');
  return { key: keyObject, kid: id };
}
