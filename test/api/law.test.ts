/**
 * The rules of issue #14 (the law, second reading), each named after the rule, through HTTP on
 * real Temporal and PostgreSQL.
 */
import { startServices, type Services } from '../helpers/services';
import { dateFromNow, today, yearsAgo } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { bearer } from '../helpers/auth';
import { newCase } from '../helpers/cases';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const post = (url: string, body: unknown = {}) => call(s.app, 'POST', url, body);
const READ = { 'x-access-reason': 'kontroll av regler i test' };
const get = (url: string) => call(s.app, 'GET', url, undefined, READ);
const html = async (caseId: string, letterId: string) =>
  (await s.app.inject({ method: 'GET', url: `/cases/${caseId}/letters/${letterId}`, headers: { ...(await bearer()), ...READ, accept: 'text/html' } })).body;

describe('law-refusal-after-18: a request for someone already 18 gets a written refusal, never a closure', () => {
  test('when KE registers a request received for a 19-year-old, then the case is refused at once with a decision letter that gives reasons and complaint rights, and it is not closed', async () => {
    const id = await newCase(s.app, { child: { name: 'Nitten År', birthDate: yearsAgo(20) }, receivedOn: dateFromNow(-2) });
    const view = (await get(`/cases/${id}`)).body;
    expect(view.status).toBe('refused');
    expect(view.decisions).toEqual([expect.objectContaining({ outcome: 'refused', decidedOn: today(), offeredInstead: ['ordinary_coordinator', 'coordinated_services'] })]);
    // Time for the workflow to act on an 18th birthday long past, as it used to: it must not close the case.
    await new Promise((r) => setTimeout(r, 1500));
    const letters = (await get(`/cases/${id}/letters`)).body.letters;
    expect(letters.map((l: { kind: string }) => l.kind)).toEqual(['decision']);
    const text = await html(id, letters[0].id);
    expect(text).toContain('avslått');
    expect(text).toContain('Barnet var 19 år da ønsket kom inn');
    expect(text).toContain('Klageadgang');
    expect(text).toContain('alminnelig koordinator');
    expect(text).not.toContain('kartleggingssamtalen');
    expect(text).not.toContain('avsluttes');
    expect((await get(`/cases/${id}`)).body.status).toBe('refused');
    const events = (await get(`/cases/${id}/events`)).body.events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['RequestRegistered']);
  });

  test('when the refused 19-year-old complains about the refusal, then the complaint is registered on time', async () => {
    const id = await newCase(s.app, { child: { name: 'Nitten År', birthDate: yearsAgo(19) } });
    const res = await post(`/cases/${id}/complaints`, { about: 'refusal', receivedOn: today() });
    expect(res.status).toBe(200);
    expect(res.body.complaints).toEqual([expect.objectContaining({ about: 'refusal', late: false, status: 'received' })]);
  });
});
