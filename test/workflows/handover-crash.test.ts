/**
 * A handover survives its worker being killed (SIGKILL, no graceful shutdown) in the middle:
 * once while the fan-out is sending its batches of signals, once while the cases are recording
 * the absence. A new worker then finishes it, and every open case has the absence exactly once.
 */
import { Client as PgClient } from 'pg';
import { startServices, testEnv, type Services } from '../helpers/services';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';
import { dateFromNow, today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { granted, unitWithCoordinator } from '../helpers/cases';
import { absenceWorkflowId } from '../../workflows/absence/messages';
import { caseState, caseWorkflowId } from '../../workflows/case/messages';
import { mapLimit } from '../helpers/concurrency';

const OPEN_CASES = 50;
const CONCURRENCY = 10;

let s: Services;
let child: WorkerProcess | undefined;

beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  killChild();
  await s?.close();
});

const post = (url: string, body: unknown = {}) => call(s.app, 'POST', url, body);
const get = (url: string) => call(s.app, 'GET', url);

function killChild() {
  child?.kill();
}

/** Starts the worker process and waits until it polls the test's task queue. */
async function runWorkerProcess() {
  child = await startWorkerProcess(s.client, s.taskQueue, {}, 100);
}

/** SIGKILLs the worker process the moment `ready` holds: no shutdown, no chance to finish anything. */
async function killWorkerProcessWhen(ready: () => Promise<boolean>, timeoutMs = 30_000) {
  const worker = child!;
  const proc = worker.proc;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    worker.assertRunning();
    if (Date.now() > deadline) throw new Error(`the worker process made no progress in ${timeoutMs} ms:\n${worker.output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  proc.kill('SIGKILL');
  await exited;
  expect(proc.signalCode).toBe('SIGKILL');
}

async function absentEventCount(db: Pick<PgClient, 'query'>, caseIds: string[]): Promise<number> {
  const { rows } = await db.query("SELECT count(*)::int AS n FROM case_events WHERE type = 'CoordinatorAbsent' AND case_id = ANY($1::uuid[])", [caseIds]);
  return rows[0].n as number;
}

test(
  'when the worker is killed in the middle of a handover of 50 open cases, then after a restart every case has the absence and its task exactly once',
  async () => {
    const started = Date.now();
    const mark = (what: string) => console.log(`[handover-crash +${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);

    // 50 appointed cases of one coordinator, made through the API by the in-process worker.
    const coordinator = await unitWithCoordinator(s.app);
    const substitute = await unitWithCoordinator(s.app);
    const caseIds = await mapLimit(Array.from({ length: OPEN_CASES }), CONCURRENCY, async () => {
      const id = await granted(s.app);
      const res = await post(`/cases/${id}/appointment`, { ...coordinator, appointedOn: today() });
      if (res.status !== 200) throw new Error(`appointment of ${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return id;
    });
    const eventsBefore = await s.pool.query<{ case_id: string; n: number }>(
      'SELECT case_id, count(*)::int AS n FROM case_events WHERE case_id = ANY($1::uuid[]) GROUP BY case_id',
      [caseIds],
    );
    expect(eventsBefore.rows).toHaveLength(OPEN_CASES);
    const eventsPerCase = eventsBefore.rows[0].n;
    expect(eventsBefore.rows.every((r) => r.n === eventsPerCase)).toBe(true);
    mark(`${OPEN_CASES} appointed cases with ${eventsPerCase} events each`);

    // The in-process worker goes away; worker processes that can be killed take over.
    await s.stopWorker();
    const watch = new PgClient({ connectionString: testEnv().databaseUrl });
    await watch.connect();
    let absenceId = '';
    const fanOut = () => s.client.workflow.getHandle(absenceWorkflowId(absenceId));
    /** How far the handover has got: signals the fan-out has sent, cases that recorded the absence. */
    const progress = async (db: Pick<PgClient, 'query'> = watch) => {
      const events = (await fanOut().fetchHistory()).events ?? [];
      return {
        signalled: events.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes).length,
        fanOutDone: events.some((e) => e.workflowExecutionCompletedEventAttributes),
        recorded: await absentEventCount(db, caseIds),
      };
    };
    const summary = (p: Awaited<ReturnType<typeof progress>>) =>
      `${p.signalled}/${OPEN_CASES} signals sent, fan-out ${p.fanOutDone ? 'completed' : 'not completed'}, ${p.recorded}/${OPEN_CASES} cases recorded the absence`;

    let atFirstKill: Awaited<ReturnType<typeof progress>>;
    let atSecondKill: Awaited<ReturnType<typeof progress>>;
    try {
      // Kill 1: in the middle of the fan-out, as soon as its first batch of signals is sent.
      await runWorkerProcess();
      const res = await post(`/coordinators/${coordinator.coordinatorId}/absences`, {
        kind: 'leave',
        from: today(),
        until: dateFromNow(30),
        substituteId: substitute.coordinatorId,
      });
      expect(res.status).toBe(202);
      expect(res.body.openCases).toBe(OPEN_CASES);
      absenceId = res.body.absenceId;
      await killWorkerProcessWhen(async () => {
        const p = await progress();
        return p.signalled > 0 || p.fanOutDone || p.recorded > 0;
      });
      atFirstKill = await progress(s.pool);
      mark(`first kill: ${summary(atFirstKill)}`);
      if (atFirstKill.fanOutDone) console.warn('[handover-crash] the fan-out had completed before the first kill landed');

      // Kill 2: in the middle of the cases recording the absence, as soon as one more has done so.
      await runWorkerProcess();
      await killWorkerProcessWhen(async () => {
        const recorded = await absentEventCount(watch, caseIds);
        return recorded > atFirstKill.recorded || recorded === OPEN_CASES;
      }, 60_000);
      atSecondKill = await progress(s.pool);
      mark(`second kill: ${summary(atSecondKill)}`);
      if (atSecondKill.recorded >= OPEN_CASES) console.warn('[handover-crash] every case had recorded the absence before the second kill landed');
    } finally {
      await watch.end();
    }
    expect(atSecondKill.recorded).toBeGreaterThan(0);

    // A new worker in this process finishes the handover.
    await s.startWorker();
    const absence = await eventually(
      async () => {
        const row = (await s.pool.query('SELECT fanned_out_at, cases_signalled FROM absences WHERE id = $1', [absenceId])).rows[0];
        return row.fanned_out_at ? row : undefined;
      },
      90_000,
      200,
    );
    expect(absence.cases_signalled).toBe(OPEN_CASES);
    expect(await fanOut().result()).toBe(OPEN_CASES);
    await eventually(async () => ((await absentEventCount(s.pool, caseIds)) >= OPEN_CASES) || undefined, 90_000, 200);
    mark(`fan-out completed, every case recorded the absence`);

    // Each workflow is settled: its own state knows exactly one more event than before.
    const expectedVersion = eventsPerCase + 1;
    // The workflow takes the new state in the task after its write commits, so a query may for a
    // moment trail PostgreSQL by the one event: wait for every case to settle, then compare.
    const versionsOf = () => mapLimit(caseIds, CONCURRENCY, async (id) => (await s.client.workflow.getHandle(caseWorkflowId(id)).query(caseState))!.version);
    await eventually(async () => (await versionsOf()).every((v) => v >= expectedVersion) || undefined, 30_000, 200).catch(() => undefined);
    const versions = await versionsOf();
    expect(versions).toEqual(caseIds.map(() => expectedVersion));

    // Postgres: exactly one CoordinatorAbsent per case, event seqs 1..n with no gaps, the projection at n.
    const { rows } = await s.pool.query<{ case_id: string; seqs: number[]; absent: number; version: number }>(
      `SELECT e.case_id::text AS case_id,
              array_agg(e.seq ORDER BY e.seq) AS seqs,
              count(*) FILTER (WHERE e.type = 'CoordinatorAbsent')::int AS absent,
              c.version
         FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.case_id = ANY($1::uuid[])
        GROUP BY e.case_id, c.version`,
      [caseIds],
    );
    expect(rows.map((r) => r.case_id).sort()).toEqual([...caseIds].sort());
    const gapless = Array.from({ length: expectedVersion }, (_, i) => i + 1);
    for (const r of rows) {
      expect({ caseId: r.case_id, seqs: r.seqs, absent: r.absent, version: r.version }).toEqual({
        caseId: r.case_id,
        seqs: gapless,
        absent: 1,
        version: expectedVersion,
      });
    }

    // The API: every case routes to the substitute and owes the family exactly one message.
    await mapLimit(caseIds, CONCURRENCY, async (id) => {
      const view = (await get(`/cases/${id}`)).body;
      const kickOff = view.deadlines.find((d: { kind: string }) => d.kind === 'kick_off');
      expect({ id, absence: view.absence, tasks: view.tasks.map((t: { kind: string }) => t.kind), kickOff: kickOff?.responsible }).toEqual({
        id,
        absence: expect.objectContaining({ id: absenceId, kind: 'leave', substituteId: substitute.coordinatorId }),
        tasks: ['inform_family', 'inform_collaborators'],
        kickOff: `coordinator:${substitute.coordinatorId}`,
      });
      const events = (await get(`/cases/${id}/events`)).body.events;
      expect(events.map((e: { type: string }) => e.type).at(-1)).toBe('CoordinatorAbsent');
    });
    mark('all checks passed');
  },
  180_000,
);
