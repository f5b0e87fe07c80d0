/**
 * The whole service as a newcomer starts it: `npm start` with the embedded defaults (Temporal
 * dev server and PostgreSQL under a data directory), driven over HTTP, stopped with Ctrl-C,
 * and started again on the same data.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { allMet, caseRequest, interview, today } from '../helpers/fixtures';
import { isAlive, launch, tempDataDir, type Launched } from '../helpers/launcher';
import { loginAs } from '../helpers/idp';

jest.setTimeout(240_000);

async function http(svc: Launched, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(svc.url(path), {
    method,
    headers: await svc.headers(),
    body: body ? JSON.stringify(body) : undefined,
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
}

function processesUsing(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(dir));
}

const dataDir = tempDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('when a newcomer runs npm start, then all parts come up, a case runs end to end, Ctrl-C leaves nothing behind and a restart keeps the data', async () => {
  const first = await launch(dataDir, {}, { bundle: 'build' });
  let caseId: string;
  try {
    await first.waitHealthy();
    const health = await http(first, 'GET', '/health');
    expect(health.body).toEqual({ status: 'ok', parts: { postgres: 'up', temporal: 'up', worker: 'up' } });
    const ui = await fetch(`http://127.0.0.1:${first.uiPort}/`);
    expect(ui.status).toBe(200);
    expect((await fetch(first.url('/metrics'))).status).toBe(401);
    const metrics = await fetch(first.url('/metrics'), { headers: await first.headers(['ops']) }).then((r) => r.text());
    expect(metrics).toContain('bk_http_request_duration_seconds');
    expect(metrics).toContain('bk_reminders');
    // The worker's Temporal SDK metrics come through the same page.
    expect(metrics).toMatch(/^temporal_\w+/m);

    // Browser sign-in through the local OpenID provider npm start runs beside the API.
    expect((await first.waitForLog((l) => l.msg === 'idp listening')).issuer).toBe(`http://127.0.0.1:${first.idpPort}`);
    const kari = await loginAs(first.url(''), 'ke-kari');
    const session = await fetch(first.url('/auth/session'), { headers: { cookie: kari.cookie } });
    expect(await session.json()).toMatchObject({ subject: 'ke-kari', name: 'Kari Nordmann', roles: ['ke'], municipality: '9999' });

    // API -> Temporal -> worker -> activity -> Postgres, and back.
    const created = await http(first, 'POST', '/cases', caseRequest());
    expect(created.status).toBe(201);
    caseId = created.body.id;
    expect((await http(first, 'POST', `/cases/${caseId}/consents`, { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() })).status).toBe(200);

    // The worker dies hard; the launcher brings it back and the case goes on.
    const [workerPid] = first.pids((l) => l.child === 'worker' && l.msg === 'child started');
    process.kill(workerPid, 'SIGKILL');
    expect((await http(first, 'POST', `/cases/${caseId}/kartlegging`, interview)).status).toBe(200);
    expect(first.pids((l) => l.child === 'worker' && l.msg === 'child started')).toHaveLength(2);
    const tracedReply = await fetch(first.url(`/cases/${caseId}/kartlegging/assessment`), {
      method: 'POST',
      headers: { ...(await first.headers()), 'x-request-id': 'e2e-trace-0001' },
      body: JSON.stringify(allMet),
    });
    expect(((await tracedReply.json()) as { status: string }).status).toBe('awaiting_decision');
    // The request id follows the command from the API into the workflow and its activity.
    // (Workflow log lines are flushed after the workflow task completes, so they may trail the reply.)
    const traced = (l: Record<string, unknown>) => l.reqId === 'e2e-trace-0001' || l.requestId === 'e2e-trace-0001';
    await first.waitForLog((l) => traced(l) && l.msg === 'command applied');
    const traceLines = first.logs.filter(traced);
    expect(traceLines.map((l) => l.component)).toEqual(expect.arrayContaining(['api', 'worker']));
    expect(traceLines.map((l) => l.msg)).toEqual(expect.arrayContaining(['command applied', 'case event persisted']));
    const events = await http(first, 'GET', `/cases/${caseId}/events`);
    expect(events.body.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4]);
  } finally {
    await first.interrupt();
  }
  expect(first.logs.filter((l) => l.component === 'launcher').map((l) => l.msg)).toContain('stopped');
  // The only error is the worker we killed.
  expect(first.logs.filter((l) => (l.level as number) >= 50).map((l) => l.msg)).toEqual(['child exited; restarting']);
  const pids = first.pids((l) => typeof l.pid === 'number');
  expect(pids.length).toBeGreaterThanOrEqual(4);
  await new Promise((r) => setTimeout(r, 500));
  expect(pids.filter(isAlive)).toEqual([]);
  expect(processesUsing(dataDir)).toEqual([]);

  const second = await launch(dataDir);
  try {
    await second.waitHealthy();
    const again = await http(second, 'GET', `/cases/${caseId!}`);
    expect(again.body.status).toBe('awaiting_decision');
    // The workflow itself survived the restart, not only the projection.
    const decided = await http(second, 'POST', `/cases/${caseId!}/decision`, { outcome: 'granted', reasons: 'Oppfylt.', decidedOn: today() });
    expect(decided.status).toBe(200);
    expect(decided.body.version).toBe(5);
  } finally {
    await second.interrupt();
  }
  expect(second.logs.filter((l) => l.component === 'launcher').map((l) => l.msg)).toContain('stopped');
  await new Promise((r) => setTimeout(r, 500));
  expect(processesUsing(dataDir)).toEqual([]);
});
