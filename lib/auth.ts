/**
 * Bearer tokens: who is calling, in which role, for which municipality.
 *
 * A deployment verifies tokens from its identity provider (Ansattporten, Entra ID, …) against
 * the provider's JWKS, found from the issuer's OpenID configuration or given directly; issuer
 * and audience are always checked. `npm start` signs its own development tokens with a local
 * key kept under ./data (`npm run token`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { errors as joseErrors } from 'jose';

export const ROLES = ['ke', 'coordinator', 'leader', 'ops', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The identity provider's subject: a pseudonymous id, never a name. */
  subject: string;
  roles: Role[];
  /** Kommunenummer; every case query is scoped to it. Operations tokens may have none. */
  municipality?: string;
}

export interface AuthSettings {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  rolesClaim: string;
  municipalityClaim: string;
  /** The longest lifetime accepted (exp − iat, or exp − now without iat), in seconds; default 12 h. */
  maxTokenLifetimeSeconds?: number;
}

/** A working day: longer-lived bearer tokens are refused (AUTH_MAX_TOKEN_LIFETIME_S). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** How far the provider's clock may be ahead of ours (exp, nbf, iat). */
const CLOCK_SKEW_SECONDS = 30;

export class AuthError extends Error {}

const MUNICIPALITY = /^\d{4}$/;
const SUBJECT = /^[\w.@:|-]{1,200}$/;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Verifies signature, expiry, issuer and audience, then reads the roles and municipality. */
export async function verifyToken(token: string, settings: AuthSettings): Promise<Principal> {
  return (await verifyTokenUntil(token, settings)).principal;
}

/** The same, with the token's expiry (epoch ms), for a cache of verified tokens. */
export async function verifyTokenUntil(token: string, settings: AuthSettings): Promise<{ principal: Principal; expiresAt: number }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, settings.keys, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (err) {
    throw new AuthError(tokenProblem(err));
  }
  checkLifetime(payload, settings.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
  return { principal: principalFromClaims(payload, settings), expiresAt: payload.exp! * 1000 };
}

/**
 * A token issued in the future, or one that lives longer than a working day, is not what an
 * identity provider hands out: it is a stolen signing key or a misconfigured client, and a
 * bearer credential that outlives the session it came from. (jose checks that exp and iat are
 * numbers; it checks iat against the clock only when given a maximum age.)
 */
function checkLifetime(payload: JWTPayload, maxSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  const exp = payload.exp!;
  if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS) throw new AuthError("the token's iat claim is in the future");
  const lifetime = exp - (payload.iat ?? now);
  if (lifetime > maxSeconds) {
    throw new AuthError(`the token lives ${lifetime} s (exp − ${payload.iat === undefined ? 'now' : 'iat'}); at most ${maxSeconds} s is accepted`);
  }
}

function tokenProblem(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) return 'the token is not signed by a trusted key';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  return 'the token could not be verified';
}

function principalFromClaims(payload: JWTPayload, settings: AuthSettings): Principal {
  // Only a string: a number, true or ["kari"] would pass the pattern once JavaScript turned it into text.
  const subject = payload.sub;
  if (typeof subject !== 'string' || !SUBJECT.test(subject)) throw new AuthError("the token's sub claim is not a valid subject");
  const raw = payload[settings.rolesClaim];
  const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = ROLES.filter((r) => names.includes(r));
  if (roles.length === 0) throw new AuthError(`the token has no role of this service in its ${settings.rolesClaim} claim`);
  const municipality = payload[settings.municipalityClaim];
  if (municipality !== undefined && (typeof municipality !== 'string' || !MUNICIPALITY.test(municipality))) {
    throw new AuthError(`the token's ${settings.municipalityClaim} claim is not a four-digit kommunenummer`);
  }
  if (municipality === undefined && roles.some((r) => r !== 'ops')) {
    throw new AuthError(`the token has no ${settings.municipalityClaim} claim, which every role but ops needs`);
  }
  return { subject, roles, municipality };
}

export interface KeySource {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  localKeyFile?: string;
  rolesClaim?: string;
  municipalityClaim?: string;
  maxTokenLifetimeSeconds?: number;
}

/** The verification keys: the local key file, a JWKS URL, or the issuer's OpenID discovery. */
export async function authSettingsFrom(source: KeySource): Promise<AuthSettings> {
  const common = {
    issuer: source.issuer,
    audience: source.audience,
    rolesClaim: source.rolesClaim ?? 'roles',
    municipalityClaim: source.municipalityClaim ?? 'municipality',
    maxTokenLifetimeSeconds: source.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  };
  if (source.localKeyFile) return { ...common, keys: createLocalJWKSet({ keys: [readSigningKey(source.localKeyFile).publicJwk] }) };
  const jwksUrl = source.jwksUrl ?? (await discoverJwksUrl(source.issuer));
  return { ...common, keys: createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 }) };
}

async function discoverJwksUrl(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`OpenID discovery at ${url} answered ${res.status}`);
  const doc = (await res.json()) as { issuer?: string; jwks_uri?: string };
  if (doc.issuer !== issuer) throw new Error(`OpenID discovery at ${url} names issuer ${doc.issuer}, not ${issuer}`);
  if (!doc.jwks_uri) throw new Error(`OpenID discovery at ${url} has no jwks_uri`);
  return doc.jwks_uri;
}

// ----- The local development signer (npm start, npm run token, tests) -----

/** The issuer of tokens signed with the local key. */
export const LOCAL_ISSUER = 'barnekoordinator-local';

/** Where npm start and npm run token keep the local signing key. */
export const LOCAL_KEY_FILE = 'auth-signing-key.json';

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createSigningKey(kid = 'local-1'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { kid, privateJwk, publicJwk };
}

export function readSigningKey(path: string): SigningKey {
  return JSON.parse(readFileSync(path, 'utf8')) as SigningKey;
}

/** Verification with one local key and the default claim names (tests, the benchmark). */
export function localAuthSettings(key: SigningKey, issuer: string, audience: string): AuthSettings {
  return { issuer, audience, keys: createLocalJWKSet({ keys: [key.publicJwk] }), rolesClaim: 'roles', municipalityClaim: 'municipality' };
}

export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(await createSigningKey(), null, 2), { mode: 0o600 });
  }
  return readSigningKey(path);
}

export interface TokenClaims {
  subject: string;
  roles: Role[];
  municipality?: string;
  issuer: string;
  audience: string;
  /** Lifetime in seconds. */
  ttlSeconds?: number;
  rolesClaim?: string;
  municipalityClaim?: string;
}

export async function mintToken(key: SigningKey, claims: TokenClaims): Promise<string> {
  const body: JWTPayload = { [claims.rolesClaim ?? 'roles']: claims.roles };
  if (claims.municipality) body[claims.municipalityClaim ?? 'municipality'] = claims.municipality;
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.ttlSeconds ?? 8 * 3600))
    .sign(key.privateJwk);
}
