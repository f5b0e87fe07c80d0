/**
 * The web app in a real browser against the whole service as `npm start` runs it: the local
 * OpenID provider, the API serving the app, the worker, Temporal and PostgreSQL, and reminder
 * e-mails through a real SMTP server in this process. The people of DOMAIN.md do their work:
 * a KE caseworker carries a request to an appointment, the coordinator follows up from the
 * reminder e-mail's link, others are kept out, and every page passes axe.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, saveScreenshot, seriousAxeFindings } from '../helpers/browser';
import { eventually } from '../helpers/http';
import { launch, tempDataDir, type Launched } from '../helpers/launcher';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { caseRequest, dateFromNow } from '../helpers/fixtures';
import { firstReads } from '../../web/src/paths';

jest.setTimeout(240_000);

const CHILD = 'Nora Nettleser';
/** The child as the case lists name her: with her birth date as dd.mm.åååå. */
const CHILD_IN_LISTS = `${CHILD} (født 04.05.2019)`;
const COORDINATOR = { name: 'Ingrid Berg', subject: 'koordinator-ingrid', email: 'ingrid@kommune.test' };

let svc: Launched;
let smtp: TestSmtpServer;
let browser: Browser;
let caseUrl: string;
const dataDir = tempDataDir();
/** Pages checked with axe, and what axe found on each (serious or critical only). */
const axe: Record<string, unknown[]> = {};

beforeAll(async () => {
  smtp = await startSmtpServer();
  svc = await launch(dataDir, {
    SMTP_URL: smtp.url,
    KE_EMAIL: 'ke@kommune.test',
    REMINDER_POLL_MS: '200',
    // The kick-off is due about ten seconds after the appointment, so its reminder comes during the test.
    CASE_POLICY: JSON.stringify({ kickOffDays: 0.00012 }),
  });
  await svc.waitHealthy();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await svc?.interrupt();
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function checkAxe(page: Page, name: string) {
  axe[name] = await seriousAxeFindings(page);
  expect({ page: name, findings: axe[name] }).toEqual({ page: name, findings: [] });
}

/** Opens the app, is sent to the identity provider's login page and picks the person there. */
async function logIn(name: string, path = '/'): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(svc.url(path));
  await page.getByRole('button', { name: `Logg inn som ${name}` }).click();
  await page.getByRole('button', { name: 'Logg ut' }).waitFor();
  expect(await page.getByRole('banner').innerText()).toContain(name);
  return page;
}

const actions = (page: Page) => page.getByRole('region', { name: 'Det du kan gjøre nå' });

test('when a KE caseworker logs in, then she registers a request and carries it through consent, kartlegging and the decision to the appointment of a coordinator registered in the app', async () => {
  const page = await logIn('Kari Nordmann');
  await page.waitForURL(/\/arbeidsliste$/);
  await page.getByRole('heading', { name: 'Arbeidsliste', level: 1 }).waitFor();
  await checkAxe(page, 'arbeidsliste');
  await saveScreenshot(page, 'arbeidsliste');

  // The registry: a unit and the coordinator, linked to her login.
  await page.getByRole('link', { name: 'Register' }).click();
  await page.getByLabel('Navn på tjenestestedet').fill('Helsestasjonen');
  await page.getByLabel('Sektor').selectOption({ label: 'Helse' });
  await page.getByRole('button', { name: 'Registrer tjenestested' }).click();
  await page.getByText('Helsestasjonen er registrert.').waitFor();
  await page.getByLabel('Tjenestested', { exact: true }).selectOption({ label: 'Helsestasjonen' });
  await page.getByLabel('Navn', { exact: true }).fill(COORDINATOR.name);
  await page.getByLabel('E-post').fill(COORDINATOR.email);
  await page.getByLabel('Brukernavn for innlogging (valgfritt)').fill(COORDINATOR.subject);
  await page.getByRole('button', { name: 'Registrer barnekoordinator' }).click();
  await page.getByText(`${COORDINATOR.name} er registrert som barnekoordinator.`).waitFor();
  await checkAxe(page, 'register');
  await saveScreenshot(page, 'register');

  // A written request for a born child.
  await page.getByRole('link', { name: 'Ny henvendelse' }).click();
  await page.getByLabel('Barnets navn').fill(CHILD);
  await page.getByLabel('Fødselsdato').fill('2019-05-04');
  await page.getByLabel('Navn, samtykkegiver 1').fill('Per Forelder');
  await page.getByLabel('Rolle, samtykkegiver 1').selectOption({ label: 'Forelder' });
  await page.getByLabel('Begrunnelse for ønsket').fill('Mange tjenester som ikke henger sammen.');
  await checkAxe(page, 'ny-henvendelse');
  await saveScreenshot(page, 'ny-henvendelse');
  await page.getByRole('button', { name: 'Registrer henvendelsen' }).click();
  await page.waitForURL(/\/saker\/[0-9a-f-]{36}$/);
  caseUrl = page.url();
  await page.getByRole('heading', { name: CHILD, level: 1 }).waitFor();
  await page.getByText('Venter på samtykke').first().waitFor();

  // Consent: the new state shows without a reload.
  await actions(page).getByLabel('Samtykket er gitt av').fill('Per Forelder');
  await actions(page).getByRole('radio', { name: 'Forelder' }).check();
  await actions(page).getByRole('button', { name: 'Registrer samtykke' }).click();
  await actions(page).getByRole('heading', { name: 'Kartlegging', exact: true }).waitFor();
  await checkAxe(page, 'sak-kartlegging');

  // Kartlegging: the interview, then the three conditions.
  const interview = actions(page).getByRole('form', { name: 'Steg 2: Registrer kartleggingssamtalen' });
  await interview.getByLabel('Deltakere').fill('Per Forelder\nKari Nordmann');
  await interview.getByRole('radio', { name: 'Ja' }).check();
  await interview.getByRole('button', { name: 'Registrer kartleggingssamtale' }).click();
  const assessment = actions(page).getByRole('form', { name: 'Steg 3: Vurder de tre vilkårene' });
  await assessment.waitFor();
  for (const condition of ['a', 'b', 'c']) {
    await assessment.getByRole('group', { name: new RegExp(`^${condition}\\)`) }).getByRole('radio', { name: 'Oppfylt', exact: true }).check();
    await assessment.getByLabel(`Vurdering av vilkår ${condition}`).fill(`Vilkår ${condition} er oppfylt etter samtalen.`);
  }
  await assessment.getByRole('button', { name: 'Registrer vurderingen' }).click();

  // The decision: its outcome follows the assessment; its letter is previewed before it is sent.
  const decision = actions(page).getByRole('form', { name: 'Skriftlig avgjørelse' });
  await decision.getByLabel('Begrunnelse').fill('Alle tre vilkårene er oppfylt etter kartleggingen.');
  await checkAxe(page, 'sak-avgjorelse');
  await decision.getByRole('button', { name: 'Forhåndsvis brevet' }).click();
  await actions(page).getByRole('button', { name: 'Send avgjørelse' }).waitFor();
  expect(await actions(page).innerText()).toMatch(/Familien har rett til barnekoordinator/);
  await saveScreenshot(page, 'sak-avgjorelse');
  await actions(page).getByRole('button', { name: 'Send avgjørelse' }).click();
  await page.getByText('Innvilget').first().waitFor();

  // The decision letter opens as a PDF.
  const letters = page.getByRole('region', { name: 'Brev' });
  const [download] = await Promise.all([page.waitForEvent('download'), letters.getByRole('button', { name: /^Last ned PDF/ }).first().click()]);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');

  // The appointment of the coordinator registered above.
  const appointment = actions(page).getByRole('form', { name: 'Oppnevn barnekoordinator' });
  await appointment.getByLabel('Tjenestested').selectOption({ label: 'Helsestasjonen' });
  await appointment.getByLabel('Barnekoordinator').selectOption({ label: `${COORDINATOR.name} (0 åpne saker)` });
  await appointment.getByRole('button', { name: 'Oppnevn barnekoordinator' }).click();
  await page.getByText('Barnekoordinator oppnevnt').first().waitFor();
  await expect(page.getByText(COORDINATOR.name).first().isVisible()).resolves.toBe(true);
  await checkAxe(page, 'sak-oppnevnt');
  await saveScreenshot(page, 'sak');

  for (const [path, name] of [['/saker', 'saker'], ['/innboks', 'innboks-ke'], ['/oversikt', 'oversikt']] as const) {
    await page.goto(svc.url(path));
    await page.locator('main h1').waitFor();
    if (path === '/saker') await page.getByRole('link', { name: CHILD_IN_LISTS, exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await checkAxe(page, name);
    await saveScreenshot(page, name);
  }
  await page.context().close();
});

test('when the coordinator logs in, then she finds the reminder, opens the case from the e-mail and does the follow-up: kick-off, ansvarsgruppe, a meeting planned and held, its minutes', async () => {
  // The kick-off reminder's e-mail, with its link to the case.
  const mail = await eventually(async () => (await smtp.parsed()).find((m) => m.envelopeTo.includes(COORDINATOR.email)), 90_000);
  const link = /https?:\/\/\S+\/cases\/[0-9a-f-]{36}/.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  expect(mail.text).not.toContain(CHILD);

  const page = await logIn(COORDINATOR.name);
  await page.waitForURL(/\/mine-saker$/);
  await page.getByRole('link', { name: CHILD_IN_LISTS, exact: true }).waitFor();
  await checkAxe(page, 'mine-saker');
  await saveScreenshot(page, 'mine-saker');
  await page.getByRole('link', { name: 'Innboks' }).click();
  const unread = page.getByRole('button', { name: /Merk som lest/ }).first();
  await unread.waitFor();
  await checkAxe(page, 'innboks');
  await saveScreenshot(page, 'innboks');
  await unread.click();
  await page.getByText(/Lest/).first().waitFor();

  // The e-mail's link: the API address, which a browser is sent on to the case page.
  await page.goto(link!);
  await page.waitForURL(caseUrl);
  await page.getByRole('heading', { name: CHILD, level: 1 }).waitFor();

  // Every command the page sends, with the version it was made against and the version answered.
  const commands: { url: string; status: number; ifMatch?: string; etag?: string }[] = [];
  page.on('response', (r) => {
    if (r.request().method() !== 'POST' || !/\/cases\//.test(r.url())) return;
    commands.push({ url: new URL(r.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id'), status: r.status(), ifMatch: r.request().headers()['if-match'], etag: r.headers().etag });
  });
  await actions(page).getByRole('button', { name: 'Registrer oppstartsamtale' }).click();
  await page.getByRole('paragraph').filter({ hasText: 'Oppstartsamtalen er registrert.' }).waitFor();
  await actions(page).getByRole('button', { name: 'Opprett ansvarsgruppe' }).click();
  const meetings = page.getByRole('region', { name: 'Ansvarsgruppemøter' });
  // The kick-off's answer carries the version the next command sends: no 412 in between.
  await meetings.getByText(/Ansvarsgruppen ble opprettet/).or(page.getByText(/Saken er endret av noen andre/).first()).first().waitFor();
  expect(commands.map((c) => c.status)).toEqual([200, 200]);
  expect(commands[1].ifMatch).toBe(commands[0].etag);
  await checkAxe(page, 'sak-oppfolging');

  // An extra meeting next week, with its calendar invitation.
  await actions(page).locator('summary', { hasText: 'Planlegg ansvarsgruppemøte' }).click();
  await actions(page).getByLabel('Tidspunkt for nytt møte').fill(`${dateFromNow(7)}T09:00`);
  await actions(page).getByRole('button', { name: 'Planlegg møte' }).click();
  await expect(meetings.getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(1);
  const invitation = meetings.getByRole('link', { name: /møteinnkalling/ }).first();
  await invitation.waitFor();
  const ics = await page.request.get(svc.url((await invitation.getAttribute('href'))!));
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('BEGIN:VCALENDAR');

  // The meeting is held, then its minutes are written.
  await meetings.getByRole('button', { name: 'Registrer møtet som holdt' }).first().click();
  await meetings.getByText(/referat mangler/).waitFor();
  await meetings.getByRole('button', { name: 'Registrer referat' }).first().click();
  await eventually(async () => ((await meetings.getByText(/referat mangler/).count()) === 0 ? true : undefined));
  await saveScreenshot(page, 'sak-oppfolging');
  await page.context().close();
});

test('when a second coordinator opens that case, then she finds nothing; when the leader logs in, then he sees the caseload and no case', async () => {
  const other = await logIn('Per Johansen', new URL(caseUrl).pathname);
  await other.getByRole('heading', { name: 'Fant ikke saken', level: 1 }).waitFor();
  await expect(other.getByText(CHILD).count()).resolves.toBe(0);
  await checkAxe(other, 'fant-ikke-saken');
  await other.context().close();

  const leader = await logIn('Marit Lie');
  await leader.waitForURL(/\/oversikt$/);
  await leader.getByRole('heading', { name: 'Oversikt', level: 1 }).waitFor();
  await leader.waitForLoadState('networkidle');
  await expect(leader.getByText(COORDINATOR.name).first().isVisible()).resolves.toBe(true);
  await expect(leader.getByText(CHILD).count()).resolves.toBe(0);
  await expect(leader.locator('a[href^="/saker/"]').count()).resolves.toBe(0);
  await checkAxe(leader, 'oversikt-leder');
  await leader.goto(caseUrl);
  await leader.getByRole('heading', { level: 1 }).waitFor();
  await expect(leader.getByText(CHILD).count()).resolves.toBe(0);
  await leader.context().close();
});

test("when a page is opened afresh, then the shell has the browser start the page's first reads with it, and the app takes those answers instead of asking again", async () => {
  const page = await logIn('Kari Nordmann');
  // The page the login lands on finishes its own reads first, so none of them is counted below.
  await page.waitForLoadState('networkidle');
  const caseId = /\/saker\/([0-9a-f-]{36})/.exec(caseUrl)![1];
  for (const path of ['/arbeidsliste', `/saker/${caseId}`]) {
    const asked: string[] = [];
    const onRequest = (request: { url(): string }) => asked.push(new URL(request.url()).pathname + new URL(request.url()).search);
    page.on('request', onRequest);
    await page.goto(svc.url(path));
    await page.locator('main h1').waitFor();
    await page.waitForLoadState('networkidle');
    page.off('request', onRequest);
    const reads = firstReads(path);
    for (const read of reads) expect({ read, times: asked.filter((a) => a === read).length }).toEqual({ read, times: 1 });
    // Started by the shell's link, before the app's script ran.
    type Timings = { location: { href: string }; performance: { getEntriesByName(name: string): { initiatorType: string }[] } };
    const initiators = await page.evaluate((urls) => {
      const w = globalThis as unknown as Timings;
      return urls.map((u) => w.performance.getEntriesByName(new URL(u, w.location.href).href)[0]?.initiatorType);
    }, reads);
    expect(initiators).toEqual(reads.map(() => 'link'));
  }
  await page.context().close();
});

test('when a command is refused by a rule, then the form shows the rule in Norwegian and keeps what was typed', async () => {
  const created = await fetch(svc.url('/cases'), { method: 'POST', headers: await svc.headers(), body: JSON.stringify(caseRequest({ child: { name: 'Ola Regel', birthDate: '2018-03-02' } })) });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const page = await logIn('Ola Hansen', `/saker/${id}`);
  await page.getByRole('heading', { name: 'Ola Regel', level: 1 }).waitFor();
  // A consent from someone who is not among the case's consenters.
  const consent = actions(page).getByRole('form', { name: 'Registrer samtykke' });
  await consent.getByLabel('Samtykket er gitt av').fill('Ukjent Person');
  await consent.getByRole('radio', { name: 'Forelder' }).check();
  await consent.getByRole('button', { name: 'Registrer samtykke' }).click();
  await consent.getByText('Den som samtykker, er ikke blant samtykkegiverne i saken.', { exact: false }).first().waitFor();
  await expect(consent.getByLabel('Samtykket er gitt av').inputValue()).resolves.toBe('Ukjent Person');
  await expect(page.getByText('Venter på samtykke').first().isVisible()).resolves.toBe(true);
  await checkAxe(page, 'avvist-kommando');
  await saveScreenshot(page, 'avvist-kommando');
  await page.context().close();
});

test('when a caseworker logs out, then the session ends at the service and at the provider; a cross-site POST with the session cookie is refused; the cookie has the right flags', async () => {
  const page = await logIn('Kari Nordmann');
  await page.waitForURL(/\/arbeidsliste$/);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'bk_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
  const cookieHeader = `bk_session=${cookie!.value}`;
  const session = (await (await fetch(svc.url('/auth/session'), { headers: { cookie: cookieHeader } })).json()) as { csrfToken: string };
  expect(session).toMatchObject({ name: 'Kari Nordmann', roles: ['ke'], municipality: '9999' });

  // A POST carrying the cookie from another site: no CSRF token, a foreign Origin.
  const forged = await fetch(svc.url('/units'), {
    method: 'POST',
    headers: { cookie: cookieHeader, origin: 'https://evil.example', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Falsk', sector: 'health' }),
  });
  expect(forged.status).toBe(403);
  const withToken = await fetch(svc.url('/units'), {
    method: 'POST',
    headers: { cookie: cookieHeader, origin: 'https://evil.example', 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ name: 'Falsk', sector: 'health' }),
  });
  expect(withToken.status).toBe(403);
  // The same from a page on another site in the browser: a form posted cross-site.
  const evil = await page.context().newPage();
  const form = `<!doctype html><html lang="en"><title>x</title><form method="post" action="${svc.url('/units')}" enctype="text/plain"><input name='{"name":"Falsk","sector":"health","x":"' value='"}'></form></html>`;
  await evil.route('http://evil.example/**', (route) => route.fulfill({ contentType: 'text/html', body: form }));
  await evil.goto('http://evil.example/');
  const [answer] = await Promise.all([evil.waitForResponse(() => true), evil.locator('form').evaluate((f) => (f as unknown as { submit(): void }).submit())]);
  expect([401, 403, 415]).toContain(answer.status());
  const units = await (await fetch(svc.url('/units'), { headers: await svc.headers() })).json();
  expect(JSON.stringify(units)).not.toContain('Falsk');

  await page.getByRole('button', { name: 'Logg ut' }).click();
  // The logout runs through the provider's end-session page and back to the app, which sends to
  // the provider's login page: wait for the whole chain before navigating again.
  await page.getByRole('button', { name: 'Logg inn som Kari Nordmann' }).waitFor();
  await eventually(async () => ((await fetch(svc.url('/auth/session'), { headers: { cookie: cookieHeader } })).status === 401 ? true : undefined));
  // The provider's session ended too: the app sends to its login page, which asks who logs in.
  // The app redirects as soon as its script runs, which can be before the page's load event.
  await page.goto(svc.url('/'), { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Logg inn som Kari Nordmann' }).waitFor();
  await checkAxe(page, 'innlogging');
  await saveScreenshot(page, 'innlogging');
  await page.context().close();
});
