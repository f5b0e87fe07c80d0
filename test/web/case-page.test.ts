/**
 * The case page (/saker/:id) in Chromium against the real API, workflow and database: the forms a
 * case allows now post their commands and show the new case without a reload; a refusal is shown
 * in Norwegian at its field with what was typed kept; a case changed meanwhile is fetched anew; the
 * decision letter is previewed before it is sent; a closed case asks for a reason; an unknown case
 * is "Fant ikke saken"; axe finds nothing serious. The login is another part's: the browser sends
 * a bearer token and gets a made-up session.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { tokenFor, type Who } from '../helpers/auth';
import { appointed, consented, mapped, newCase, unitWithCoordinator } from '../helpers/cases';
import { allMet, dateFromNow, today, yearsAgo } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

const SHOTS = process.env.CASE_PAGE_SCREENSHOTS;

let s: Services;
let base: string;
let browser: Browser;

beforeAll(async () => {
  s = await startServices({ webApp: true });
  base = await s.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s.close();
});

interface As extends Who {
  name: string;
  coordinatorId?: string | null;
}

const KE: As = { roles: ['ke'], name: 'Kari KE' };

async function open(who: As, path: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ timezoneId: 'Europe/Oslo', locale: 'nb-NO', extraHTTPHeaders: { authorization: `Bearer ${await tokenFor(who)}` } });
  const session = {
    subject: who.sub ?? `${(who.roles ?? ['ke'])[0]}-tester`,
    name: who.name,
    roles: who.roles ?? ['ke'],
    municipality: '4601',
    coordinatorId: who.coordinatorId ?? null,
    csrfToken: 'test-csrf',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  };
  await context.route('**/auth/session', (route) => route.fulfill({ json: session }));
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return { page, context };
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const stepNow = (page: Page) => page.locator('nav[aria-label="Sakens gang"] [aria-current="step"]');

test('when KE takes a new case from consent through kartlegging to a decision, then each form shows the new case without a reload', async () => {
  const id = await newCase(s.app);
  const { page, context } = await open(KE, `/saker/${id}`);
  await page.getByRole('heading', { level: 1, name: 'Nora Testbarn' }).waitFor();
  await stepNow(page).filter({ hasText: 'Samtykke' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '1-awaiting-consent');
  // A marker that a reload would lose.
  await page.evaluate('window.marker = 1');

  const consent = page.getByRole('form', { name: 'Registrer samtykke' });
  await consent.getByLabel('Samtykket er gitt av').fill('Per Testforelder');
  await consent.getByRole('radio', { name: 'Forelder' }).check();
  await consent.getByLabel('Dato samtykket ble gitt').fill(today());
  await consent.getByRole('button', { name: 'Registrer samtykke' }).click();
  await page.getByText('Samtykket er registrert.', { exact: true }).first().waitFor();
  await stepNow(page).filter({ hasText: 'Kartlegging' }).waitFor();

  const schedule = page.getByRole('form', { name: 'Steg 1: Planlegg kartleggingssamtalen' });
  await schedule.getByLabel('Tidspunkt for kartleggingssamtalen').fill(`${dateFromNow(7)}T10:00`);
  await schedule.getByRole('button', { name: 'Planlegg kartleggingssamtale' }).click();
  await page.getByText(/Steg 1: planlagt/).waitFor();

  const interview = page.getByRole('form', { name: 'Steg 2: Registrer kartleggingssamtalen' });
  await interview.getByLabel('Dato kartleggingssamtalen ble holdt').fill(today());
  await interview.getByLabel('Deltakere').fill('Per Testforelder\nKE-rådgiver');
  await interview.getByRole('radio', { name: 'Ja' }).check();
  await interview.getByRole('button', { name: 'Registrer kartleggingssamtale' }).click();
  await page.getByText(/Steg 2: holdt/).waitFor();

  const assessment = page.getByRole('form', { name: 'Steg 3: Vurder de tre vilkårene' });
  for (const [group, text] of [
    ['a) Familien har barn under 18 år eller venter barn', 'Barnet er 7 år.'],
    ['b) Barnet har alvorlig sykdom, skade eller nedsatt funksjonsevne', 'Alvorlig nedsatt funksjonsevne.'],
    [/^c\) Barnet har behov for langvarige/, 'Behov for tjenester fra helse, skole og PPT over lang tid.'],
  ] as const) {
    await assessment.getByRole('group', { name: group }).getByRole('radio', { name: 'Oppfylt', exact: true }).check();
    const letter = typeof group === 'string' ? group.slice(0, 1) : 'c';
    await assessment.getByLabel(`Vurdering av vilkår ${letter}`).fill(text);
  }
  await assessment.getByRole('button', { name: 'Registrer vurderingen' }).click();
  await page.getByRole('form', { name: 'Skriftlig avgjørelse' }).waitFor();
  await stepNow(page).filter({ hasText: 'Avgjørelse' }).waitFor();

  const decision = page.getByRole('form', { name: 'Skriftlig avgjørelse' });
  await decision.getByLabel('Begrunnelse').fill('Alle tre vilkårene er oppfylt.');
  await decision.getByRole('button', { name: 'Forhåndsvis brevet' }).click();
  const preview = page.getByRole('region', { name: 'Forhåndsvisning av brevet' });
  await preview.getByText('Alle tre vilkårene er oppfylt.').waitFor();
  await preview.getByText('Avgjørelse om barnekoordinator').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '2-decision-preview');
  await preview.getByRole('button', { name: 'Send avgjørelse' }).click();
  await page.getByRole('form', { name: 'Oppnevn barnekoordinator' }).waitFor();
  await stepNow(page).filter({ hasText: 'Oppnevning' }).waitFor();
  expect(await page.evaluate('window.marker')).toBe(1);

  const view = (await call(s.app, 'GET', `/cases/${id}`)).body;
  expect(view.status).toBe('granted');
  expect(view.decisions[0].reasons).toBe('Alle tre vilkårene er oppfylt.');
  await page.getByRole('button', { name: /^Les brevet Avgjørelse om barnekoordinator/ }).waitFor();
  // The letter list says where the letter is: waiting to go out, or (no SvarUt here) to be handed over.
  await page.getByRole('region', { name: 'Brev', exact: true }).getByRole('listitem').filter({ hasText: 'Avgjørelse om barnekoordinator' }).getByText(/^(Venter på utsending|Skal leveres for hånd)$/).waitFor();
  await shot(page, '3-letter-delivery');
  await context.close();
}, 120_000);

test('when KE refuses and the family complains, then the refusal needs an offer, and the complaint and its outcome are recorded from the page', async () => {
  const id = await mapped(s.app, { ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } });
  const { page, context } = await open(KE, `/saker/${id}`);
  const decision = page.getByRole('form', { name: 'Skriftlig avgjørelse' });
  await decision.getByText('Avslått', { exact: true }).waitFor();
  await decision.getByLabel('Begrunnelse').fill('Vilkår b er ikke oppfylt.');
  await decision.getByRole('button', { name: 'Forhåndsvis brevet' }).click();
  // The rule's refusal, in Norwegian, at the form; the text typed stays.
  await decision.getByText('Et avslag må si hva familien får tilbud om i stedet (samordnede tjenester eller alminnelig koordinator).').waitFor();
  await expect(decision.getByLabel('Begrunnelse').inputValue()).resolves.toBe('Vilkår b er ikke oppfylt.');
  await decision.getByRole('group', { name: 'Tilbud til familien i stedet' }).getByRole('checkbox', { name: 'Samordnede tjenester (samordningsplikt)' }).check();
  await decision.getByRole('button', { name: 'Forhåndsvis brevet' }).click();
  const preview = page.getByRole('region', { name: 'Forhåndsvisning av brevet' });
  await preview.getByText('Hva kommunen tilbyr').waitFor();
  await preview.getByRole('button', { name: 'Send avgjørelse' }).click();
  await page.getByText(/: avslått\. Vilkår b er ikke oppfylt\./).waitFor();

  await page.getByText('Registrer klage', { exact: true }).first().click();
  const complaint = page.getByRole('form', { name: 'Registrer klage' });
  await complaint.getByRole('radio', { name: 'Avslag' }).check();
  await complaint.getByLabel('Dato klagen ble mottatt').fill(today());
  await complaint.getByRole('button', { name: 'Registrer klage' }).click();
  const outcome = page.getByRole('form', { name: /^Utfall av klage 1/ });
  await outcome.getByRole('radio', { name: 'Sendt til Statsforvalteren' }).check();
  await outcome.getByLabel('Begrunnelse for utfallet').fill('Koordinerende enhet opprettholder avslaget.');
  await outcome.getByLabel('Dato for utfallet').fill(today());
  await outcome.getByRole('button', { name: 'Registrer utfall av klagen' }).click();
  await page.locator('dl').getByText('Klage hos Statsforvalteren').waitFor();
  await page.getByText(/Sendt til Statsforvalteren .*: Koordinerende enhet opprettholder avslaget\./).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '9-complaint-forwarded');
  expect((await call(s.app, 'GET', `/cases/${id}`)).body.status).toBe('complaint_with_statsforvalteren');
  await context.close();
}, 90_000);

test('when the case refuses a date, then the Norwegian refusal stands at the field and what was typed stays', async () => {
  const id = await newCase(s.app);
  const { page, context } = await open(KE, `/saker/${id}`);
  const consent = page.getByRole('form', { name: 'Registrer samtykke' });
  await consent.getByLabel('Samtykket er gitt av').fill('Kari Testforelder');
  await consent.getByRole('radio', { name: 'Forelder' }).check();
  await consent.getByLabel('Dato samtykket ble gitt').fill(dateFromNow(3));
  await consent.getByRole('button', { name: 'Registrer samtykke' }).click();
  await consent.getByText(/^Datoen samtykket ble gitt \(.+\) er etter i dag/).waitFor();
  await expect(consent.getByLabel('Dato samtykket ble gitt').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(consent.getByLabel('Samtykket er gitt av').inputValue()).resolves.toBe('Kari Testforelder');
  // The focus is on the field in error.
  await expect(page.evaluate('document.activeElement && document.activeElement.type')).resolves.toBe('date');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '3-refusal-at-field');
  expect((await call(s.app, 'GET', `/cases/${id}`)).body.consents).toEqual([]);
  await context.close();
}, 60_000);

test('when a parent consents for a young person of 16, then the form asks why the young person cannot consent, and takes the consent with the reasons; a new guardian is added as a consenter from the form; a young person of 17 consents with copies to the parents', async () => {
  const id = await newCase(s.app, { child: { name: 'Ola Ungdom', birthDate: yearsAgo(16) } });
  const { page, context } = await open(KE, `/saker/${id}`);
  const consent = page.getByRole('form', { name: 'Registrer samtykke' });
  await consent.getByLabel('Samtykket er gitt av').fill('Per Testforelder');
  await consent.getByRole('radio', { name: 'Forelder' }).check();
  const reasons = consent.getByLabel('Hvorfor ungdommen ikke kan samtykke selv');
  await reasons.waitFor();
  await consent.getByRole('button', { name: 'Registrer samtykke' }).click();
  await consent.getByText(/^Barnet er 16 år\. Fra 16 år samtykker ungdommen selv/).waitFor();
  await reasons.fill('Ungdommen har en alvorlig utviklingshemming og forstår ikke hva samtykket gjelder.');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '5-consent-for-young-person');
  await consent.getByRole('button', { name: 'Registrer samtykke' }).click();
  await stepNow(page).filter({ hasText: 'Kartlegging' }).waitFor();
  const young = (await call(s.app, 'GET', `/cases/${id}`)).body;
  expect(young.consents[0]).toMatchObject({ givenBy: 'Per Testforelder', youngPersonLacksCompetence: expect.stringContaining('utviklingshemming') });
  await context.close();

  const other = await newCase(s.app);
  const second = await open(KE, `/saker/${other}`);
  const form = second.page.getByRole('form', { name: 'Registrer samtykke' });
  await form.getByLabel('Samtykket er gitt av').fill('Vera Verge');
  await form.getByRole('radio', { name: /^Verge/ }).check();
  await expect(form.getByLabel('Hvorfor ungdommen ikke kan samtykke selv').count()).resolves.toBe(0);
  await form.getByRole('button', { name: 'Registrer samtykke' }).click();
  await form.getByText(/^Den som samtykker, er ikke blant samtykkegiverne i saken/).waitFor();
  await form.getByRole('checkbox', { name: 'Legg personen til blant samtykkegiverne i saken' }).check();
  await form.getByRole('button', { name: 'Registrer samtykke' }).click();
  await stepNow(second.page).filter({ hasText: 'Kartlegging' }).waitFor();
  const added = (await call(s.app, 'GET', `/cases/${other}`)).body;
  expect(added.request.consenters).toContainEqual({ name: 'Vera Verge', role: 'guardian' });
  await second.context.close();

  // A young person of 17 consents personally and agrees that the parents get copies of the letters.
  const seventeen = await newCase(s.app, {
    child: { name: 'Siri Ungdom', birthDate: yearsAgo(17) },
    consenters: [
      { name: 'Per Testforelder', role: 'parent' },
      { name: 'Siri Ungdom', role: 'young_person' },
    ],
  });
  const third = await open(KE, `/saker/${seventeen}`);
  const own = third.page.getByRole('form', { name: 'Registrer samtykke' });
  await own.getByLabel('Samtykket er gitt av').fill('Siri Ungdom');
  await expect(own.getByRole('checkbox', { name: 'Foreldrene skal få kopi av brevene' }).count()).resolves.toBe(0);
  await own.getByRole('radio', { name: 'Ungdommen selv (fra 16 år)' }).check();
  await own.getByRole('checkbox', { name: 'Foreldrene skal få kopi av brevene' }).check();
  await own.getByRole('button', { name: 'Registrer samtykke' }).click();
  await stepNow(third.page).filter({ hasText: 'Kartlegging' }).waitFor();
  expect((await call(s.app, 'GET', `/cases/${seventeen}`)).body.consents[0]).toMatchObject({ givenBy: 'Siri Ungdom', role: 'young_person', copyLettersToParents: true });
  await third.context.close();
}, 120_000);

test('when someone else changed the case meanwhile, then the command is refused, the case is fetched anew and the page says so', async () => {
  const id = await consented(s.app);
  const { page, context } = await open(KE, `/saker/${id}`);
  const schedule = page.getByRole('form', { name: 'Steg 1: Planlegg kartleggingssamtalen' });
  await schedule.waitFor();
  const other = await call(s.app, 'POST', `/cases/${id}/kartlegging/schedule`, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
  expect(other.status).toBe(200);
  await schedule.getByLabel('Tidspunkt for kartleggingssamtalen').fill(`${dateFromNow(5)}T09:00`);
  await schedule.getByRole('button', { name: 'Planlegg kartleggingssamtale' }).click();
  await page.getByText('Saken er endret av noen andre siden du åpnet den.', { exact: false }).first().waitFor();
  await page.getByText(/Steg 1: planlagt/).waitFor();
  await shot(page, '4-stale');
  await context.close();
}, 60_000);

test('when KE appoints and the coordinator follows up, then each sees only their forms, and the meeting forms work', async () => {
  const tag = Math.random().toString(36).slice(2, 8);
  const sub = `bk-${tag}`;
  const who = await unitWithCoordinator(s.app, tag, sub);
  const id = await appointed(s.app, who);
  const ke = await open(KE, `/saker/${id}`);
  await ke.page.getByRole('heading', { level: 1, name: 'Nora Testbarn' }).waitFor();
  await ke.page.getByRole('heading', { name: 'Tilgangslogg' }).waitFor();
  await ke.page.getByText('Avslutt saken', { exact: true }).first().waitFor();
  expect(await seriousViolations(ke.page)).toEqual([]);
  await shot(ke.page, '5-appointed-ke');
  await ke.context.close();

  const coordinator = await open({ roles: ['coordinator'], sub, name: 'Kim Koordinator', coordinatorId: who.coordinatorId }, `/saker/${id}`);
  const page = coordinator.page;
  await page.getByRole('form', { name: 'Oppstartsamtale' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Tilgangslogg' }).count()).toBe(0);
  expect(await page.getByText('Avslutt saken').count()).toBe(0);
  await page.getByText('Kim Koordinator (deg)').waitFor();

  const kickOff = page.getByRole('form', { name: 'Oppstartsamtale' });
  await kickOff.getByLabel('Dato for oppstartsamtalen').fill(today());
  await kickOff.getByRole('button', { name: 'Registrer oppstartsamtale' }).click();
  await page.getByText('Oppstartsamtalen er registrert.').first().waitFor();

  const group = page.getByRole('form', { name: 'Opprett ansvarsgruppe' });
  await group.getByLabel('Måneder mellom møtene').fill('3');
  await group.getByLabel('Tidspunkt for første møte').fill(`${dateFromNow(14)}T12:00`);
  await group.getByRole('button', { name: 'Opprett ansvarsgruppe' }).click();
  const held = page.getByRole('form', { name: /^Registrer møtet .* som holdt$/ });
  await held.waitFor();
  await page.getByRole('link', { name: /^Last ned møteinnkalling/ }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '6-coordinator-follow-up');

  // A meeting in the future cannot be recorded as held today: the refusal is at the field.
  await held.getByLabel('Dato møtet ble holdt').fill(dateFromNow(1));
  await held.getByRole('button', { name: 'Registrer møtet som holdt' }).click();
  await held.getByText(/er etter i dag/).waitFor();
  await held.getByLabel('Dato møtet ble holdt').fill(today());
  await held.getByRole('button', { name: 'Registrer møtet som holdt' }).click();
  const minutes = page.getByRole('form', { name: /^Referat fra møtet/ });
  await minutes.getByLabel('Dato referatet ble skrevet').fill(today());
  await minutes.getByRole('button', { name: 'Registrer referat' }).click();
  await page.getByText(/referat skrevet/).first().waitFor();
  const view = (await call(s.app, 'GET', `/cases/${id}`)).body;
  expect(view.followUp.meetings.find((m: { status: string }) => m.status === 'held')?.minutesOn).toBe(today());
  await coordinator.context.close();
}, 120_000);

test('when the coordinator sends the ansvarsgruppe while the kick-off is still under way, then it waits for the kick-off\'s answer and is made against the version that gave: both are taken, no 412', async () => {
  const tag = Math.random().toString(36).slice(2, 8);
  const sub = `bk-${tag}`;
  const who = await unitWithCoordinator(s.app, tag, sub);
  const id = await appointed(s.app, who);
  const { page, context } = await open({ roles: ['coordinator'], sub, name: 'Kim Koordinator', coordinatorId: who.coordinatorId }, `/saker/${id}`);
  const sent: { url: string; status: number; ifMatch?: string; etag?: string }[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST') sent.push({ url: r.url(), status: r.status(), ifMatch: r.request().headers()['if-match'], etag: r.headers().etag });
  });
  // The kick-off's answer is held back a second, so the second form is surely sent before it comes.
  await page.route('**/kick-off', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.getByRole('form', { name: 'Oppstartsamtale' }).getByRole('button', { name: 'Registrer oppstartsamtale' }).click();
  await page.getByRole('form', { name: 'Opprett ansvarsgruppe' }).getByRole('button', { name: 'Opprett ansvarsgruppe' }).click();
  await page.getByRole('region', { name: 'Ansvarsgruppemøter' }).getByText(/Ansvarsgruppen ble opprettet/).waitFor();
  expect(sent.map((c) => [c.url.replace(/^.*\//, ''), c.status])).toEqual([
    ['kick-off', 200],
    ['ansvarsgruppe', 200],
  ]);
  expect(sent[1].ifMatch).toBe(sent[0].etag);
  await expect(page.getByText(/Saken er endret av noen andre/).count()).resolves.toBe(0);
  const view = (await call(s.app, 'GET', `/cases/${id}`)).body;
  expect(view.followUp.kickOffHeldOn).toBe(today());
  expect(view.followUp.ansvarsgruppe).toBeTruthy();
  await context.close();
}, 90_000);

test('when KE appoints a coordinator, then unit and coordinator are chosen from the registry', async () => {
  const tag = Math.random().toString(36).slice(2, 8);
  const who = await unitWithCoordinator(s.app, tag);
  const id = await consented(s.app);
  await call(s.app, 'POST', `/cases/${id}/kartlegging`, { heldOn: today(), participants: ['Per'], childParticipated: true });
  await call(s.app, 'POST', `/cases/${id}/kartlegging/assessment`, {
    childUnder18OrExpected: { met: true, text: 'Ja.' },
    seriousCondition: { met: true, text: 'Ja.' },
    longTermCoordinatedNeeds: { met: true, text: 'Ja.' },
  });
  expect((await call(s.app, 'POST', `/cases/${id}/decision`, { outcome: 'granted', reasons: 'Oppfylt.', decidedOn: today() })).status).toBe(200);
  const { page, context } = await open(KE, `/saker/${id}`);
  const form = page.getByRole('form', { name: 'Oppnevn barnekoordinator' });
  await form.getByLabel('Tjenestested').selectOption({ label: `Helsestasjon ${tag}` });
  await form.getByLabel('Barnekoordinator').selectOption(who.coordinatorId);
  await form.getByRole('button', { name: 'Oppnevn barnekoordinator' }).click();
  await stepNow(page).filter({ hasText: 'Oppfølging' }).waitFor();
  await page.getByRole('form', { name: 'Oppstartsamtale' }).waitFor();
  expect((await call(s.app, 'GET', `/cases/${id}`)).body.appointment.coordinatorId).toBe(who.coordinatorId);
  await context.close();
}, 60_000);

test('when a case is closed, then the page asks why before it shows the case, sends the reason with every read, and takes a complaint about the closure only', async () => {
  const id = await newCase(s.app);
  expect((await call(s.app, 'POST', `/cases/${id}/closure`, { reason: 'moved_away', on: today() })).status).toBe(200);
  const { page, context } = await open(KE, `/saker/${id}`);
  await page.getByRole('heading', { level: 1, name: 'Avsluttet sak' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '7-closed-reason');
  await page.getByLabel('Hvorfor åpner du en avsluttet sak?').fill('Familien ba om innsyn i saken.');
  await page.getByRole('button', { name: 'Åpne saken' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nora Testbarn' }).waitFor();
  await page.getByRole('button', { name: /^Les brevet Avslutning/ }).waitFor();
  await stepNow(page).filter({ hasText: 'Avsluttet' }).waitFor();
  await page.getByRole('cell', { name: 'Familien ba om innsyn i saken.' }).first().waitFor();
  await shot(page, '8-closed-open');
  // The closure letter gives a complaint right (rule law-complaint-after-closure): the page offers
  // a complaint about the closure, and nothing else.
  await page.getByText('Registrer klage', { exact: true }).first().click();
  const complaint = page.getByRole('form', { name: 'Registrer klage' });
  expect(await complaint.getByRole('radio').count()).toBe(1);
  await complaint.getByRole('radio', { name: 'Endring eller opphør' }).check();
  await complaint.getByLabel('Dato klagen ble mottatt').fill(today());
  await complaint.getByRole('button', { name: 'Registrer klage' }).click();
  await page.getByRole('form', { name: /^Utfall av klage 1/ }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const after = await call(s.app, 'GET', `/cases/${id}`, undefined, { 'x-access-reason': 'kontroll i test' });
  expect(after.body).toMatchObject({ status: 'closed', complaints: [{ about: 'change_or_termination', status: 'received', late: false }] });
  await context.close();
}, 60_000);

test('when the case does not exist or is not the coordinator’s, then the page says "Fant ikke saken"', async () => {
  const { page, context } = await open(KE, '/saker/00000000-0000-4000-8000-000000000000');
  await page.getByRole('heading', { level: 1, name: 'Fant ikke saken' }).waitFor();
  await context.close();
  const id = await newCase(s.app);
  const other = await open({ roles: ['coordinator'], sub: 'not-this-one', name: 'Annen Koordinator' }, `/saker/${id}`);
  await other.page.getByRole('heading', { level: 1, name: 'Fant ikke saken' }).waitFor();
  await other.context.close();
}, 60_000);

test('when KE records where the letters go, then a bad postnummer is shown at its field, and the saved address is listed for the addressee', async () => {
  const id = await newCase(s.app);
  const { page, context } = await open(KE, `/saker/${id}`);
  const section = page.getByRole('region', { name: 'Adresser for brev' });
  await section.getByText('Per Testforelder: ingen adresse registrert, brev må leveres for hånd').waitFor();
  await section.getByRole('button', { name: 'Endre adresser' }).click();
  const form = page.getByRole('form', { name: 'Adresser for brev' });
  const parent = form.getByRole('group', { name: 'Per Testforelder' });
  await parent.getByLabel('Fødselsnummer (valgfritt, 11 siffer)').fill('01017012345');
  await parent.getByLabel('Adresse (én linje per rad)').fill('Storgata 1\nLeilighet H0201');
  await parent.getByLabel('Postnummer').fill('999');
  await parent.getByLabel('Poststed').fill('Testvik');
  await form.getByRole('button', { name: 'Lagre adresser' }).click();
  // The refusal stands at the field, and what was typed stays.
  await form.getByText('Noen felt er ikke fylt ut riktig. Se meldingen ved feltet.').waitFor();
  expect(await parent.getByLabel('Postnummer').getAttribute('aria-invalid')).toBe('true');
  expect(await parent.getByLabel('Poststed').inputValue()).toBe('Testvik');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, '6-contacts-refused');
  await parent.getByLabel('Postnummer').fill('9990');
  await form.getByRole('button', { name: 'Lagre adresser' }).click();
  await section.getByText('Per Testforelder: Storgata 1, Leilighet H0201, 9990 Testvik · fødselsnummer registrert (digital post)').waitFor();
  await shot(page, '7-contacts-saved');
  expect((await call(s.app, 'GET', `/cases/${id}/contacts`)).body.contacts).toEqual([
    { name: 'Per Testforelder', nationalId: '01017012345', addressLines: ['Storgata 1', 'Leilighet H0201'], postalCode: '9990', city: 'Testvik', updatedAt: expect.any(String) },
  ]);
  await context.close();
}, 60_000);
