/**
 * KE's page of users and roles (/brukere) in Chromium against the real API and database: KE gives
 * a user roles, changes them and takes them away; a bad entry gets its message at the field and
 * changes nothing; the page is for KE only; axe finds nothing serious. The login is another
 * part's: the browser sends a bearer token and gets a made-up session, as in case-page.test.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { tokenFor, type Who } from '../helpers/auth';
import { launchBrowser, saveScreenshot, seriousAxeFindings } from '../helpers/browser';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
let base: string;
let browser: Browser;

beforeAll(async () => {
  s = await startServices({ webApp: true, worker: false });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s.close();
});

async function open(who: Who & { name: string }, path: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'Europe/Oslo', locale: 'nb-NO', extraHTTPHeaders: { authorization: `Bearer ${await tokenFor(who)}` } });
  const roles = who.roles ?? ['ke'];
  const session = { subject: who.sub ?? `${roles[0]}-tester`, name: who.name, roles, municipality: who.municipality ?? '4601', coordinatorId: null, csrfToken: 'test-csrf', expiresAt: new Date(Date.now() + 3600_000).toISOString() };
  await context.route('**/auth/session', (route) => route.fulfill({ json: session }));
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

const subject = () => `ansattporten|${Math.random().toString(36).slice(2, 10)}`;
const usersInTable = async () => (await call(s.app, 'GET', '/ke/users')).body.users as { subject: string; name: string; roles: string[] }[];

test('when KE gives a user roles, changes them and takes them away, then the table shows each change and the API holds it', async () => {
  const page = await open({ roles: ['ke'], name: 'Kari KE' }, '/register');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere' }).click();
  await page.getByRole('heading', { level: 1, name: 'Brukere' }).waitFor();
  const form = page.getByRole('form', { name: 'Gi en bruker roller' });
  const who = subject();

  // Nothing chosen: the messages stand at the fields, and nothing is sent.
  await form.getByRole('button', { name: 'Gi roller' }).click();
  await form.getByText('Skriv brukerens innloggings-ID').waitFor();
  await form.getByText('Velg minst én rolle').waitFor();
  // The API's own refusal of a subject it does not take, and of a missing name, at their fields.
  await form.getByLabel('Innloggings-ID').fill('har mellomrom');
  await form.getByRole('checkbox', { name: /^Barnekoordinator/ }).check();
  await form.getByRole('button', { name: 'Gi roller' }).click();
  await form.getByText('Bruk 1–200 bokstaver, tall og . _ - @ : |').waitFor();
  await form.getByLabel('Innloggings-ID').fill(who);
  await form.getByRole('button', { name: 'Gi roller' }).click();
  await form.getByText('Må fylles ut').waitFor();
  expect((await usersInTable()).map((u) => u.subject)).not.toContain(who);

  await form.getByLabel('Navn', { exact: true }).fill('Siri Saksbehandler');
  await form.getByRole('checkbox', { name: /^Koordinerende enhet/ }).check();
  await form.getByRole('button', { name: 'Gi roller' }).click();
  await page.getByText('Siri Saksbehandler har nå rollene koordinerende enhet, barnekoordinator.').waitFor();
  const row = page.getByRole('row').filter({ hasText: who });
  await row.getByText('Koordinerende enhet, Barnekoordinator').waitFor();
  expect((await usersInTable()).find((u) => u.subject === who)).toMatchObject({ name: 'Siri Saksbehandler', roles: ['ke', 'coordinator'] });
  expect(await seriousAxeFindings(page)).toEqual([]);
  await saveScreenshot(page, 'brukere');

  await row.getByRole('button', { name: 'Endre rollene til Siri Saksbehandler' }).click();
  const change = page.getByRole('form', { name: 'Endre rollene til Siri Saksbehandler' });
  await expect(change.getByLabel('Innloggings-ID').inputValue()).resolves.toBe(who);
  await change.getByRole('checkbox', { name: /^Koordinerende enhet/ }).uncheck();
  await change.getByRole('button', { name: 'Lagre rollene' }).click();
  await row.getByText(/^Barnekoordinator$/).waitFor();
  expect((await usersInTable()).find((u) => u.subject === who)?.roles).toEqual(['coordinator']);

  await row.getByRole('button', { name: 'Fjern rollene til Siri Saksbehandler' }).click();
  await row.getByRole('button', { name: 'Bekreft: fjern alle rollene til Siri Saksbehandler' }).click();
  await page.getByText('Siri Saksbehandler har ikke lenger noen roller her.').waitFor();
  await expect(page.getByRole('row').filter({ hasText: who }).count()).resolves.toBe(0);
  expect((await usersInTable()).map((u) => u.subject)).not.toContain(who);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await page.context().close();
}, 90_000);

test('when a coordinator opens the page, then it is not in the menu and says there is no access', async () => {
  const page = await open({ roles: ['coordinator'], name: 'Kim Koordinator' }, '/brukere');
  await page.getByRole('heading', { level: 1, name: 'Ingen tilgang' }).waitFor();
  await expect(page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere' }).count()).resolves.toBe(0);
  await page.context().close();
}, 60_000);

test("when the municipality's administrator opens the app, then she lands on its settings, a bad e-mail is shown at its field, and a save changes the register with a line in its changes", async () => {
  // A municipality of its own: 4601's settings are the other suites'.
  const admin = { roles: ['admin'] as const, sub: 'admin-innstillinger', municipality: '4608', name: 'Siri Admin' };
  const page = await open({ ...admin, roles: [...admin.roles] }, '/');
  await page.getByRole('heading', { level: 1, name: 'Innstillinger' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/innstillinger');
  const form = page.getByRole('form', { name: 'Kommune 4608' });
  await form.getByLabel('Kommunens navn').fill('Fjordvik kommune');
  await form.getByLabel('Brevhode').fill('Fjordvik kommune – koordinerande eining');
  await form.getByRole('radio', { name: 'Nynorsk' }).check();
  await form.getByLabel('E-post til koordinerende enhet (valgfritt)').fill('ikke en adresse');
  await form.getByRole('button', { name: 'Lagre innstillingene' }).click();
  await page.getByText('Noen felt er ikke fylt ut riktig. Se meldingen ved feltet.').waitFor();
  expect(await form.getByLabel('E-post til koordinerende enhet (valgfritt)').getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByLabel('Kommunens navn').inputValue()).toBe('Fjordvik kommune');
  const token = { authorization: `Bearer ${await tokenFor({ ...admin, roles: [...admin.roles] })}` };
  expect((await call(s.app, 'GET', '/admin/municipality', undefined, token)).body.version).toBe(0);

  await form.getByLabel('E-post til koordinerende enhet (valgfritt)').fill('ke@fjordvik.kommune.no');
  await form.getByRole('button', { name: 'Lagre innstillingene' }).click();
  await page.getByText('Innstillingene er lagret. De gjelder for brev og påminnelser som skrives fra nå.').waitFor();
  await page.getByRole('table', { name: 'Endringer' }).getByRole('cell', { name: 'admin-innstillinger' }).waitFor();
  const saved = (await call(s.app, 'GET', '/admin/municipality', undefined, token)).body;
  expect(saved).toMatchObject({ number: '4608', version: 1, name: 'Fjordvik kommune', malform: 'nn', keEmail: 'ke@fjordvik.kommune.no', updatedBy: 'admin-innstillinger' });
  expect(await seriousAxeFindings(page)).toEqual([]);
  await saveScreenshot(page, 'innstillinger');
  await page.context().close();
});
