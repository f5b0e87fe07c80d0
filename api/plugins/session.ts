/**
 * Browser sessions. A user signs in at the municipality's OpenID provider (authorization code
 * with PKCE, state and nonce; openid-client); the API keeps the session server-side and gives
 * the browser only a random id in an HttpOnly cookie. The auth plugin accepts that cookie where
 * it would accept a bearer token, with a CSRF check on every request that changes something.
 *
 * Roles and municipality come from the ID token's claims (AUTH_ROLES_CLAIM,
 * AUTH_MUNICIPALITY_CLAIM), or, for a provider that carries no roles (Ansattporten), from KE's
 * table of users (AUTH_ROLES_SOURCE=table).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import type { Configuration } from 'openid-client';
import { ROLES, type Principal, type Role } from '../../lib/auth';
import { sessionsRepository, type Session } from '../repositories/sessions';
import { userRolesRepository } from '../repositories/user-roles';

export interface WebAuthSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where browsers reach the service, e.g. https://barnekoordinator.kommune.no (no trailing slash). */
  publicBaseUrl: string;
  scopes?: string;
  idleMinutes?: number;
  maxHours?: number;
  rolesSource?: 'claims' | 'table';
  rolesClaim?: string;
  municipalityClaim?: string;
}

/** A login must come back from the provider within this time. */
const LOGIN_SECONDS = 10 * 60;
const SUBJECT = /^[\w.@:|-]{1,200}$/;
const MUNICIPALITY = /^\d{4}$/;

export class LoginRefused extends Error {}

type OpenIdClient = typeof import('openid-client');

export interface WebAuth {
  settings: Required<Omit<WebAuthSettings, 'clientSecret'>> & { clientSecret?: string };
  /** bk_session, or __Host-bk_session on https. */
  cookieName: string;
  loginCookieName: string;
  secure: boolean;
  /** PUBLIC_BASE_URL's origin: the only Origin a changing request may come from. */
  origin: string;
  sessions: ReturnType<typeof sessionsRepository>;
  /** The live session the request's cookie names, or null (an expired one is deleted). */
  sessionOf(request: FastifyRequest): Promise<{ id: string; session: Session } | null>;
  principalOf(session: Session): Principal;
  /** Why a changing request with this session is refused, or null when it carries the session's CSRF token and a same-origin Origin. */
  csrfProblem(request: FastifyRequest, session: Session): string | null;
  setCookie(reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void;
  clearCookie(reply: FastifyReply, name: string): void;
  beginLogin(returnTo: string): Promise<{ loginId: string; url: string }>;
  /** Exchanges the code and opens a session; LoginRefused when the user may not use the service. */
  completeLogin(loginId: string, callbackUrl: URL): Promise<{ sessionId: string; session: Session; returnTo: string }>;
  /** The provider's end-session URL for this session, or the service's front page if it has none. */
  logoutUrl(session: Session): Promise<string>;
}

/** A same-origin relative path, or '/': never '//host', '/\host' or an absolute URL. */
export function safeReturnTo(given: unknown): string {
  if (typeof given !== 'string' || given.length > 2000) return '/';
  if (!given.startsWith('/') || given.startsWith('//') || given.startsWith('/\\')) return '/';
  // Control characters and backslashes are read as slashes by some browsers.
  if (/[\u0000-\u001f\\]/.test(given)) return '/';
  const parsed = new URL(given, 'http://x.invalid');
  if (parsed.origin !== 'http://x.invalid') return '/';
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

export function createWebAuth(given: WebAuthSettings, pool: Pool, logger: Logger): WebAuth {
  const settings = {
    scopes: 'openid profile',
    idleMinutes: 30,
    maxHours: 10,
    rolesSource: 'claims' as const,
    rolesClaim: 'roles',
    municipalityClaim: 'municipality',
    ...given,
    publicBaseUrl: given.publicBaseUrl.replace(/\/+$/, ''),
  };
  const base = new URL(settings.publicBaseUrl);
  const secure = base.protocol === 'https:';
  const cookieName = secure ? '__Host-bk_session' : 'bk_session';
  const loginCookieName = secure ? '__Host-bk_login' : 'bk_login';
  const sessions = sessionsRepository(pool);
  const userRoles = userRolesRepository(pool);
  const redirectUri = `${settings.publicBaseUrl}/auth/callback`;
  const log = logger.child({ part: 'web-auth' });

  // Discovery on first use, and again after a failure: the provider may start after the API.
  let discovered: Promise<{ oc: OpenIdClient; config: Configuration }> | undefined;
  function client() {
    discovered ??= (async () => {
      const oc = await import('openid-client');
      const auth = settings.clientSecret ? oc.ClientSecretBasic(settings.clientSecret) : oc.None();
      const insecure = new URL(settings.issuer).protocol === 'http:';
      const config = await oc.discovery(new URL(settings.issuer), settings.clientId, undefined, auth, {
        // Plain http only for a local provider (npm start, tests); a deployment's is https.
        execute: insecure ? [oc.allowInsecureRequests] : [],
        timeout: 10,
      });
      log.info({ issuer: settings.issuer }, 'OpenID provider discovered');
      return { oc, config };
    })();
    discovered.catch(() => (discovered = undefined));
    return discovered;
  }

  async function rolesFromClaims(claims: Record<string, unknown>): Promise<{ roles: Role[]; municipality: string | null; name?: string }> {
    const given = claims[settings.municipalityClaim];
    const claimed = typeof given === 'string' && MUNICIPALITY.test(given) ? given : null;
    if (settings.rolesSource === 'table') {
      const row = await userRoles.find(claims.sub as string, claimed);
      if (!row) throw new LoginRefused('you have no role in this service; ask the koordinerende enhet to give you one');
      return { roles: row.roles, municipality: row.municipality, name: row.name };
    }
    const raw = claims[settings.rolesClaim];
    const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
    const roles = ROLES.filter((r) => names.includes(r));
    if (roles.length === 0) throw new LoginRefused(`you have no role in this service (the ${settings.rolesClaim} claim names none)`);
    if (!claimed && roles.some((r) => r !== 'ops')) throw new LoginRefused(`your sign-in has no ${settings.municipalityClaim} claim (a four-digit kommunenummer)`);
    return { roles, municipality: claimed };
  }

  const web: WebAuth = {
    settings,
    cookieName,
    loginCookieName,
    secure,
    origin: base.origin,
    sessions,

    async sessionOf(request) {
      const id = request.cookies?.[cookieName];
      if (!id || id.length > 200) return null;
      const session = await sessions.findLive(id, settings.idleMinutes);
      return session ? { id, session } : null;
    },

    principalOf: (session) => ({ subject: session.subject, roles: session.roles, municipality: session.municipality ?? undefined }),

    csrfProblem(request, session) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== base.origin) return `the request comes from ${origin}, not from ${base.origin}`;
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || token === '') return 'the x-csrf-token header is required with a session (GET /auth/session gives it)';
      const a = Buffer.from(token);
      const b = Buffer.from(session.csrfToken);
      if (a.length !== b.length || !timingSafeEqual(a, b)) return "the x-csrf-token header is not this session's token";
      return null;
    },

    setCookie(reply, name, value, maxAgeSeconds) {
      reply.setCookie(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: Math.floor(maxAgeSeconds) });
    },

    clearCookie(reply, name) {
      reply.clearCookie(name, { httpOnly: true, sameSite: 'lax', path: '/', secure });
    },

    async beginLogin(returnTo) {
      const { oc, config } = await client();
      const codeVerifier = oc.randomPKCECodeVerifier();
      const state = oc.randomState();
      const nonce = oc.randomNonce();
      const loginId = randomBytes(32).toString('base64url');
      await sessions.insertLogin(loginId, { codeVerifier, state, nonce, returnTo: safeReturnTo(returnTo) });
      const url = oc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        code_challenge: await oc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { loginId, url: url.href };
    },

    async completeLogin(loginId, callbackUrl) {
      const login = await sessions.takeLogin(loginId, LOGIN_SECONDS);
      if (!login) throw new LoginRefused('the sign-in has expired or was already used; start again');
      const { oc, config } = await client();
      const tokens = await oc.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true },
        { redirect_uri: redirectUri },
      );
      const claims = tokens.claims() as Record<string, unknown> | undefined;
      if (!claims || !tokens.id_token) throw new LoginRefused('the provider gave no ID token');
      if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) throw new LoginRefused("the ID token's sub claim is not a valid subject");
      const { roles, municipality, name: listed } = await rolesFromClaims(claims);
      const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim().slice(0, 200) : (listed ?? claims.sub);
      const sessionId = randomBytes(32).toString('base64url');
      const now = Date.now();
      const session: Session = {
        subject: claims.sub,
        name,
        roles,
        municipality,
        csrfToken: randomBytes(32).toString('base64url'),
        idToken: tokens.id_token,
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + settings.maxHours * 3600_000),
      };
      await sessions.deleteExpired();
      await sessions.insert(sessionId, session);
      return { sessionId, session, returnTo: login.returnTo };
    },

    async logoutUrl(session) {
      const { oc, config } = await client();
      const front = `${settings.publicBaseUrl}/`;
      if (!config.serverMetadata().end_session_endpoint) return front;
      return oc.buildEndSessionUrl(config, { id_token_hint: session.idToken, post_logout_redirect_uri: front }).href;
    },
  };
  return web;
}
