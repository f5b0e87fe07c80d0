/**
 * The worklist and the case page in Chromium against the real API, workflow and database, without
 * SvarUt: KE finds the decision letter on the worklist as one to hand over, reads it on the case
 * page and sees that it is to be handed over by hand, records that it was handed over in person,
 * and the letter then reads as handed over with its complaint deadline counted from that day and
 * is gone from the worklist. The login is another part's: the browser sends a bearer token and gets a
 * made-up session.
 */
import { chromium, type Browser } from 'playwright-core';
import { complaintDeadline } from '../../workflows/case/to-appointment';
import { tokenFor, type Who } from '../helpers/auth';
import { saveScreenshot, seriousAxeFindings } from '../helpers/browser';
import { granted } from '../helpers/cases';
import { today } from '../helpers/fixtures';
import { dateText } from '../../web/src/pages/case/labels';
import { deliveryReaches, deliveryResult, lettersOf, startDeliveryHarness, type DeliveryHarness } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * A municipality of this file's own, so its worklist holds exactly this test's letters (the other
 * delivery tests leave letters of the test municipality to be handed over).
 */
const MUNICIPALITY = '4610';
const KE: Who = { roles: ['ke'], municipality: MUNICIPALITY };

let h: DeliveryHarness;
let base: string;
let browser: Browser;
beforeAll(async () => {
  h = await startDeliveryHarness({ configured: false, webApp: true });
  base = await h.s.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

test('when KE finds a letter to be handed over by hand on the worklist and records that it was, then the letter reads as handed over with the complaint deadline from that day and leaves the worklist', async () => {
  const id = await granted(h.s.app, KE);
  h.caseIds.push(id);
  const [letter] = await lettersOf(h, id);
  await deliveryReaches(h, letter.id, ['by_hand']);

  const context = await browser.newContext({ timezoneId: 'Europe/Oslo', locale: 'nb-NO', extraHTTPHeaders: { authorization: `Bearer ${await tokenFor(KE)}` } });
  const session = { subject: 'ke-tester', name: 'Kari KE', roles: ['ke'], municipality: MUNICIPALITY, coordinatorId: null, csrfToken: 'test-csrf', expiresAt: new Date(Date.now() + 3600_000).toISOString() };
  await context.route('**/auth/session', (route) => route.fulfill({ json: session }));
  const page = await context.newPage();
  await page.goto(`${base}/arbeidsliste`);
  const letters = page.getByRole('region', { name: 'Brev som må leveres (1)' });
  const row = letters.getByRole('row', { name: /Nora Testbarn/ });
  await row.getByText('Avgjørelse om barnekoordinator').waitFor();
  await row.getByText('Skal leveres for hånd (SvarUt er ikke satt opp)').waitFor();
  expect(await seriousAxeFindings(page)).toEqual([]);
  await saveScreenshot(page, 'arbeidsliste-brev');
  await row.getByRole('link').click();
  await page.waitForURL(`${base}/saker/${id}`);
  await page.getByRole('button', { name: /^Les brevet Avgjørelse om barnekoordinator/ }).click();
  const panel = page.getByRole('region', { name: 'Utsending av brevet' });
  await panel.getByText('Skal leveres for hånd', { exact: true }).waitFor();
  await panel.getByText('Brev sendes ikke digitalt fra denne tjenesten (SvarUt er ikke satt opp).').waitFor();
  await panel.getByText(`Klagefrist ${dateText(complaintDeadline(today()))} (regnet fra brevets dato).`).waitFor();

  await panel.getByRole('button', { name: /^Registrer levert for hånd/ }).click();
  const form = panel.getByRole('form', { name: 'Registrer levert for hånd' });
  // Without the way it was handed over the form says what is missing and sends nothing.
  await form.getByRole('button', { name: 'Registrer levert for hånd' }).click();
  await form.getByText('Velg hvordan brevet ble levert').waitFor();
  await form.getByRole('radio', { name: 'Personlig' }).check();
  await form.getByLabel('Merknad (valgfritt)').fill('Gitt til far på kontoret.');
  await form.getByRole('button', { name: 'Registrer levert for hånd' }).click();

  await panel.getByText('Levert for hånd', { exact: true }).waitFor();
  await panel.getByText(`Levert personlig ${dateText(today())}.`).waitFor();
  await panel.getByText('Merknad: Gitt til far på kontoret.').waitFor();
  await panel.getByText(`Klagefrist ${dateText(complaintDeadline(today()))} (regnet fra da familien mottok brevet).`).waitFor();
  expect(await panel.getByRole('button', { name: /^Registrer levert for hånd/ }).count()).toBe(0);
  expect(await deliveryResult(h, letter.id)).toBe('handed_over');

  await page.goto(`${base}/arbeidsliste`);
  await page.getByRole('region', { name: 'Brev som må leveres (0)' }).getByText('Ingen brev venter på levering.').waitFor();
  await context.close();
});
