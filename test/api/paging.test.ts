/** Paged lists (cases, events, letters), through HTTP, on real Temporal and Postgres. */
import { startServices, type Services } from '../helpers/services';
import { caseRequest, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { OTHER_MUNICIPALITY, bearer } from '../helpers/auth';
import { granted } from '../helpers/cases';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

/** A municipality of this test alone, so no other test's cases are counted in its lists. */
const OWN_MUNICIPALITY = String(5000 + Math.floor(Math.random() * 4000));

const as = (municipality: string) => async (method: 'GET' | 'POST', url: string, body?: unknown) =>
  call(s.app, method, url, body, await bearer({ roles: ['ke'], sub: `ke-${municipality}`, municipality }));
const own = as(OWN_MUNICIPALITY);
const other = as(OTHER_MUNICIPALITY);

/** Every row of a paged list, following `next` from the first page; checks each page's total and size. */
async function walk<T>(get: (url: string) => Promise<{ status: number; body: any }>, url: string, key: string, limit: number) {
  const rows: T[] = [];
  const totals: number[] = [];
  let next: string | null = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}`;
  let pages = 0;
  while (next !== null) {
    const res = await get(next);
    expect(res.status).toBe(200);
    expect(res.body[key].length).toBeLessThanOrEqual(limit);
    rows.push(...res.body[key]);
    totals.push(res.body.total);
    next = res.body.next;
    if (next !== null) expect(res.body[key]).toHaveLength(limit);
    if (++pages > 100) throw new Error('next never ended');
  }
  return { rows, totals, pages };
}

describe('paging the case list', () => {
  test('when the cases of a municipality are listed page by page, then next leads through every case once, newest first, and total counts them all', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await own('POST', '/cases', caseRequest())).body.id);
    // Another municipality's case is never in this one's list or count.
    const theirs = (await other('POST', '/cases', caseRequest())).body.id;

    const first = await own('GET', '/cases?limit=2');
    expect(first.body).toEqual({ cases: expect.any(Array), total: 5, next: '/cases?limit=2&offset=2' });
    const { rows, totals, pages } = await walk<{ id: string }>((url) => own('GET', url), '/cases', 'cases', 2);
    expect(pages).toBe(3);
    expect(totals).toEqual([5, 5, 5]);
    expect(rows.map((c) => c.id)).toEqual([...ids].reverse());
    expect(rows.map((c) => c.id)).not.toContain(theirs);

    const theirList = await other('GET', '/cases?limit=500');
    expect(theirList.body.cases.map((c: { id: string }) => c.id)).toContain(theirs);
    expect(theirList.body.cases.map((c: { id: string }) => c.id)).not.toContain(ids[0]);
  });

  test('when a filter is given, then total counts only the matching cases and next keeps the filter', async () => {
    const res = await own('GET', '/cases?status=awaiting_consent&limit=1');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(5);
    expect(res.body.next).toBe('/cases?status=awaiting_consent&limit=1&offset=1');
    const none = await own('GET', '/cases?status=closed');
    expect(none.body).toEqual({ cases: [], total: 0, next: null });
  });

  test('when the offset is past the end, then the page is empty, total is still every case and there is no next page', async () => {
    const res = await own('GET', '/cases?offset=1000');
    expect(res.status).toBe(200);
    expect(res.body.cases).toEqual([]);
    expect(res.body.total).toBeGreaterThanOrEqual(5);
    expect(res.body.next).toBeNull();
  });
});

describe('paging the events and letters of a case', () => {
  test('when the events of a case are read page by page, then every event comes once in seq order and total counts them', async () => {
    const id = await granted(s.app);
    const all = await call(s.app, 'GET', `/cases/${id}/events`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.events.length);
    expect(all.body.next).toBeNull();
    expect(all.body.total).toBeGreaterThanOrEqual(4);

    const { rows, totals } = await walk<{ seq: number }>((url) => call(s.app, 'GET', url), `/cases/${id}/events`, 'events', 1);
    expect(rows).toEqual(all.body.events);
    expect(rows.map((e) => e.seq)).toEqual([...rows.map((e) => e.seq)].sort((a, b) => a - b));
    expect(new Set(totals)).toEqual(new Set([all.body.total]));

    const second = await call(s.app, 'GET', `/cases/${id}/events?limit=2&offset=2`);
    expect(second.body.events).toEqual(all.body.events.slice(2, 4));
  });

  test('when the letters of a case are read page by page, then every letter comes once, oldest first, and total counts them', async () => {
    const id = await granted(s.app);
    const closed = await call(s.app, 'POST', `/cases/${id}/closure`, { reason: 'need_ended', on: today() });
    expect(closed.status).toBe(200);
    const all = await call(s.app, 'GET', `/cases/${id}/letters`, undefined, { 'x-access-reason': 'kontroll av brevlisten' });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.letters).toHaveLength(2);

    const read = (url: string) => call(s.app, 'GET', url, undefined, { 'x-access-reason': 'kontroll av brevlisten' });
    const { rows, pages } = await walk<{ id: string }>(read, `/cases/${id}/letters`, 'letters', 1);
    expect(pages).toBe(2);
    expect(rows).toEqual(all.body.letters);
  });

  test("when another municipality asks for a case's events or letters, then 404: nothing of the case is counted for it", async () => {
    const id = await granted(s.app);
    for (const url of [`/cases/${id}/events`, `/cases/${id}/letters`]) {
      const res = await other('GET', url);
      expect(res.status).toBe(404);
      expect(res.body.total).toBeUndefined();
    }
  });
});

describe('paging the registry and the access log', () => {
  test('when the coordinators are listed page by page, then every one comes once, by name, and total counts only this municipality', async () => {
    const unit = (await own('POST', '/units', { name: `Helsestasjon paging ${Date.now()}`, sector: 'health' })).body;
    const names = ['Alex Aas', 'Bo Berg', 'Cato Dahl'];
    const ids = [];
    for (const [i, name] of names.entries()) ids.push((await own('POST', '/coordinators', { unitId: unit.id, name, email: `paging.${i}.${Date.now()}@kommune.example` })).body.id);

    const { rows, totals } = await walk<{ id: string; name: string }>((url) => own('GET', url), `/coordinators?unitId=${unit.id}`, 'coordinators', 2);
    expect(rows.map((c) => c.id)).toEqual(ids);
    expect(totals).toEqual([3, 3]);
    const theirs = await other('GET', `/coordinators?unitId=${unit.id}`);
    expect(theirs.body).toEqual({ coordinators: [], total: 0, next: null });
  });

  test("when a case's access log is read page by page, then every entry comes once, oldest first", async () => {
    const id = (await own('POST', '/cases', caseRequest())).body.id;
    for (let i = 0; i < 3; i++) await own('GET', `/cases/${id}`);
    const all = (await own('GET', `/cases/${id}/access-log`)).body;
    expect(all.total).toBe(all.entries.length);
    expect(all.total).toBeGreaterThanOrEqual(4);
    // Reading the log is itself logged: the walk sees the entries as they were plus its own reads.
    const { rows } = await walk<{ at: string }>((url) => own('GET', url), `/cases/${id}/access-log`, 'entries', 2);
    expect(rows.slice(0, all.entries.length)).toEqual(all.entries);
    expect(rows.map((e) => e.at)).toEqual([...rows.map((e) => e.at)].sort());
  });
});

describe('page bounds', () => {
  test.each([
    ['/cases?limit=0', /limit/],
    ['/cases?limit=501', /limit/],
    ['/cases?offset=-1', /offset/],
    ['/cases?limit=ten', /limit/],
    ['/cases?limit=1.5', /limit/],
    ['EVENTS?limit=0', /limit/],
    ['EVENTS?limit=1001', /limit/],
    ['EVENTS?offset=-1', /offset/],
    ['LETTERS?limit=0', /limit/],
    ['LETTERS?limit=501', /limit/],
    ['LETTERS?offset=-5', /offset/],
  ])('when %s is asked for, then 400 with a problem naming the field', async (url, field) => {
    const id = (await call(s.app, 'POST', '/cases', caseRequest())).body.id;
    const res = await call(s.app, 'GET', url.replace('EVENTS', `/cases/${id}/events`).replace('LETTERS', `/cases/${id}/letters`));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(expect.objectContaining({ status: 400, title: expect.any(String), detail: expect.stringMatching(field) }));
  });
});
