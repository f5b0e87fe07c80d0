/**
 * The child's name in the case lists (GET /cases?withChild=true, GET /ke/worklist?withChild=true):
 * who sees which names, and the access-log reads they leave, one per case, caller, reason and
 * Oslo day however often the app polls. Through HTTP on real Temporal and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { callerAs } from '../helpers/access';
import { appointed, newCase, unitWithCoordinator } from '../helpers/cases';
import { OTHER_MUNICIPALITY } from '../helpers/auth';
import { dateFromNow, today, yearsAgo } from '../helpers/fixtures';
import { startServices, type Services } from '../helpers/services';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

interface Listed {
  id: string;
  child?: { name: string; birthDate: string | null; expectedDate?: string };
}
interface Entry {
  subject: string;
  reason: string | null;
  endpoint: string;
  action: string;
  method: string;
  granted: boolean;
}

/** A caller of its own (its own subject), so its reads are told apart from every other test's. */
function keOfItsOwn() {
  const subject = `ke-list-${randomUUID()}`;
  return { subject, ...callerAs(() => s.app, { roles: ['ke'], sub: subject }) };
}
const auditor = callerAs(() => s.app, { roles: ['ke'], sub: 'ke-list-auditor' });
/** A name no other test gives a child. */
const uniqueName = (first: string) => `${first} Liste${randomUUID().slice(0, 8)}`;

const listedIn = (res: { body: { cases: Listed[] } }, id: string) => res.body.cases.find((c) => c.id === id);
/** The case's access-log rows with this reason, as KE reads them through the API. */
const reads = async (caseId: string, reason: string) =>
  ((await auditor.get(`/cases/${caseId}/access-log?limit=1000`)).body.entries as Entry[]).filter((e) => e.reason === reason);
const readsBy = async (caseId: string, reason: string, subject: string) => (await reads(caseId, reason)).filter((e) => e.subject === subject);

describe("the child's name in the case lists", () => {
  test("when KE lists the cases with withChild three times, then each case carries its child, and its access log holds one read 'liste' by that caller for the day", async () => {
    const ke = keOfItsOwn();
    const born = { name: uniqueName('Nora'), birthDate: yearsAgo(6) };
    const unborn = { name: uniqueName('Baby'), expectedDate: dateFromNow(60) };
    const bornId = await newCase(s.app, { child: { ...born, adopted: false } });
    const unbornId = await newCase(s.app, { child: { ...unborn, adopted: false } });

    for (let i = 0; i < 3; i++) {
      const res = await ke.get('/cases?withChild=true&limit=50');
      expect(res.status).toBe(200);
      expect(listedIn(res, bornId)?.child).toEqual({ name: born.name, birthDate: born.birthDate });
      expect(listedIn(res, unbornId)?.child).toEqual({ name: unborn.name, birthDate: null, expectedDate: unborn.expectedDate });
    }

    const [entry, ...more] = await readsBy(bornId, 'liste', ke.subject);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: 'read', method: 'GET', endpoint: '/cases', granted: true, reason: 'liste' });
    expect(await readsBy(unbornId, 'liste', ke.subject)).toHaveLength(1);
    // The row is of the Oslo calendar day; another caller's list is their own read.
    const { rows } = await s.pool.query<{ day: string }>("SELECT to_char(day, 'YYYY-MM-DD') AS day FROM access_log WHERE case_id = $1 AND reason = 'liste' AND subject = $2", [
      bornId,
      ke.subject,
    ]);
    expect(rows).toEqual([{ day: today() }]);
    const other = keOfItsOwn();
    await other.get('/cases?withChild=true&limit=50');
    expect(await readsBy(bornId, 'liste', other.subject)).toHaveLength(1);
    expect(await readsBy(bornId, 'liste', ke.subject)).toHaveLength(1);
  });

  test('when the day of the read has passed, then the next list writes a new read', async () => {
    const ke = keOfItsOwn();
    const id = await newCase(s.app, { child: { name: uniqueName('Ola'), birthDate: yearsAgo(4), adopted: false } });
    await ke.get('/cases?withChild=true&limit=50');
    // As if the read had been made yesterday (Oslo): the day is part of the key, not the row's age.
    await s.pool.query("UPDATE access_log SET day = day - 1, at = at - interval '1 day' WHERE case_id = $1 AND subject = $2 AND reason = 'liste'", [id, ke.subject]);
    await ke.get('/cases?withChild=true&limit=50');
    await ke.get('/cases?withChild=true&limit=50');
    expect(await readsBy(id, 'liste', ke.subject)).toHaveLength(2);
  });

  test('when cases are listed without withChild, or with withChild=false, then no case carries a child and no read is written', async () => {
    const ke = keOfItsOwn();
    const name = uniqueName('Per');
    const id = await newCase(s.app, { child: { name, birthDate: yearsAgo(9), adopted: false } });
    for (const url of ['/cases?limit=50', '/cases?withChild=false&limit=50']) {
      const res = await ke.get(url);
      expect(res.status).toBe(200);
      expect(listedIn(res, id)).toBeDefined();
      expect(res.body.cases.every((c: Listed) => c.child === undefined)).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain(name);
    }
    expect(await s.pool.query('SELECT 1 FROM access_log WHERE case_id = $1 AND subject = $2', [id, ke.subject])).toMatchObject({ rowCount: 0 });
  });

  test("when a coordinator lists with withChild, then only the names of the cases they hold show, and only those cases' logs have their read", async () => {
    const subject = `coord-list-${randomUUID()}`;
    const mine = await unitWithCoordinator(s.app, undefined, subject);
    const ownCase = await appointed(s.app, mine);
    const otherCase = await newCase(s.app, { child: { name: uniqueName('Ida'), birthDate: yearsAgo(3), adopted: false } });
    const coordinator = callerAs(() => s.app, { roles: ['coordinator'], sub: subject });

    for (let i = 0; i < 3; i++) {
      const res = await coordinator.get('/cases?withChild=true&limit=500');
      expect(res.status).toBe(200);
      expect(res.body.cases.map((c: Listed) => c.id)).toEqual([ownCase]);
      // The fixture's child (test/helpers/fixtures.ts caseRequest).
      expect(res.body.cases[0].child).toEqual({ name: 'Nora Testbarn', birthDate: yearsAgo(7) });
    }
    expect(await readsBy(ownCase, 'liste', subject)).toHaveLength(1);
    expect(await s.pool.query('SELECT 1 FROM access_log WHERE case_id = $1 AND subject = $2', [otherCase, subject])).toMatchObject({ rowCount: 0 });

    // KE of another municipality sees none of these names, and leaves no read in these logs.
    const stranger = callerAs(() => s.app, { roles: ['ke'], sub: `ke-other-${randomUUID()}`, municipality: OTHER_MUNICIPALITY });
    const foreign = await stranger.get('/cases?withChild=true&limit=500');
    expect(foreign.status).toBe(200);
    const foreignIds = foreign.body.cases.map((c: Listed) => c.id);
    expect(foreignIds).not.toContain(ownCase);
    expect(foreignIds).not.toContain(otherCase);
    expect(await s.pool.query('SELECT 1 FROM access_log WHERE case_id = ANY($1::uuid[]) AND subject LIKE $2', [[ownCase, otherCase], 'ke-other-%'])).toMatchObject({
      rowCount: 0,
    });
  });

  test("when a search asks with withChild, then each case found carries its child and is read once a day with the reason 'søk', not 'liste'", async () => {
    const ke = keOfItsOwn();
    const name = uniqueName('Eva');
    const id = await newCase(s.app, { child: { name, birthDate: yearsAgo(5), adopted: false } });
    for (let i = 0; i < 3; i++) {
      const res = await ke.get(`/cases?q=${encodeURIComponent(name)}&withChild=true`);
      expect(res.body.cases).toEqual([expect.objectContaining({ id, child: expect.objectContaining({ name }) })]);
    }
    expect(await readsBy(id, 'søk', ke.subject)).toHaveLength(1);
    expect(await readsBy(id, 'liste', ke.subject)).toEqual([]);
  });

  test("when KE reads the worklist with withChild, then each row carries its case's child, and each case shown is read once with the reason 'liste'", async () => {
    const ke = keOfItsOwn();
    const child = { name: uniqueName('Siri'), birthDate: yearsAgo(8) };
    // A case waiting for consent has an open consent deadline, on the worklist at once.
    const id = await newCase(s.app, { child: { ...child, adopted: false } });
    const url = '/ke/worklist?withChild=true&dueWithinDays=366&kind=consent&limit=1000';
    for (let i = 0; i < 3; i++) {
      const res = await ke.get(url);
      expect(res.status).toBe(200);
      const rows = (res.body.deadlines as { caseId: string; child?: unknown }[]).filter((d) => d.caseId === id);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.child).toEqual({ name: child.name, birthDate: child.birthDate });
    }
    expect(await readsBy(id, 'liste', ke.subject)).toMatchObject([{ endpoint: '/ke/worklist', action: 'read', granted: true }]);

    const plain = keOfItsOwn();
    const res = await plain.get('/ke/worklist?dueWithinDays=366&kind=consent&limit=1000');
    expect(res.body.deadlines.some((d: { caseId: string }) => d.caseId === id)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(child.name);
    expect(await readsBy(id, 'liste', plain.subject)).toEqual([]);
  });

  test('when withChild is not true or false, then 400 naming it, and nothing is read', async () => {
    const ke = keOfItsOwn();
    for (const url of ['/cases?withChild=yes', '/cases?withChild=1', '/ke/worklist?withChild=TRUE']) {
      const res = await ke.get(url);
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('withChild');
    }
    expect(await s.pool.query('SELECT 1 FROM access_log WHERE subject = $1', [ke.subject])).toMatchObject({ rowCount: 0 });
  });
});
