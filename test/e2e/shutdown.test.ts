/**
 * Ctrl-C while a case is wedged: the worker's activity hangs on a database lock (and the API's
 * request waits for it). `npm start` must still stop within a few seconds, leaving nothing
 * running, rather than wait for the launcher's kill timers.
 */
import { rmSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { caseRequest, today } from '../helpers/fixtures';
import { isAlive, launch, tempDataDir } from '../helpers/launcher';

jest.setTimeout(180_000);

const dataDir = tempDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('when Ctrl-C comes while an activity hangs on a database lock, then npm start stops within a few seconds and nothing is left running', async () => {
  const svc = await launch(dataDir);
  let locker: PgClient | undefined;
  let interrupted = false;
  try {
    await svc.waitHealthy();
    const headers = await svc.headers();
    const created = await fetch(svc.url('/cases'), { method: 'POST', headers, body: JSON.stringify(caseRequest()) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // Another session holds the event log locked: the command's write waits for it.
    const pgPort = svc.logs.find((l) => l.msg === 'embedded postgres ready')!.port as number;
    locker = new PgClient({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/barnekoordinator` });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE case_events IN ACCESS EXCLUSIVE MODE');
    const command = fetch(svc.url(`/cases/${id}/consents`), {
      method: 'POST',
      headers,
      body: JSON.stringify({ givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() }),
    }).then(
      (r) => r.status,
      () => 'no answer',
    );
    // Wedged: a write of the worker waits on the lock (at its COMMIT, for a deferred check).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n > 0) break;
      if (Date.now() > deadline) throw new Error('the command never reached the locked table');
      await new Promise((r) => setTimeout(r, 100));
    }

    const started = Date.now();
    interrupted = true;
    await svc.interrupt();
    const tookMs = Date.now() - started;
    const stopLog = svc.logs.filter((l) => !l.time || (l.time as number) >= started).map((l) => [(l.time as number) - started, l.component, l.msg, l.child]);
    if (tookMs >= 10_000) throw new Error(`Ctrl-C took ${tookMs} ms: ${JSON.stringify(stopLog)}`);
    expect(await command).not.toBe(200);
    expect(svc.logs.filter((l) => l.component === 'launcher').map((l) => l.msg)).toContain('stopped');
    const pids = svc.pids((l) => typeof l.pid === 'number');
    await new Promise((r) => setTimeout(r, 500));
    expect(pids.filter(isAlive)).toEqual([]);
  } finally {
    await locker?.end().catch(() => undefined);
    if (!interrupted) await svc.interrupt();
  }
});
