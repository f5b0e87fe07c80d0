/**
 * The målform of a case's letters (issue #16): the municipality's by default, the family's
 * choice when KE records one (POST /cases or PUT /cases/{id}/malform), kept with who and when;
 * bad input is refused naming the field and changes nothing; letters written after a change
 * follow it. Works in TEST_MUNICIPALITY (4601), which has no register entry: the deployment's
 * defaults (bokmål) apply.
 */
import { randomUUID } from 'node:crypto';
import { bearer } from '../helpers/auth';
import { granted, mapped } from '../helpers/cases';
import { caseRequest, today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(() => s.close());

const coordinator = () => bearer({ roles: ['coordinator'], sub: 'koordinator-malform' });

test("when a case is registered without a choice, then its letters are in the municipality's målform, as its default", async () => {
  const id = await granted(s.app);
  expect((await call(s.app, 'GET', `/cases/${id}`)).body.language).toEqual({ malform: 'nb', municipalityDefault: true, municipalityMalform: 'nb' });
  expect((await call(s.app, 'GET', `/cases/${id}/malform`)).body).toEqual({ malform: 'nb', municipalityDefault: true, municipalityMalform: 'nb' });
});

test('when KE records that the family asked for nynorsk, then it is kept with who and when, a repeat changes nothing, and the next letter is in nynorsk', async () => {
  const id = await mapped(s.app);
  const put = await call(s.app, 'PUT', `/cases/${id}/malform`, { malform: 'nn' });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ malform: 'nn', municipalityDefault: false, municipalityMalform: 'nb', changedBy: 'ke-tester' });
  expect(Date.parse(put.body.changedAt)).not.toBeNaN();
  expect((await call(s.app, 'PUT', `/cases/${id}/malform`, { malform: 'nn' })).body.changedAt).toBe(put.body.changedAt);
  expect((await call(s.app, 'GET', `/cases/${id}`)).body.language).toMatchObject({ malform: 'nn', municipalityDefault: false });

  const decision = { outcome: 'granted', reasons: 'Alle vilkår er oppfylte.', decidedOn: today() };
  const preview = await call(s.app, 'POST', `/cases/${id}/decision/preview`, decision);
  expect(preview.status).toBe(200);
  expect(preview.body.letter).toMatchObject({ title: 'Avgjerd om barnekoordinator', malform: 'nn' });
  expect(preview.body.html).toContain('<html lang="nn">');

  const decided = await call(s.app, 'POST', `/cases/${id}/decision`, decision);
  expect(decided.status).toBe(200);
  const [letter] = await eventually(async () => {
    const res = await call(s.app, 'GET', `/cases/${id}/letters`);
    return res.body.letters?.length === 1 ? res.body.letters : undefined;
  });
  expect(letter.title).toBe('Avgjerd om barnekoordinator');
  const body = await s.app.inject({ method: 'GET', url: `/cases/${id}/letters/${letter.id}`, headers: { accept: 'application/json', ...(await bearer()) } });
  expect(body.json()).toMatchObject({ malform: 'nn', signature: 'Koordinerande eining, Testkommune' });

  const back = await call(s.app, 'PUT', `/cases/${id}/malform`, { malform: 'nb' });
  expect(back.body).toMatchObject({ malform: 'nb', municipalityDefault: false });
  const changes = await call(s.app, 'GET', `/cases/${id}/malform/changes`);
  expect(changes.body.changes.map((c: { malform: string; changedBy: string }) => [c.malform, c.changedBy])).toEqual([
    ['nb', 'ke-tester'],
    ['nn', 'ke-tester'],
  ]);
});

test('when the choice is bad, then 400 names the field and nothing is recorded', async () => {
  const id = await mapped(s.app);
  for (const body of [{ malform: 'nynorsk' }, { malform: null }, {}, { malform: 'nn', colour: 'blue' }]) {
    const res = await call(s.app, 'PUT', `/cases/${id}/malform`, body);
    expect({ body, status: res.status }).toEqual({ body, status: 400 });
    expect(res.body.detail).toMatch(/malform|colour/);
  }
  const bad = await call(s.app, 'POST', '/cases', { ...caseRequest(), malform: 'samisk' });
  expect(bad.status).toBe(400);
  expect(bad.body.detail).toMatch(/body\.malform/);
  expect((await call(s.app, 'GET', `/cases/${id}/malform/changes`)).body.changes).toEqual([]);
});

test('when a coordinator or a stranger tries to choose, then it is refused; an unknown case is 404', async () => {
  const id = await mapped(s.app);
  expect((await call(s.app, 'PUT', `/cases/${id}/malform`, { malform: 'nn' }, await coordinator())).status).toBe(403);
  expect((await call(s.app, 'PUT', `/cases/${id}/malform`, { malform: 'nn' }, { authorization: '' })).status).toBe(401);
  expect((await call(s.app, 'PUT', `/cases/${randomUUID()}/malform`, { malform: 'nn' })).status).toBe(404);
  expect((await call(s.app, 'GET', `/cases/${id}/malform`)).body.municipalityDefault).toBe(true);
});

test('when a registration with a choice is repeated with its Idempotency-Key, then the one case keeps the first choice', async () => {
  const key = randomUUID();
  const body = { ...caseRequest(), malform: 'nn' };
  const first = await call(s.app, 'POST', '/cases', body, { 'idempotency-key': key });
  const again = await call(s.app, 'POST', '/cases', body, { 'idempotency-key': key });
  expect([first.status, again.status]).toEqual([201, 201]);
  expect(again.body.id).toBe(first.body.id);
  expect(first.body).not.toHaveProperty('malform');
  const changes = await call(s.app, 'GET', `/cases/${first.body.id}/malform/changes`);
  expect(changes.body.changes.map((c: { malform: string }) => c.malform)).toEqual(['nn']);
});
