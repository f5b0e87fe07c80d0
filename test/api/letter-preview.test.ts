/**
 * The decision letter's preview (api/routes/letter-preview.ts): the letter the decision will
 * write, before it is recorded, from the same rule and letter code; a decision the rules refuse
 * is refused with the same message; nothing changes; KE only, and only for its own cases.
 */
import { bearer } from '../helpers/auth';
import { allMet, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { mapped } from '../helpers/cases';
import { MUNICIPALITY, startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  // The API writes the sender as the worker does, from the same variables.
  process.env.MUNICIPALITY_NAME = MUNICIPALITY.name;
  process.env.KE_POSTAL_ADDRESS = MUNICIPALITY.keAddress;
  s = await startServices();
});
afterAll(async () => {
  delete process.env.MUNICIPALITY_NAME;
  delete process.env.KE_POSTAL_ADDRESS;
  await s.close();
});

const refusal = {
  outcome: 'refused',
  reasons: 'Vilkår b er ikke oppfylt: behovet er ikke langvarig.',
  offeredInstead: ['coordinated_services', 'ordinary_coordinator'],
  decidedOn: today(),
};

test('when KE previews a decision, then the letter is the one the decision then writes, and the preview changes nothing', async () => {
  const id = await mapped(s.app, { ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } });
  const before = await call(s.app, 'GET', `/cases/${id}`);

  const preview = await call(s.app, 'POST', `/cases/${id}/decision/preview`, refusal);
  expect(preview.status).toBe(200);
  expect(preview.body.letter.title).toBe('Avgjørelse om barnekoordinator');
  const headings = preview.body.letter.sections.map((x: { heading?: string }) => x.heading);
  // The refusal gives KE's assessment of each of the three conditions (law-letter-contents).
  expect(headings.filter((h: string | undefined) => !h?.startsWith('Vilkår '))).toEqual([undefined, 'Avgjørelse', 'Begrunnelse', 'Hva kommunen tilbyr', 'Klageadgang', 'Kontakt']);
  expect(headings.filter((h: string | undefined) => h?.startsWith('Vilkår ')).map((h: string) => h.slice(0, 8))).toEqual(['Vilkår a', 'Vilkår b', 'Vilkår c']);
  expect(preview.body.html).toContain(refusal.reasons);
  expect(preview.body.html).toContain(MUNICIPALITY.keAddress);
  expect(preview.body.html).not.toMatch(/<script/i);

  const after = await call(s.app, 'GET', `/cases/${id}`);
  expect(after.body).toEqual(before.body);
  expect((await call(s.app, 'GET', `/cases/${id}/letters`)).body.letters).toEqual([]);

  const decided = await call(s.app, 'POST', `/cases/${id}/decision`, refusal);
  expect(decided.status).toBe(200);
  const [letter] = (await call(s.app, 'GET', `/cases/${id}/letters`)).body.letters as { id: string }[];
  const written = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letter.id}`, headers: { accept: 'text/html', ...(await bearer()) } });
  expect(written.body).toBe(preview.body.html);
  const json = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letter.id}`, headers: { accept: 'application/json', ...(await bearer()) } });
  expect(JSON.parse(json.body)).toEqual(preview.body.letter);
});

test('when the rules would refuse the decision, then the preview is refused with the same message', async () => {
  const id = await mapped(s.app, { ...allMet, seriousCondition: { met: false, text: 'Ikke alvorlig nok.' } });
  const grant = { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() };
  const preview = await call(s.app, 'POST', `/cases/${id}/decision/preview`, grant);
  const command = await call(s.app, 'POST', `/cases/${id}/decision`, grant);
  expect(preview.status).toBe(409);
  expect(command.status).toBe(409);
  expect(preview.body.detail).toBe('a grant requires all three legal conditions assessed as met');
  expect(preview.body.detail).toBe(command.body.detail);
  expect(preview.body.rule).toBe(command.body.rule);
});

test('when the case has moved on from the version the caller holds, then the preview answers 412', async () => {
  const id = await mapped(s.app);
  const grant = { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() };
  const { version } = (await call(s.app, 'GET', `/cases/${id}`)).body;
  expect((await call(s.app, 'POST', `/cases/${id}/decision/preview`, grant, { 'if-match': `"${version}"` })).status).toBe(200);
  const stale = await call(s.app, 'POST', `/cases/${id}/decision/preview`, grant, { 'if-match': `"${version - 1}"` });
  expect(stale.status).toBe(412);
});

test('when the body is not a decision, then the preview names the field', async () => {
  const id = await mapped(s.app);
  const res = await call(s.app, 'POST', `/cases/${id}/decision/preview`, { outcome: 'maybe', reasons: '', decidedOn: today() });
  expect(res.status).toBe(400);
  expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.outcome', 'body.reasons']);
});

test('when a coordinator or another municipality asks for a preview, then it is refused', async () => {
  const id = await mapped(s.app);
  const grant = { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() };
  const asCoordinator = await call(s.app, 'POST', `/cases/${id}/decision/preview`, grant, await bearer({ roles: ['coordinator'], sub: 'preview-coordinator' }));
  expect(asCoordinator.status).toBe(403);
  const elsewhere = await call(s.app, 'POST', `/cases/${id}/decision/preview`, grant, await bearer({ municipality: '0301' }));
  expect(elsewhere.status).toBe(404);
});
