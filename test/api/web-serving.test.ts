/** The API process serves the web app: its shell on the app's paths, its hashed assets, its own CSP. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WEB_CSP } from '../../api/plugins/web';
import type { WebManifest } from '../../scripts/build-web';
import { bearer } from '../helpers/auth';
import { newCase } from '../helpers/cases';
import { startServices, WEB_DIST_DIR, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices({ webApp: true });
});
afterAll(async () => {
  await s.close();
});

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

test('when a browser opens one of the app paths, then it gets the shell, uncached, under the app CSP, without a login', async () => {
  for (const url of ['/', '/arbeidsliste', '/saker', '/saker/00000000-0000-4000-8000-000000000001', '/ny-henvendelse', '/register', '/oversikt', '/innboks', '/mine-saker', '/brukere', '/innstillinger']) {
    const res = await s.app.inject({ method: 'GET', url, headers: { accept: BROWSER_ACCEPT } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(res.body).toContain('<html lang="nb">');
    expect(res.body).not.toMatch(/<script>|<style|style=/);
  }
});

test('when a browser opens a page, then its shell preloads the code of that page with the entry\'s', async () => {
  const manifest = JSON.parse(await readFile(join(WEB_DIST_DIR, 'manifest.json'), 'utf8')) as WebManifest;
  const preloaded = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  const page = (await s.app.inject({ method: 'GET', url: '/saker/00000000-0000-4000-8000-000000000001', headers: { accept: BROWSER_ACCEPT } })).body;
  const casePageJs = manifest.pages.CasePage.files.filter((f) => f.endsWith('.js') && f !== manifest.entry.js);
  expect(preloaded(page).sort()).toEqual([...new Set(casePageJs)].sort());
  const home = (await s.app.inject({ method: 'GET', url: '/', headers: { accept: BROWSER_ACCEPT } })).body;
  expect(preloaded(home).length).toBeLessThan(preloaded(page).length);
});

test("when a browser opens a page, then its shell has the browser start the page's first reads (the session, the page's data) with it", async () => {
  const reads = (html: string) => [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)">/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const shellOf = async (url: string) => (await s.app.inject({ method: 'GET', url, headers: { accept: BROWSER_ACCEPT } })).body;
  expect(reads(await shellOf('/arbeidsliste'))).toEqual(['/auth/session', '/ke/worklist?dueWithinDays=7&withChild=true', '/ke/reminders?limit=200', '/units', '/coordinators?limit=1000']);
  expect(reads(await shellOf('/saker/00000000-0000-4000-8000-000000000001'))).toEqual(['/auth/session', '/cases/00000000-0000-4000-8000-000000000001']);
  expect(reads(await shellOf('/saker'))).toEqual(['/auth/session']);
  // An address that is not a case id is written into no link.
  expect(reads(await shellOf('/saker/%22%3E%3Cscript%3E'))).toEqual(['/auth/session']);
});

test('when a browser opens an address that does not exist, then it gets the app (which says so) with 404; an API client gets the problem', async () => {
  const browser = await s.app.inject({ method: 'GET', url: '/finnes-ikke', headers: { accept: BROWSER_ACCEPT } });
  expect(browser.statusCode).toBe(404);
  expect(browser.body).toContain('<div id="root">');
  expect(browser.headers['content-security-policy']).toBe(WEB_CSP);
  const client = await s.app.inject({ method: 'GET', url: '/finnes-ikke' });
  expect(client.statusCode).toBe(404);
  expect(client.json().type).toBe('/problems/not-found');
  const post = await s.app.inject({ method: 'POST', url: '/finnes-ikke', headers: { accept: BROWSER_ACCEPT } });
  expect(post.statusCode).toBe(404);
  expect(post.json().type).toBe('/problems/not-found');
});

test('when the shell names its assets, then each is served as immutable for a year with the app CSP, and nothing else is', async () => {
  const shell = await readFile(join(WEB_DIST_DIR, 'index.html'), 'utf8');
  const assets = [...shell.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThanOrEqual(2);
  for (const url of assets) {
    const res = await s.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(res.headers['content-type']).toMatch(url.endsWith('.js') ? /javascript/ : /text\/css/);
  }
  const missing = await s.app.inject({ method: 'GET', url: '/assets/nothing-here.js' });
  expect(missing.statusCode).toBe(404);
  const outside = await s.app.inject({ method: 'GET', url: '/assets/..%2Findex.html' });
  expect([403, 404]).toContain(outside.statusCode);
  expect(outside.body).not.toContain('<html');
});

test('when a browser follows a link to a case in the API, then it is sent to the case page; an API client still gets JSON', async () => {
  const id = await newCase(s.app);
  const browser = await s.app.inject({ method: 'GET', url: `/cases/${id}`, headers: { accept: BROWSER_ACCEPT } });
  expect(browser.statusCode).toBe(302);
  expect(browser.headers.location).toBe(`/saker/${id}`);

  const anonymousClient = await s.app.inject({ method: 'GET', url: `/cases/${id}`, headers: { accept: 'application/json' } });
  expect(anonymousClient.statusCode).toBe(401);

  const withToken = await s.app.inject({ method: 'GET', url: `/cases/${id}`, headers: { accept: BROWSER_ACCEPT, ...(await bearer({ roles: ['ke'] })) } });
  expect(withToken.statusCode).toBe(200);
  expect(withToken.json().id).toBe(id);
});

test('when the API answers, then it keeps its own strict CSP, and the app routes are not in the OpenAPI document', async () => {
  const res = await s.app.inject({ method: 'GET', url: '/health' });
  expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  const doc = (await s.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
  expect(Object.keys(doc.paths).filter((p) => p.startsWith('/assets') || p.startsWith('/saker') || p === '/')).toEqual([]);
});
