/**
 * Tenant scoping by municipality, and the access log of every read and change of a case.
 */
import { randomUUID } from 'node:crypto';
import { buildApp } from '../../api/app';
import { OTHER_MUNICIPALITY, TEST_MUNICIPALITY, bearer, testAuthSettings, type Who } from '../helpers/auth';
import { appointed, newCase, unitWithCoordinator } from '../helpers/cases';
import { call } from '../helpers/http';
import { logger, startServices, type Services } from '../helpers/services';
import { today } from '../helpers/fixtures';
import { callerAs } from '../helpers/access';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const as = (who: Who) => callerAs(() => s.app, who);
const ke = as({ roles: ['ke'] });
const otherKe = as({ roles: ['ke'], sub: 'ke-other', municipality: OTHER_MUNICIPALITY });

describe('municipalities', () => {
  test("when KE of another municipality reaches for a case, unit or coordinator, then it does not exist for them and nothing changes", async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-tenant');
    const caseId = await appointed(s.app, a);
    const before = (await ke.get(`/cases/${caseId}`)).body.version;

    expect((await otherKe.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await otherKe.get(`/cases/${caseId}/events`)).status).toBe(404);
    expect((await otherKe.post(`/cases/${caseId}/kick-off`, { heldOn: today() })).status).toBe(404);
    expect((await otherKe.post(`/cases/${caseId}/closure`, { reason: 'moved_away', on: today() })).status).toBe(404);
    expect((await otherKe.get('/cases?limit=500')).body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await otherKe.get(`/coordinators/${a.coordinatorId}`)).status).toBe(404);
    expect((await otherKe.get(`/coordinators/${a.coordinatorId}/reminders`)).status).toBe(404);
    expect((await otherKe.post(`/coordinators/${a.coordinatorId}/absences`, { kind: 'departure', from: today() })).status).toBe(404);
    expect((await otherKe.get('/units')).body.units.map((u: { id: string }) => u.id)).not.toContain(a.unitId);
    const caseload = (await otherKe.get('/ke/caseload')).body;
    expect(caseload.coordinators.map((c: { coordinatorId: string }) => c.coordinatorId)).not.toContain(a.coordinatorId);
    const worklist = (await otherKe.get('/ke/worklist?dueWithinDays=365&limit=500')).body;
    expect(worklist.deadlines.map((d: { caseId: string }) => d.caseId)).not.toContain(caseId);

    // Their own case cannot be given our unit and coordinator.
    const theirs = (await otherKe.post('/cases', (await ke.get(`/cases/${caseId}`)).body.request)).body.id;
    expect((await ke.get(`/cases/${theirs}`)).status).toBe(404);
    expect((await ke.get(`/cases/${caseId}`)).body.version).toBe(before);
    expect((await otherKe.get(`/cases/${theirs}`)).body.municipality).toBe(OTHER_MUNICIPALITY);
  });

  test('when two municipalities use the same Idempotency-Key, then each gets its own case', async () => {
    const key = `shared-${randomUUID()}`;
    const body = (await import('../helpers/fixtures')).caseRequest();
    const ours = await call(s.app, 'POST', '/cases', body, { 'idempotency-key': key });
    const theirs = await call(s.app, 'POST', '/cases', body, { 'idempotency-key': key, ...(await bearer({ roles: ['ke'], municipality: OTHER_MUNICIPALITY })) });
    expect(ours.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(ours.body.id);
    expect(ours.body.municipality).toBe(TEST_MUNICIPALITY);
  });
});

describe('access log', () => {
  test('when a case is created, read, changed and refused, then KE sees each access with who, role, endpoint and outcome, and no names', async () => {
    const a = await unitWithCoordinator(s.app, undefined, 'coord-log');
    const caseId = await appointed(s.app, a);
    const coord = as({ roles: ['coordinator'], sub: 'coord-log' });
    await coord.get(`/cases/${caseId}`);
    await coord.post(`/cases/${caseId}/kick-off`, { heldOn: today() });
    await as({ roles: ['coordinator'], sub: 'coord-b' }).get(`/cases/${caseId}/letters`);
    await otherKe.get(`/cases/${caseId}`);

    const res = await ke.get(`/cases/${caseId}/access-log`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as { subject: string; action: string; endpoint: string; granted: boolean; roles: string[] }[];
    const seen = entries.map((e) => `${e.subject} ${e.action} ${e.endpoint} ${e.granted}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'ke-tester change /cases true',
        'ke-tester change /cases/:id/appointment true',
        'coord-log read /cases/:id true',
        'coord-log change /cases/:id/kick-off true',
        'coord-b read /cases/:id/letters false',
      ]),
    );
    // Another municipality's attempt is not the family's to see (it is kept apart; see below).
    expect(entries.filter((e) => e.subject === 'ke-other')).toEqual([]);
    expect(entries.find((e) => e.subject === 'coord-log')?.roles).toEqual(['coordinator']);
    expect(JSON.stringify(res.body)).not.toContain('Testbarn');
    // Reading the log is itself logged, and only KE may.
    expect((await coord.get(`/cases/${caseId}/access-log`)).status).toBe(403);
    const again = (await ke.get(`/cases/${caseId}/access-log`)).body.entries;
    expect(again.at(-1)).toMatchObject({ subject: 'ke-tester', endpoint: '/cases/:id/access-log', granted: true });
  });

  test("when callers of another municipality try a case again and again, then the family's log shows none of it, and one row per caller and hour counts the attempts for security review", async () => {
    const caseId = await newCase(s.app);
    const otherCoordinator = as({ roles: ['coordinator'], sub: 'coord-elsewhere', municipality: OTHER_MUNICIPALITY });
    for (let i = 0; i < 5; i++) expect((await otherKe.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await otherKe.post(`/cases/${caseId}/closure`, { reason: 'moved_away', on: today() })).status).toBe(404);
    expect((await otherCoordinator.get(`/cases/${caseId}/events`)).status).toBe(404);
    // A case id that does not exist writes nothing anywhere.
    const missing = randomUUID();
    expect((await otherKe.get(`/cases/${missing}`)).status).toBe(404);

    const entries = (await ke.get(`/cases/${caseId}/access-log`)).body.entries as { subject: string; municipality: string }[];
    expect(entries.map((e) => e.subject)).toEqual(['ke-tester', 'ke-tester']);
    expect(entries.every((e) => e.municipality === TEST_MUNICIPALITY)).toBe(true);

    const { rows } = await s.pool.query(
      // Summed over the hour rows, in case the attempts straddled the turn of an hour.
      `SELECT subject, min(municipality) AS municipality, sum(attempts)::int AS attempts,
              (array_agg(last_route ORDER BY last_at DESC))[1] AS last_route, (array_agg(last_action ORDER BY last_at DESC))[1] AS last_action
         FROM foreign_access_attempts WHERE case_id = ANY($1::uuid[]) GROUP BY subject ORDER BY subject`,
      [[caseId, missing]],
    );
    expect(rows).toEqual([
      { subject: 'coord-elsewhere', municipality: OTHER_MUNICIPALITY, attempts: 1, last_route: '/cases/:id/events', last_action: 'read' },
      { subject: 'ke-other', municipality: OTHER_MUNICIPALITY, attempts: 6, last_route: '/cases/:id/closure', last_action: 'change' },
    ]);
    const logged = await s.pool.query('SELECT count(*)::int AS n FROM access_log WHERE case_id = ANY($1::uuid[]) AND municipality <> $2', [[caseId, missing], TEST_MUNICIPALITY]);
    expect(logged.rows[0].n).toBe(0);
  });

  test('when reads of a case are refused by the rate limit, then they are not logged as reads: only the granted ones are in the log', async () => {
    const app = await buildApp({ logger, pool: s.pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings(), rateLimitPerMinute: 2 });
    try {
      const caseId = await newCase(s.app);
      const reader = await bearer({ roles: ['ke'], sub: 'ke-hasty' });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(app, 'GET', `/cases/${caseId}`, undefined, reader)).status);
      expect(statuses).toEqual([200, 200, 429, 429, 429]);
      const entries = (await ke.get(`/cases/${caseId}/access-log`)).body.entries as { subject: string; granted: boolean }[];
      expect(entries.filter((e) => e.subject === 'ke-hasty')).toEqual([
        expect.objectContaining({ endpoint: '/cases/:id', granted: true }),
        expect.objectContaining({ endpoint: '/cases/:id', granted: true }),
      ]);
    } finally {
      await app.close();
    }
  });

  test('when a closed case is read, then a reason is required and kept in the log', async () => {
    const caseId = await newCase(s.app);
    expect((await ke.post(`/cases/${caseId}/closure`, { reason: 'need_ended', on: today() })).status).toBe(200);
    const without = await ke.get(`/cases/${caseId}`);
    expect(without.status).toBe(400);
    expect(without.body.detail).toMatch(/x-access-reason: the case is closed/);
    const reason = 'Innsyn etter krav fra familien';
    const withReason = await ke.get(`/cases/${caseId}`, { 'x-access-reason': reason });
    expect(withReason.status).toBe(200);
    expect(withReason.body.status).toBe('closed');
    const log = (await ke.get(`/cases/${caseId}/access-log`, { 'x-access-reason': 'Kontroll av tilgang' })).body.entries;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ endpoint: '/cases/:id', granted: false, reason: null }),
        expect.objectContaining({ endpoint: '/cases/:id', granted: true, reason }),
      ]),
    );
  });
});
