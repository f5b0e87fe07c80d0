/** Runs `npm start` as a newcomer would, in its own process group, and reads its JSON logs. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../scripts/ports';
import { LOCAL_ISSUER, LOCAL_KEY_FILE, mintToken, readSigningKey, type Role } from '../../lib/auth';

export interface Launched {
  proc: ChildProcess;
  port: number;
  uiPort: number;
  /** The local OpenID provider's port (browser sign-in). */
  idpPort: number;
  logs: Record<string, unknown>[];
  url: (path: string) => string;
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** The first log line that matches, waiting for it: a child's lines may trail the API's health. */
  waitForLog(match: (log: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Ctrl-C: SIGINT to the whole process group; resolves once npm has exited. */
  interrupt(): Promise<void>;
  pids(filter: (log: Record<string, unknown>) => boolean): number[];
  /** A bearer token signed with the launcher's local key (as `npm run token` mints), KE by default. */
  token(roles?: Role[], sub?: string): Promise<string>;
  /** Authorization and JSON headers for fetch. */
  headers(roles?: Role[]): Promise<Record<string, string>>;
}

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bk-e2e-'));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * `npm start` in `dataDir`. Its worker loads the workflow bundle the test stack built
 * (WORKFLOW_BUNDLE_PATH), as a production worker loads the prebuilt one, rather than bundling
 * with webpack at every start and restart; `bundle: 'build'` takes the newcomer's path instead.
 */
export async function launch(dataDir: string, extraEnv: Record<string, string> = {}, opts: { bundle?: 'prebuilt' | 'build' } = {}): Promise<Launched> {
  const [port, uiPort, pgPort, temporalPort, metricsPort, idpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_UI_PORT: String(uiPort),
    EMBEDDED_PG_PORT: String(pgPort),
    TEMPORAL_DEV_PORT: String(temporalPort),
    WORKER_METRICS_PORT: String(metricsPort),
    IDP_PORT: String(idpPort),
    LOG_LEVEL: 'info',
    ...(opts.bundle !== 'build' && process.env.TEST_WORKFLOW_BUNDLE ? { WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE } : {}),
    ...extraEnv,
  };
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  if (!extraEnv.TEMPORAL_ADDRESS) delete env.TEMPORAL_ADDRESS;
  const proc = spawn('npm', ['start', '--silent'], { cwd: join(__dirname, '..', '..'), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  for (const stream of [proc.stdout!, proc.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ raw: line });
      }
    });
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const token = async (roles: Role[] = ['ke'], sub = `${roles[0]}-e2e`) => {
    const key = readSigningKey(join(dataDir, LOCAL_KEY_FILE));
    return mintToken(key, { subject: sub, roles, municipality: env.MUNICIPALITY_NUMBER ?? '9999', issuer: LOCAL_ISSUER, audience: 'barnekoordinator' });
  };
  return {
    proc,
    port,
    uiPort,
    idpPort,
    logs,
    url,
    async waitHealthy(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`npm start exited early: ${JSON.stringify(logs.slice(-10))}`);
        const ok = await fetch(url('/ready')).then((r) => r.status === 200, () => false);
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`not healthy in time: ${JSON.stringify(logs.slice(-10))}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async waitForLog(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such log line in time: ${JSON.stringify(logs.slice(-10))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async interrupt() {
      if (proc.exitCode === null) process.kill(-proc.pid!, 'SIGINT');
      return exited;
    },
    pids(filter) {
      return logs.filter(filter).map((l) => l.pid as number).filter(Boolean);
    },
    token,
    async headers(roles) {
      return { authorization: `Bearer ${await token(roles)}`, 'content-type': 'application/json' };
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
