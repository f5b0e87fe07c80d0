/**
 * Serves the web app (built into web/dist by `npm run build:web`): the app shell for each of the
 * app's paths and the hashed assets, all public (the shell holds no data; the app reads its
 * session and data from the API). They get their own CSP, which allows the app's own scripts and
 * styles and nothing from elsewhere; the API keeps helmet's stricter one.
 *
 * A browser that follows a link to a case in the API (a reminder e-mail) is sent to the case's
 * page; a client asking for JSON, or with a bearer token, gets the API's answer as before.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sendProblem } from '../errors';
import type { WebManifest } from '../../scripts/build-web';
import { APP_PATHS, PAGE_OF_PATH, firstReads } from '../../web/src/paths';

export interface WebOptions {
  /** The built app: index.html and assets/. */
  distDir: string;
}

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function appHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', WEB_CSP);
}

/** `<link rel="modulepreload">` for the page's scripts (web/dist/manifest.json) that the shell does not already load. */
async function pagePreloads(distDir: string, page: string | undefined, shell: string): Promise<string> {
  if (!page) return '';
  const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8').catch(() => '{}')) as Partial<WebManifest>;
  return (manifest.pages?.[page]?.files ?? [])
    .filter((file) => file.endsWith('.js') && !shell.includes(`"${file}"`) && /^\/assets\/[\w.-]+$/.test(file))
    .map((file) => `<link rel="modulepreload" href="${file}">\n`)
    .join('');
}

/**
 * `<link rel="preload" as="fetch">` for the page's first reads: the browser starts them with the
 * page, in parallel with its scripts, and the app's own fetch of the same URL (same origin, same
 * credentials) takes the answer under way. Only paths this service builds, so nothing from the
 * request's address is written into the page beyond a case id the pattern checked.
 */
function readPreloads(pathname: string): string {
  return firstReads(pathname)
    .map((url) => `<link rel="preload" as="fetch" crossorigin href="${url.replace(/&/g, '&amp;')}">\n`)
    .join('');
}

export default fp<WebOptions>(
  async (app, { distDir }) => {
    const shellFile = join(distDir, 'index.html');
    if (!existsSync(shellFile)) {
      app.log.warn({ distDir }, 'the web app is not built (npm run build:web); it is not served');
      return;
    }

    // Before authentication (registered ahead of the auth plugin): a browser without a token
    // would otherwise get a 401 problem for a link it was sent.
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.routeOptions.url !== '/cases/:id' || request.headers.authorization) return;
      if (request.accepts().type(['application/json', 'text/html']) !== 'text/html') return;
      const { id } = request.params as { id: string };
      return reply.redirect(`/saker/${encodeURIComponent(id)}`, 302);
    });

    await app.register(fastifyStatic, { root: join(distDir, 'assets'), serve: false, decorateReply: true });

    app.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      return appHeaders(reply).sendFile(file, { maxAge: ONE_YEAR_MS, immutable: true, cacheControl: true });
    });

    // The shell is read on each request (a small file): a rebuild shows without a restart. For a
    // page's path it also preloads that page's code, which the app would otherwise ask for only
    // once its own script has run.
    const shell = async (reply: FastifyReply, status = 200, page?: string, pathname?: string) => {
      const plain = await readFile(shellFile, 'utf8');
      const reads = page && pathname ? readPreloads(pathname) : '';
      const html = plain.replace('</head>', `${reads}${await pagePreloads(distDir, page, plain)}</head>`);
      return appHeaders(reply).status(status).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    };
    for (const path of APP_PATHS) app.get(path, { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => shell(reply, 200, PAGE_OF_PATH[path], request.url.split('?')[0]));

    // A mistyped address in a browser gets the app, which says "Fant ikke siden" (with a 404);
    // any other client gets the API's problem, as without the app.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      if (request.headers.authorization || request.accepts().type(['application/json', 'text/html']) !== 'text/html') {
        return sendProblem(request, reply, 'not_found', 'no such resource');
      }
      return shell(reply, 404);
    });
  },
  { name: 'web', dependencies: ['@fastify/accepts'] },
);
