/**
 * `npm start`: the whole service in one process tree. Starts (or uses) PostgreSQL and Temporal,
 * applies migrations, then runs the worker and the API as supervised children, and, without
 * OIDC_ISSUER, a local OpenID provider for browser sign-in (scripts/idp.ts). A local
 * PostgreSQL or Temporal dev server that dies is started again too (keepRunning). SIGINT/SIGTERM
 * stops the API first (it drains), then the worker, then Temporal and PostgreSQL.
 */
import { LOCAL_ISSUER, LOCAL_KEY_FILE, loadOrCreateSigningKey } from '../lib/auth';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrate } from '../db/migrate';
import { loadConfig, publicBaseUrl } from '../lib/config';
import { createLogger } from '../lib/logger';
import { ensureSearchAttributes, temporalConnectionOptions } from '../lib/temporal';
import { formatPayloadKeys, loadOrCreateKeyFile } from '../lib/codec';
import { Connection } from '@temporalio/client';
import { ROOT, findTemporalCli, sleep, startEmbeddedPostgres, startTemporalDevServer, waitForPort, type Restartable, type Stoppable } from './components';
import { freePort } from './ports';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, { component: 'launcher' });
const stack: Stoppable[] = [];
const children = new Map<string, Supervised>();
let stopping = false;

interface Supervised {
  child: ChildProcess;
  exited: Promise<void>;
}

function runChild(name: string, entry: string, env: NodeJS.ProcessEnv, restarts = 0): void {
  const child = fork(join(ROOT, entry), [], {
    cwd: ROOT,
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((res) =>
    child.once('exit', (code, signal) => {
      res();
      if (stopping) return;
      // A crashed worker or API comes back by itself; give up only if it keeps crashing at once.
      logger.error({ child: name, code, signal }, 'child exited; restarting');
      if (restarts >= 5) {
        logger.fatal({ child: name }, 'child keeps failing; stopping the service');
        void shutdown(1);
        return;
      }
      void sleep(1000 * (restarts + 1)).then(() => !stopping && runChild(name, entry, env, restarts + 1));
    }),
  );
  children.set(name, { child, exited });
  logger.info({ child: name, pid: child.pid }, 'child started');
  // Reset the crash counter once a child has stayed up for a while.
  setTimeout(() => {
    if (children.get(name)?.child === child && child.exitCode === null) restarts = 0;
  }, 60_000).unref();
}

/**
 * The local PostgreSQL and Temporal dev server are supervised like the children: one that dies
 * (kill -9, OOM) is started again on the same data directory or db file and the same port, and
 * the worker and the API, which retry their connections, carry on. Give up only if it will not
 * start again at all.
 */
function keepRunning(name: 'postgres' | 'temporal', part: Restartable): Stoppable {
  let restarting: Promise<void> | undefined;
  const watch = () => {
    const pid = part.pid();
    void part.exited().then(async (exit) => {
      // Ctrl-C in a terminal reaches the whole process group at once: let the launcher's own
      // signal handler mark the shutdown before taking the exit for a crash.
      await sleep(250);
      if (stopping) return;
      logger.error({ part: name, pid, code: exit.code, signal: exit.signal }, 'part exited; restarting');
      restarting = restart(Date.now());
    });
  };
  const restart = async (since: number) => {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await part.restart();
        logger.info({ part: name, pid: part.pid(), attempt, downMs: Date.now() - since }, 'part restarted');
        watch();
        return;
      } catch (err) {
        // PostgreSQL refuses to start while processes of the killed server still hold its
        // shared memory; they notice and exit within moments.
        if (attempt >= 20) {
          logger.fatal({ part: name, err: (err as Error).message }, 'part does not start again; stopping the service');
          void shutdown(1);
          return;
        }
        logger.warn({ part: name, attempt, err: (err as Error).message }, 'part did not start; trying again');
        await sleep(Math.min(250 * attempt, 2000));
      }
    }
  };
  watch();
  return {
    async stop() {
      await restarting;
      await part.stop();
    },
  };
}

/**
 * How long each child may take to stop before it is killed. The API drains its in-flight
 * requests, which normally take well under a second; one that waits on a wedged case (an update
 * whose activity hangs, or Temporal already gone after a Ctrl-C to the whole process group)
 * would hold it for as long as the client retries. The worker bounds its own stop
 * (SHUTDOWN_FORCE_MS in worker/worker.ts, 4 s); this is the backstop.
 */
const STOP_LIMIT_MS: Record<string, number> = { api: 5_000, worker: 8_000, idp: 3_000 };

async function stopChild(name: string): Promise<void> {
  const entry = children.get(name);
  if (!entry || entry.child.exitCode !== null || entry.child.signalCode !== null) return;
  const started = Date.now();
  entry.child.kill('SIGTERM');
  // The child's 'disconnect' listener (lib/process.ts) keeps its IPC channel referenced, so a
  // worker that has stopped would otherwise stay until the SIGKILL below: close the channel.
  if (entry.child.connected) entry.child.disconnect();
  const limit = STOP_LIMIT_MS[name] ?? 10_000;
  const killer = setTimeout(() => {
    logger.warn({ child: name, afterMs: limit }, 'child did not stop in time; killing it');
    entry.child.kill('SIGKILL');
  }, limit);
  await entry.exited;
  clearTimeout(killer);
  logger.info({ child: name, ms: Date.now() - started }, 'child stopped');
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping');
  await stopChild('api');
  await stopChild('worker');
  await stopChild('idp');
  for (const part of stack.reverse()) {
    await part.stop().catch((err) => logger.warn({ err: (err as Error).message }, 'stop failed'));
  }
  logger.info('stopped');
  process.exit(code);
}

async function main() {
  const dataDir = resolve(ROOT, config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // Registered first, so a signal during start-up still stops what has started.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: config.EMBEDDED_PG_PORT, database: 'barnekoordinator', logger });
    stack.push(keepRunning('postgres', pg));
    databaseUrl = pg.url;
  }
  await migrate(databaseUrl, logger);

  let temporalAddress = config.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const server = await startTemporalDevServer({
      cli: findTemporalCli(config.TEMPORAL_CLI_PATH),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile: join(dataDir, 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      logger,
    });
    stack.push(keepRunning('temporal', server));
    temporalAddress = server.address;
  } else {
    const connection = await Connection.connect(temporalConnectionOptions({ ...config, TEMPORAL_ADDRESS: temporalAddress }));
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    await connection.close();
  }
  if (stopping) return;

  // Payloads are encrypted; without keys in the environment npm start keeps its own in ./data.
  const keys = config.PAYLOAD_KEYS ? undefined : loadOrCreateKeyFile(join(dataDir, 'payload-keys.json'));
  // Without an identity provider, tokens are signed with a local key (npm run token).
  const localAuth = config.AUTH_ISSUER ? undefined : join(dataDir, LOCAL_KEY_FILE);
  if (localAuth) await loadOrCreateSigningKey(localAuth);
  // Without an OpenID provider for browsers, a local one with development users (lib/idp.ts).
  const base = publicBaseUrl(config);
  let oidc: Record<string, string> = {};
  if (!config.OIDC_ISSUER) {
    const idpPort = config.IDP_PORT === 0 ? await freePort() : config.IDP_PORT;
    const clientSecret = randomBytes(24).toString('base64url');
    runChild('idp', 'scripts/idp.ts', {
      ...process.env,
      IDP_PORT: String(idpPort),
      IDP_HOST: '127.0.0.1',
      IDP_CLIENT_ID: config.OIDC_CLIENT_ID,
      IDP_CLIENT_SECRET: clientSecret,
      IDP_REDIRECT_URIS: `${base}/auth/callback`,
      IDP_POST_LOGOUT_REDIRECT_URIS: `${base}/`,
      // Kept, so the ID tokens of sessions open across a restart still name a known key at logout.
      IDP_JWKS_FILE: join(dataDir, 'idp-jwks.json'),
    });
    await waitForPort(idpPort, '127.0.0.1', 60_000);
    oidc = { OIDC_ISSUER: `http://127.0.0.1:${idpPort}`, OIDC_CLIENT_ID: config.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: clientSecret };
  }
  if (stopping) return;
  const env = {
    ...process.env,
    ...(keys ? { PAYLOAD_KEYS: formatPayloadKeys(keys), PAYLOAD_KEY_ID: keys.currentKeyId } : {}),
    ...(localAuth ? { AUTH_ISSUER: LOCAL_ISSUER, AUTH_LOCAL_KEY_FILE: localAuth } : {}),
    ...oidc,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    WORKER_METRICS_URL: config.WORKER_METRICS_URL ?? `http://127.0.0.1:${config.WORKER_METRICS_PORT}/metrics`,
  };
  runChild('worker', 'worker/main.ts', env);
  runChild('api', 'api/server.ts', env);
  logger.info(
    {
      api: `http://${config.HOST}:${config.PORT}`,
      login: `${base}/auth/login`,
      identityProvider: oidc.OIDC_ISSUER ?? config.OIDC_ISSUER,
      temporalUi: config.TEMPORAL_ADDRESS ? undefined : `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`,
    },
    'service starting: API, worker, Temporal and PostgreSQL; sign in at the login URL',
  );
}

main().catch((err) => {
  logger.fatal({ err: (err as Error).message }, 'start failed');
  void shutdown(1);
});
