/** POST /coordinators/{id}/absences/preview: what an absence would do, checked against what the absence then does. */
import { randomUUID } from 'node:crypto';
import { startServices, type Services } from '../helpers/services';
import { call, eventually } from '../helpers/http';
import { OTHER_MUNICIPALITY, bearer } from '../helpers/auth';
import { appointed, granted, unitWithCoordinator } from '../helpers/cases';
import { dateFromNow, today } from '../helpers/fixtures';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const post = (url: string, body: unknown = {}) => call(s.app, 'POST', url, body);
const ids = (cases: { caseId: string }[]) => cases.map((c) => c.caseId).sort();

/** A coordinator with two open appointed cases, a closed one, and a case of another coordinator. */
async function coordinatorWithCases() {
  const coordinator = await unitWithCoordinator(s.app);
  const open = [await appointed(s.app, coordinator), await appointed(s.app, coordinator)];
  const closed = await appointed(s.app, coordinator);
  expect((await post(`/cases/${closed}/closure`, { reason: 'need_ended', on: today() })).status).toBe(200);
  const others = await appointed(s.app, await unitWithCoordinator(s.app));
  const notAppointed = await granted(s.app);
  return { ...coordinator, open, closed, others, notAppointed };
}

/**
 * The cases that recorded the absence: the fan-out is done, and every case it signalled has
 * written the event (a signal is handled after the fan-out has moved on).
 */
async function casesReached(absenceId: string): Promise<string[]> {
  return eventually(async () => {
    const fannedOut = await s.pool.query<{ n: number }>('SELECT cases_signalled AS n FROM absences WHERE id = $1 AND fanned_out_at IS NOT NULL', [absenceId]);
    if (fannedOut.rowCount !== 1) return undefined;
    const { rows } = await s.pool.query<{ case_id: string }>(
      "SELECT case_id FROM case_events WHERE type = 'CoordinatorAbsent' AND data->>'absenceId' = $1 ORDER BY case_id",
      [absenceId],
    );
    return rows.length === fannedOut.rows[0].n ? rows.map((r) => r.case_id) : undefined;
  }, 30_000);
}

const absenceRows = async (coordinatorId: string) =>
  (await s.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM absences WHERE coordinator_id = $1', [coordinatorId])).rows[0].n;

describe('absence preview', () => {
  test('when a leave with a substitute is previewed, then it lists the open cases with the substitute, records nothing, and the leave then reaches exactly those', async () => {
    const a = await coordinatorWithCases();
    const substitute = await unitWithCoordinator(s.app);
    const body = { kind: 'leave', from: today(), until: dateFromNow(30), substituteId: substitute.coordinatorId };

    const preview = await post(`/coordinators/${a.coordinatorId}/absences/preview`, body);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ coordinatorId: a.coordinatorId, kind: 'leave' });
    expect(ids(preview.body.cases)).toEqual([...a.open].sort());
    for (const c of preview.body.cases) {
      expect(c).toEqual({
        caseId: c.caseId,
        status: 'appointed',
        holderAfter: { coordinatorId: substitute.coordinatorId, name: 'Kim Koordinator' },
        effect: 'substitute_holds',
      });
    }
    // Nothing is recorded, no case is told.
    expect(await absenceRows(a.coordinatorId)).toBe(0);
    for (const id of a.open) expect((await call(s.app, 'GET', `/cases/${id}`)).body.absence).toBeUndefined();

    const recorded = await post(`/coordinators/${a.coordinatorId}/absences`, body);
    expect(recorded.status).toBe(202);
    expect(recorded.body.openCases).toBe(preview.body.cases.length);
    expect(await casesReached(recorded.body.absenceId)).toEqual(ids(preview.body.cases));
    for (const id of a.open) {
      const view = (await call(s.app, 'GET', `/cases/${id}`)).body;
      expect(view.absence).toMatchObject({ substituteId: substitute.coordinatorId });
      expect(view.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('reassignment');
    }
  });

  test('when a departure without a substitute is previewed, then nobody holds the cases after and KE must reassign, as the departure then shows', async () => {
    const a = await coordinatorWithCases();
    const body = { kind: 'departure', from: today() };
    const preview = await post(`/coordinators/${a.coordinatorId}/absences/preview`, body);
    expect(preview.status).toBe(200);
    expect(ids(preview.body.cases)).toEqual([...a.open].sort());
    expect(preview.body.cases.map((c: { effect: string; holderAfter: unknown }) => [c.effect, c.holderAfter])).toEqual(a.open.map(() => ['ke_must_reassign', null]));

    const recorded = await post(`/coordinators/${a.coordinatorId}/absences`, body);
    expect(await casesReached(recorded.body.absenceId)).toEqual(ids(preview.body.cases));
    for (const id of a.open) {
      const view = (await call(s.app, 'GET', `/cases/${id}`)).body;
      expect(view.deadlines).toContainEqual(expect.objectContaining({ kind: 'reassignment', responsible: 'ke' }));
    }
  });

  test('when a departure with a substitute is previewed, then the substitute holds the cases until KE reassigns', async () => {
    const a = await coordinatorWithCases();
    const substitute = await unitWithCoordinator(s.app);
    const body = { kind: 'departure', from: today(), substituteId: substitute.coordinatorId };
    const preview = await post(`/coordinators/${a.coordinatorId}/absences/preview`, body);
    expect(preview.body.cases.map((c: { effect: string }) => c.effect)).toEqual(a.open.map(() => 'substitute_holds_until_reassigned'));
    const recorded = await post(`/coordinators/${a.coordinatorId}/absences`, body);
    expect(await casesReached(recorded.body.absenceId)).toEqual(ids(preview.body.cases));
    const view = (await call(s.app, 'GET', `/cases/${a.open[0]}`)).body;
    expect(view.deadlines).toContainEqual(expect.objectContaining({ kind: 'reassignment' }));
    expect(view.deadlines.filter((d: { kind: string }) => d.kind !== 'reassignment').map((d: { responsible: string }) => d.responsible)).toContain(
      `coordinator:${substitute.coordinatorId}`,
    );
  });

  test('when the body or the coordinators are wrong, then the preview refuses exactly as the absence does, and records nothing', async () => {
    const a = await unitWithCoordinator(s.app);
    const foreign = await bearer({ roles: ['ke'], municipality: OTHER_MUNICIPALITY });
    const bad: [string, unknown, Record<string, string>?][] = [
      [a.coordinatorId, { kind: 'leave', from: today(), substituteId: a.coordinatorId }],
      [a.coordinatorId, { kind: 'leave', from: today(), substituteId: randomUUID() }],
      [a.coordinatorId, { kind: 'departure', from: today(), until: dateFromNow(3) }],
      [a.coordinatorId, { kind: 'leave', from: today(), until: dateFromNow(-3) }],
      [a.coordinatorId, { kind: 'sabbatical', from: today() }],
      [a.coordinatorId, { kind: 'leave' }],
      [randomUUID(), { kind: 'leave', from: today() }],
      ['not-a-uuid', { kind: 'leave', from: today() }],
      [a.coordinatorId, { kind: 'leave', from: today() }, foreign],
    ];
    for (const [id, body, who] of bad) {
      const real = await call(s.app, 'POST', `/coordinators/${id}/absences`, body, who);
      const preview = await call(s.app, 'POST', `/coordinators/${id}/absences/preview`, body, who);
      expect([real.status, real.body.type]).toEqual([preview.status, preview.body.type]);
      expect(preview.body.detail).toBe(real.body.detail);
      expect(preview.status === 400 || preview.status === 404).toBe(true);
    }
    expect(await absenceRows(a.coordinatorId)).toBe(0);
  });

  test('when a coordinator has no open case, then the preview lists none', async () => {
    const a = await unitWithCoordinator(s.app);
    const preview = await post(`/coordinators/${a.coordinatorId}/absences/preview`, { kind: 'leave', from: today() });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ coordinatorId: a.coordinatorId, kind: 'leave', cases: [] });
  });
});
