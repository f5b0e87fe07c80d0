/**
 * The real components for the test suite, started once per run by jest's globalSetup: a
 * Temporal dev server (in memory, no UI), an embedded PostgreSQL in a temporary directory with
 * migrations applied, and the workflow bundle built once. Prints one JSON line with their
 * addresses, then runs until its standard input closes or it gets SIGTERM.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../db/migrate';
import { SHARED_WORKFLOW_MODULES } from '../worker/worker';
import { createLogger } from '../lib/logger';
import { freePort } from './ports';
import { findTemporalCli, startEmbeddedPostgres, startTemporalDevServer, type Stoppable } from './components';

async function main() {
  const logger = createLogger(process.env.TEST_STACK_LOG_LEVEL ?? 'warn', { component: 'test-stack' });
  const dir = mkdtempSync(join(tmpdir(), 'bk-test-'));
  // PostgreSQL runs as the postgres user when we are root: it must reach the directory.
  chmodSync(dir, 0o755);
  const parts: Stoppable[] = [];
  const stop = async () => {
    for (const p of parts.reverse()) await p.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();

  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const started = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: pgPort, database: 'barnekoordinator_test', logger }),
    startTemporalDevServer({ cli: findTemporalCli(process.env.TEMPORAL_CLI_PATH), port: temporalPort, namespace: 'default', logger }),
    bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), preloadModules: SHARED_WORKFLOW_MODULES, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: (m) => logger.error(m), log() {} } }),
  ]);
  for (const r of started.slice(0, 2)) if (r.status === 'fulfilled') parts.push(r.value as Stoppable);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    for (const p of parts) await p.stop().catch(() => undefined);
    throw (failed as PromiseRejectedResult).reason;
  }
  const [pg, temporal, bundle] = started.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof startEmbeddedPostgres>>,
    Awaited<ReturnType<typeof startTemporalDevServer>>,
    Awaited<ReturnType<typeof bundleWorkflowCode>>,
  ];
  await migrate(pg.url, logger);
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.stdout.write(`${JSON.stringify({ databaseUrl: pg.url, temporalAddress: temporal.address, bundlePath, dir })}\n`);
}

main().catch((err) => {
  process.stderr.write(`test stack failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
