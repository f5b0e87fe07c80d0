/** GET /cases?q=…&birthDate=…: the case search by the child, its access-log rows and its silence in the logs. */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp } from '../../api/app';
import { createLogger } from '../../lib/logger';
import { startServices, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { bearer, testAuthSettings } from '../helpers/auth';
import { appointed, newCase, unitWithCoordinator } from '../helpers/cases';
import { dateFromNow, yearsAgo } from '../helpers/fixtures';
import { clientOf } from '../helpers/client';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const get = (url: string, headers: Record<string, string> = {}) => call(s.app, 'GET', url, undefined, headers);
const idsOf = (res: { body: { cases: { id: string }[] } }) => res.body.cases.map((c) => c.id).sort();
/** A surname no other test has: letters only, as a name is written. */
const surname = () =>
  'Søk' +
  Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('');
const child = (name: string, birthDate = yearsAgo(6)) => ({ child: { name, birthDate, adopted: false } });
const searchReads = async (caseId: string) =>
  (await get(`/cases/${caseId}/access-log?limit=1000`)).body.entries.filter((e: { reason: string | null; endpoint: string }) => e.reason === 'søk');

describe('case search', () => {
  test("when KE searches by part of the child's name in any case, then the cases of that child are found, and each found case's access log shows the search", async () => {
    const family = surname();
    const birthDate = yearsAgo(5);
    const nora = await newCase(s.app, child(`Nora ${family}`, birthDate));
    const ola = await newCase(s.app, child(`Ola ${family}-Hansen`));
    const other = await newCase(s.app, child(`Nora ${surname()}`, birthDate));

    const found = await get(`/cases?q=${encodeURIComponent(family.toUpperCase())}`);
    expect(found.status).toBe(200);
    expect(idsOf(found)).toEqual([nora, ola].sort());
    expect(found.body.total).toBe(2);
    expect(idsOf(await get(`/cases?q=${encodeURIComponent(`  nora ${family.slice(0, 6).toLowerCase()} `)}`))).toEqual([nora]);
    expect(idsOf(await get(`/cases?q=${encodeURIComponent(family)}&birthDate=${birthDate}`))).toEqual([nora]);
    expect(idsOf(await get(`/cases?birthDate=${birthDate}&limit=500`))).toEqual(expect.arrayContaining([nora, other]));

    const [entry] = await searchReads(nora);
    expect(entry).toMatchObject({ action: 'read', method: 'GET', endpoint: '/cases', granted: true, reason: 'søk', subject: expect.any(String) });
    expect((await searchReads(ola)).length).toBe(1);
    // The other Nora was found by her birth date only, once; a plain list is no search.
    expect((await searchReads(other)).length).toBe(1);
    await get('/cases?limit=500');
    expect((await searchReads(other)).length).toBe(1);
  });

  test('when an unborn child is searched for, then the name finds it and no birth date does', async () => {
    const family = surname();
    const id = await newCase(s.app, { child: { name: `Baby ${family}`, expectedDate: dateFromNow(60), adopted: false } });
    expect(idsOf(await get(`/cases?q=${family}`))).toEqual([id]);
    expect(idsOf(await get(`/cases?q=${family}&birthDate=${dateFromNow(60)}`))).toEqual([]);
  });

  test("when a coordinator searches, then only their own cases are found and logged", async () => {
    const family = surname();
    const subject = `coord-search-${randomUUID()}`;
    const mine = await unitWithCoordinator(s.app, undefined, subject);
    const ownCase = await appointed(s.app, mine);
    const foreignCase = await newCase(s.app, child(`Nora ${family}`));
    const sameFamily = await newCase(s.app, child(`Per ${family}`));
    const coordinator = await bearer({ roles: ['coordinator'], sub: subject });
    const res = await get(`/cases?q=${family}`, coordinator);
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([]);
    expect(idsOf(await get(`/cases?q=${family}`))).toEqual([foreignCase, sameFamily].sort());
    // KE's search above is logged; the coordinator's, which found nothing, is not.
    expect((await searchReads(foreignCase)).map((e: { subject: string }) => e.subject)).not.toContain(subject);
    // Their own case is found by its child's surname, which the fixture gives every case.
    const own = await get(`/cases?q=Testbarn&limit=500`, coordinator);
    expect(idsOf(own)).toEqual([ownCase]);
    expect((await searchReads(ownCase)).length).toBe(1);
  });

  test("when the search is too short, malformed or full of LIKE wildcards, then 400 naming the field, or only literal matches", async () => {
    const short = await get('/cases?q=a');
    expect(short.status).toBe(400);
    expect(short.body.detail).toContain('q');
    const blank = await get('/cases?q=%20%20%20');
    expect(blank.status).toBe(400);
    const date = await get('/cases?birthDate=5.3.2019');
    expect(date.status).toBe(400);
    expect(date.body.detail).toContain('birthDate');
    const wildcards = await get('/cases?q=%25%25&limit=500');
    expect(wildcards.status).toBe(200);
    expect(wildcards.body.cases).toEqual([]);
    expect((await get('/cases?q=__&limit=500')).body.cases).toEqual([]);
  });

  test('when a search is made, then the request log holds neither the name nor the birth date', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      logger: createLogger('info', {}, sink),
      pool: s.pool,
      temporal: s.client,
      taskQueue: s.taskQueue,
      policy: s.policy,
      auth: await testAuthSettings(),
    });
    try {
      const family = surname();
      const birthDate = yearsAgo(4);
      const id = await newCase(s.app, child(`Nora ${family}`, birthDate));
      const res = await call(app, 'GET', `/cases?q=${family}&birthDate=${birthDate}&limit=5`);
      expect(idsOf(res)).toEqual([id]);
      const log = lines.join('');
      // The request is logged, and nothing of what was searched for.
      expect(log).toContain('incoming request');
      expect(log).toContain('request completed');
      expect(log).not.toContain(family);
      expect(log).not.toContain(birthDate);
    } finally {
      await app.close();
    }
  });

  test('when the typed client searches, then q and birthDate are in the contract', async () => {
    const family = surname();
    const id = await newCase(s.app, child(`Nora ${family}`));
    const { data } = await clientOf(s.app).GET('/cases', { params: { query: { q: family } } });
    expect(data?.cases.map((c) => c.id)).toEqual([id]);
  });
});
