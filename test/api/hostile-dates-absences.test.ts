/**
 * Hostile dates (test/helpers/hostile-dates.ts) in a coordinator's absences: departure, leave
 * from and until. Every answer a 202 or a 400 naming the field, and the coordinator's open case
 * takes each absence and goes on.
 */
import fc from 'fast-check';
import { today } from '../helpers/fixtures';
import {
  BOUNDARY_DATES,
  RUNS,
  SEED,
  appointed,
  coordinatorRegistry,
  coordinators,
  dateValues,
  day,
  expectTouchedCasesSound,
  send,
  services,
  settled,
  touched,
  useServices,
  versions,
} from '../helpers/hostile-dates';

useServices();

describe('hostile dates', () => {
  describe('coordinators/:id/absences', () => {
    let caseId: string;
    let coordinatorId: string;
    beforeAll(async () => {
      coordinatorId = (await coordinators()).absent;
      caseId = await appointed(coordinatorId);
    }, 30_000);

    const absenceFields = [
      { name: 'departure from', body: (v: string) => ({ kind: 'departure', from: v }), names: /from/ },
      { name: 'leave from', body: (v: string) => ({ kind: 'leave', from: v, substituteId: coordinatorRegistry()!.b }), names: /from/ },
      { name: 'leave until', body: (v: string) => ({ kind: 'leave', from: day(-3), until: v, substituteId: coordinatorRegistry()!.b }), names: /until/ },
    ];

    test.each(absenceFields.map((f, i) => [f.name, f, i] as const))('when a coordinator’s %s gets boundary and random dates, then it is a 202 or a 400 naming it, and their open case takes it and goes on', async (name, f, i) => {
      const seed = SEED + 100 + i;
      const examples = [...BOUNDARY_DATES, today(), day(1)].map((v) => [v] as [string]);
      await fc.assert(
        fc.asyncProperty(dateValues, async (value) => {
          const where = `absence ${name} = ${JSON.stringify(value)} (seed ${seed})`;
          const before = await settled(caseId);
          const res = await send('POST', `/coordinators/${coordinatorId}/absences`, f.body(value), where);
          if (res.status >= 500) throw new Error(`server error ${res.status} at ${where}: ${JSON.stringify(res.body)}`);
          if (res.status >= 400) {
            expect({ where, status: res.status, named: f.names.test(res.body.detail) }).toEqual({ where, status: 400, named: true });
            expect({ where, after: await versions(caseId) }).toEqual({ where, after: before });
            return;
          }
          expect({ where, status: res.status }).toEqual({ where, status: 202 });
          // The fan-out reaches the case by signal: it records the absence (and may end a leave that is over).
          const deadline = Date.now() + 15_000;
          for (;;) {
            const { rowCount } = await services().pool.query("SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'CoordinatorAbsent' AND data->>'absenceId' = $2", [caseId, res.body.absenceId]);
            if (rowCount === 1) break;
            if (Date.now() > deadline) throw new Error(`the absence never reached the case at ${where}`);
            await new Promise((r) => setTimeout(r, 100));
          }
          const after = await settled(caseId);
          expect({ where, same: after.workflow === after.projection }).toEqual({ where, same: true });
        }),
        { seed, numRuns: examples.length + RUNS, examples, endOnFailure: true },
      );
      touched.add(caseId);
    }, 60_000);
  });

  test('when the hostile absence dates are over, then the case they reached takes an ordinary command, or is closed, and its projection and workflow agree', async () => {
    await expectTouchedCasesSound();
  }, 60_000);
});
