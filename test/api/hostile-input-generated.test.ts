/**
 * Hostile input (test/helpers/hostile-input.ts): the route table, generated requests at every endpoint, and the state they leave behind.
 * Never a 5xx, and a rejected request changes nothing. Municipality 4997 is this file's alone.
 */
import fc from 'fast-check';
import { caseWorkflowId } from '../../workflows/case/messages';
import { call } from '../helpers/http';
import {
  RUNS,
  authFor,
  hostileRoutes,
  runProperty,
  services,
  snapshot,
  statuses,
  tracked,
  useHostileWorld,
  world,
} from '../helpers/hostile-input';
import { requestFor } from '../helpers/hostile-requests';

const M = '4997';
useHostileWorld(M);

describe('hostile input', () => {
  test('when the routes are listed, then every endpoint of the API is in the table with an access rule', () => {
    const urls = hostileRoutes().map((r) => `${r.method} ${r.url}`);
    for (const expected of ['POST /cases', 'GET /cases/:id', 'POST /cases/:id/meetings/:meetingId/move', 'POST /coordinators/:id/absences', 'POST /codec/decode', 'GET /ke/reports/yearly']) {
      expect(urls).toContain(expected);
    }
    expect(hostileRoutes().length).toBeGreaterThan(35);
  });

  test('when any endpoint gets generated bodies, ids, queries and headers, then never a 5xx and a rejected request changes nothing', async () => {
    const arb = fc.constantFrom(...hostileRoutes()).chain(requestFor);
    await runProperty('generated requests', arb, RUNS);
  });

  test('when the hostile requests are over, then the tracked cases are consistent and no case workflow is stuck', async () => {
    // Hostile requests of its own first, so that the check has something to check when this test runs alone (-t).
    await runProperty('requests before the check', fc.constantFrom(...hostileRoutes()).chain(requestFor), Math.ceil(RUNS / 10));
    const thrown = [...statuses.values()].reduce((n, byStatus) => n + [...byStatus.values()].reduce((a, b) => a + b, 0), 0);
    expect(thrown).toBeGreaterThanOrEqual(Math.ceil(RUNS / 10));
    // Anything a request set off asynchronously has had time to land.
    const last = await snapshot();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await snapshot()).toEqual(last);
    for (const id of tracked().filter((t) => t !== world().foreignCase)) {
      const res = await call(services().app, 'GET', `/cases/${id}`, undefined, { authorization: await authFor(['ke']), 'x-access-reason': 'kontroll etter test' });
      expect(res.status).toBe(200);
      const events = await call(services().app, 'GET', `/cases/${id}/events`, undefined, { authorization: await authFor(['ke']), 'x-access-reason': 'kontroll etter test' });
      expect(events.body.events.at(-1).seq).toBe(res.body.version);
    }
    const { rows } = await services().pool.query<{ id: string }>('SELECT id FROM cases WHERE municipality = $1', [M]);
    const stuck: string[] = [];
    for (const { id } of rows) {
      const description = await services().client.workflow.getHandle(caseWorkflowId(id)).describe();
      const attempt = description.raw.pendingWorkflowTask?.attempt ?? 0;
      if (description.status.name === 'RUNNING' && attempt > 1) stuck.push(`${id} (workflow task attempt ${attempt})`);
    }
    expect(stuck).toEqual([]);
    if (process.env.HOSTILE_VERBOSE) {
      for (const [route, byStatus] of [...statuses].sort()) console.log(route, JSON.stringify(Object.fromEntries(byStatus)));
    }
  });
});
