/**
 * The web app in nynorsk (issue #16) in Chromium against the real API and database: a KE
 * caseworker of a nynorsk municipality sees every page in nynorsk without choosing anything, with
 * no word the nynorsk word list lacks and nothing axe finds serious; she chooses bokmål for
 * herself, and back again to the municipality's. The session is made up from the real API's
 * GET /me/language, as the other browser tests make theirs (the login is test/e2e's).
 */
import type { Browser, Page } from 'playwright-core';
import { NN } from '../../web/src/nn';
import { tokenFor, type Who } from '../helpers/auth';
import { launchBrowser, saveScreenshot, seriousAxeFindings } from '../helpers/browser';
import { caseRequest, yearsAgo } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';
import { dictionary, misspelt } from '../helpers/spelling';

/** A municipality of its own, written in nynorsk: the other suites' keep bokmål. */
const MUNICIPALITY = '4609';
const KE: Who = { roles: ['ke'], sub: 'ke-nynorsk', municipality: MUNICIPALITY };
const ADMIN: Who = { roles: ['admin'], sub: 'admin-nynorsk', municipality: MUNICIPALITY };

let s: Services;
let base: string;
let browser: Browser;
let caseId: string;

const auth = async (who: Who) => ({ authorization: `Bearer ${await tokenFor(who)}` });

beforeAll(async () => {
  s = await startServices({ webApp: true });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  const saved = await call(
    s.app,
    'PUT',
    '/admin/municipality',
    {
      name: 'Fjellbygd kommune',
      kePostalAddress: 'Postboks 1, 6800 Fjellbygd',
      letterheadName: 'Fjellbygd kommune – koordinerande eining',
      malform: 'nn',
      complaintAddress: 'Postboks 1, 6800 Fjellbygd',
    },
    await auth(ADMIN),
  );
  expect(saved.status).toBe(200);
  // A case with the family's words in nynorsk too, so every word on its page is the app's or theirs.
  const created = await call(
    s.app,
    'POST',
    '/cases',
    caseRequest({ child: { name: 'Ingrid Testbarn', nationalId: '01020312345', birthDate: yearsAgo(6) }, reasons: 'Familien har mange tenester som ikkje heng saman.' }),
    await auth(KE),
  );
  expect(created.status).toBe(201);
  caseId = created.body.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s.close();
});

/** The nynorsk of a bokmål text of the app, from the catalogue the app uses. */
const nn = (text: string): string => {
  const found = NN[text];
  if (!found) throw new Error(`no nynorsk for ${JSON.stringify(text)}`);
  return found;
};

async function open(path: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'Europe/Oslo', locale: 'nn-NO', extraHTTPHeaders: await auth(KE) });
  // The session as /auth/session gives it, with the language as the API works it out now.
  await context.route('**/auth/session', async (route) => {
    const language = (await call(s.app, 'GET', '/me/language', undefined, await auth(KE))).body;
    await route.fulfill({
      json: { subject: KE.sub, name: 'Kari Nynorsk', roles: KE.roles, municipality: MUNICIPALITY, coordinatorId: null, csrfToken: 'test-csrf', expiresAt: new Date(Date.now() + 3600_000).toISOString(), ...language },
    });
  });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

/**
 * Lower-case words on the page that the nynorsk word list does not have. Capitalised words are
 * left out: they are names (of people, of the municipality) as well as the start of sentences,
 * and the catalogue test spell-checks every text of the app, capitalised or not.
 */
let nynorskWords: ReturnType<typeof dictionary> | undefined;

async function wordsNotNynorsk(page: Page): Promise<string[]> {
  // Read once: building the word list takes seconds.
  const spell = (nynorskWords ??= dictionary('nn'));
  // The access log's routes (/cases/:id/events), the caseworker's login, the register's example
  // of one and the token claim the users page names ("subject") are data, not words.
  // Dates are Intl's (nn-NO), not the app's words, and its short months ("jan.") are not all in
  // the word list: left out, so the test does not depend on the month it runs in.
  let text = (await page.locator('body').innerText()).replace(/\S*\/\S*/g, ' ').replace(/\d{1,2}\. \p{L}+\.? \d{4}/gu, ' ');
  for (const login of [KE.sub!, 'koordinator-ingrid', '(subject)']) text = text.replaceAll(login, ' ');
  const words = text.match(/(?<![\p{L}\d])\p{Ll}[\p{L}]+(?:-\p{L}+)*/gu) ?? [];
  return [...new Set(misspelt(spell, 'nn', words.join(' ')))];
}

const PAGES: { path: string; heading: string }[] = [
  { path: '/arbeidsliste', heading: 'Arbeidsliste' },
  { path: '/saker', heading: 'Saker' },
  { path: '/ny-henvendelse', heading: 'Ny henvendelse' },
  { path: '/innboks', heading: 'Innboks' },
  { path: '/register', heading: 'Register' },
  { path: '/brukere', heading: 'Brukere' },
  { path: '/oversikt', heading: 'Oversikt' },
];

test("when KE of a nynorsk municipality opens each page, then it is in nynorsk without her choosing it: the page's language, its headings, menu and words", async () => {
  const page = await open('/arbeidsliste');
  for (const { path, heading } of PAGES) {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { level: 1, name: nn(heading) }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('html').getAttribute('lang')).toBe('nn');
    await page.getByRole('navigation', { name: nn('Hovedmeny') }).waitFor();
    expect({ path, words: await wordsNotNynorsk(page) }).toEqual({ path, words: [] });
    expect({ path, axe: await seriousAxeFindings(page) }).toEqual({ path, axe: [] });
  }
  await page.goto(`${base}/ny-henvendelse`);
  await saveScreenshot(page, 'ny-henvendelse-nynorsk');
  await page.context().close();
}, 120_000);

test('when KE of a nynorsk municipality opens a case, then its status, sections and actions are in nynorsk', async () => {
  const page = await open(`/saker/${caseId}`);
  await page.getByRole('heading', { level: 1, name: /Ingrid Testbarn/ }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.getByText(nn('Venter på samtykke')).first().waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('nn');
  expect(await wordsNotNynorsk(page)).toEqual([]);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await saveScreenshot(page, 'sak-nynorsk');
  await page.context().close();
}, 60_000);

test("when she chooses bokmål for herself, then the app is in bokmål from then on, for her only; back to the municipality's, it is nynorsk again", async () => {
  const page = await open('/saker');
  await page.getByRole('heading', { level: 1, name: nn('Saker') }).waitFor();
  await page.getByLabel(nn('Målform')).selectOption('nb');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Saker' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('nb');
  expect((await call(s.app, 'GET', '/me/language', undefined, await auth(KE))).body).toEqual({ language: 'nb', languageChoice: 'nb', municipalityLanguage: 'nn' });
  // Another caseworker of the same municipality still has nynorsk.
  expect((await call(s.app, 'GET', '/me/language', undefined, await auth({ ...KE, sub: 'ke-nynorsk-2' }))).body.language).toBe('nn');
  // Reloaded, the choice holds.
  await page.reload();
  await page.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();

  await page.getByLabel('Målform').selectOption('');
  await page.getByRole('navigation', { name: nn('Hovedmeny') }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('nn');
  expect((await call(s.app, 'GET', '/me/language', undefined, await auth(KE))).body.languageChoice).toBeNull();
  await page.context().close();
}, 60_000);
