/**
 * Browser sign-in (api/plugins/session.ts): /auth/login sends the browser to the OpenID
 * provider, /auth/callback opens the session, /auth/session tells the web app who is signed in
 * (with the CSRF token it must send back), /auth/logout ends the session. Public routes: each
 * makes its own checks. Without OIDC settings they answer 404. /auth/login and /auth/callback
 * are browser navigations answered with redirects and are not in the OpenAPI document; the
 * other two are.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, forbidden, notFound, unauthorized } from '../errors';
import { problemResponse } from '../openapi';
import { ROLES } from '../../lib/auth';
import { principalOf } from '../plugins/auth';
import { LoginRefused, type WebAuth } from '../plugins/session';
import { malformSchema } from './case-language';

const PUBLIC = 'public' as const;

const loginQuery = z.object({
  returnTo: z.string().max(2000).optional().describe('Where to go after signing in: a path of this service such as /cases (default /)'),
});

const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(2000).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

const redirect = (description: string) => z.null().describe(description);

export const sessionView = z
  .object({
    subject: z.string().describe("The identity provider's subject"),
    name: z.string().describe('The name to show'),
    roles: z.array(z.enum(['ke', 'coordinator', 'leader', 'ops', 'admin'])),
    municipality: z.string().nullable().describe('Kommunenummer'),
    coordinatorId: z.string().nullable().describe('The registry coordinator signed in, when the subject is one'),
    csrfToken: z.string().describe('Send as the x-csrf-token header with every request that changes something'),
    expiresAt: z.string().describe('When the session ends at the latest (it ends sooner when idle)'),
    language: malformSchema.describe("The målform the web app is shown in: the person's choice, else the municipality's"),
    languageChoice: malformSchema.nullable().describe("The person's own choice (PUT /me/language); null when the municipality's applies"),
  })
  .meta({ id: 'Session' });

const languageView = z
  .object({
    language: malformSchema.describe('The målform the web app is shown in'),
    languageChoice: malformSchema.nullable().describe("The person's own choice; null when the municipality's applies"),
    municipalityLanguage: malformSchema.describe("The municipality's målform"),
  })
  .meta({ id: 'UserLanguage' });

const logoutAnswer = z
  .object({ redirectTo: z.string().describe("Where to send the browser: the provider's logout, which comes back to the front page") })
  .meta({ id: 'Logout' });

const authRoutes: FastifyPluginAsyncZod<{ web?: WebAuth }> = async (app, { web }) => {
  /** The web app's målform for a person: their choice, else their municipality's. */
  async function languageOf(municipality: string | null | undefined, subject: string) {
    const [choice, settings] = await Promise.all([app.userLanguages.find(municipality, subject), app.municipalities.settings(municipality ?? '')]);
    return { language: choice ?? settings.malform, languageChoice: choice, municipalityLanguage: settings.malform };
  }

  const configured = (): WebAuth => {
    if (!web) throw notFound('browser sign-in is not configured here (OIDC_ISSUER); use a bearer token');
    return web;
  };

  app.get(
    '/auth/login',
    {
      config: { access: PUBLIC },
      // Browser navigations that answer with redirects, not API calls: kept out of the document.
      schema: {
        hide: true,
        tags: ['session'],
        operationId: 'startLogin',
        summary: 'Sign in: sends the browser to the identity provider',
        querystring: loginQuery,
        response: { 302: redirect('To the identity provider'), 404: problemResponse('not_found') },
      },
    },
    async (request, reply) => {
      const w = configured();
      const { loginId, url } = await w.beginLogin(request.query.returnTo ?? '/');
      w.setCookie(reply, w.loginCookieName, loginId, 10 * 60);
      reply.header('cache-control', 'no-store');
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/auth/callback',
    {
      config: { access: PUBLIC },
      schema: {
        hide: true,
        tags: ['session'],
        operationId: 'completeLogin',
        summary: "The identity provider's answer: opens the session and goes on to returnTo",
        querystring: callbackQuery,
        response: { 302: redirect('To returnTo, signed in'), 403: problemResponse('forbidden'), 404: problemResponse('not_found') },
      },
    },
    async (request, reply) => {
      const w = configured();
      const loginId = request.cookies[w.loginCookieName];
      w.clearCookie(reply, w.loginCookieName);
      reply.header('cache-control', 'no-store');
      if (request.query.error) throw forbidden(`the identity provider refused the sign-in: ${request.query.error}`);
      if (!loginId) throw new HttpError('bad_request', 'no sign-in is in progress in this browser; start again at /auth/login');
      let opened;
      try {
        opened = await w.completeLogin(loginId, new URL(request.url, w.settings.publicBaseUrl));
      } catch (err) {
        if (err instanceof LoginRefused) throw forbidden(err.message);
        if (err instanceof HttpError) throw err;
        request.log.warn({ err: (err as Error).message }, 'sign-in failed');
        throw new HttpError('bad_request', `the sign-in could not be completed (${(err as Error).message}); start again at /auth/login`);
      }
      request.log.info({ roles: opened.session.roles, municipality: opened.session.municipality }, 'signed in');
      w.setCookie(reply, w.cookieName, opened.sessionId, w.settings.maxHours * 3600);
      return reply.redirect(opened.returnTo, 302);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['session'],
        operationId: 'getSession',
        summary: 'Who is signed in in this browser, and the CSRF token to send with changes',
        response: { 200: sessionView, 401: problemResponse('unauthorized'), 404: problemResponse('not_found') },
      },
    },
    async (request, reply) => {
      const w = configured();
      reply.header('cache-control', 'no-store');
      const found = await w.sessionOf(request);
      if (!found) throw unauthorized('not signed in (GET /auth/login)');
      const { session } = found;
      const { language, languageChoice } = await languageOf(session.municipality, session.subject);
      return {
        subject: session.subject,
        name: session.name,
        roles: session.roles,
        municipality: session.municipality,
        coordinatorId: session.roles.includes('coordinator') ? await app.registry.coordinatorIdBySubject(session.municipality ?? undefined, session.subject) : null,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        language,
        languageChoice,
      };
    },
  );

  app.get(
    '/me/language',
    {
      config: { access: { roles: [...ROLES] } },
      schema: { tags: ['session'], operationId: 'getMyLanguage', summary: 'The målform the web app is shown in for the caller, and why', response: { 200: languageView } },
    },
    async (request) => {
      const principal = principalOf(request);
      return languageOf(principal.municipality, principal.subject);
    },
  );

  app.put(
    '/me/language',
    {
      config: { access: { roles: [...ROLES] } },
      schema: {
        tags: ['session'],
        operationId: 'putMyLanguage',
        summary: "Show the web app in bokmål or nynorsk for the caller; null goes back to the municipality's",
        body: z.strictObject({ language: malformSchema.nullable() }),
        response: { 200: languageView },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await app.userLanguages.choose(principal.municipality, principal.subject, request.body.language);
      return languageOf(principal.municipality, principal.subject);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['session'],
        operationId: 'logout',
        summary: "Sign out: ends the session; the browser then goes to the provider's logout",
        response: { 200: logoutAnswer, 401: problemResponse('unauthorized'), 403: problemResponse('forbidden'), 404: problemResponse('not_found') },
      },
    },
    async (request, reply) => {
      const w = configured();
      const found = await w.sessionOf(request);
      if (!found) {
        w.clearCookie(reply, w.cookieName);
        throw unauthorized('not signed in');
      }
      const problem = w.csrfProblem(request, found.session);
      if (problem) throw forbidden(problem);
      await w.sessions.delete(found.id);
      w.clearCookie(reply, w.cookieName);
      reply.header('cache-control', 'no-store');
      return { redirectTo: await w.logoutUrl(found.session) };
    },
  );
};

export default authRoutes;
