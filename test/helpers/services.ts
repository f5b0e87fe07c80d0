/**
 * The real parts a test needs, on the one Temporal server and PostgreSQL of the run: a pool, a
 * client, a worker on a task queue of its own, and the Fastify app for app.inject.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createPool } from '../../lib/db';
import { buildApp } from '../../api/app';
import type { WebAuthSettings } from '../../api/plugins/session';
import { createLogger } from '../../lib/logger';
import { dataConverterFor, parsePayloadKeys } from '../../lib/codec';
import { TEST_PAYLOAD_KEYS } from './test-keys';
import { testAuthSettings } from './auth';
import { DEFAULT_POLICY, type Policy } from '../../workflows/case/policy';
import { createCaseWorker } from '../../worker/worker';

export { TEST_PAYLOAD_KEYS };
export const testPayloadKeys = () => parsePayloadKeys(TEST_PAYLOAD_KEYS);

export const MUNICIPALITY = { name: 'Testkommune', keAddress: 'Koordinerende enhet, Postboks 7, 9999 Testby' };

export function testEnv() {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  const bundlePath = process.env.TEST_WORKFLOW_BUNDLE;
  if (!databaseUrl || !temporalAddress || !bundlePath) throw new Error('the test stack is not running (jest globalSetup)');
  return { databaseUrl, temporalAddress, bundlePath };
}

/**
 * The SDK's runtime for a test process, installed right before a worker or native connection
 * needs one: only errors are written (its default logger prints every worker state change at
 * INFO). The SDK shuts its runtime down when the last worker or native connection closes, so a
 * later one gets this one again rather than the default; and a runtime that nothing registers
 * with is never shut down and keeps the test process from exiting, so none is installed early.
 */
export function quietRuntime() {
  if (Runtime._instance) return;
  Runtime.install({
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m, meta) => console.error(m, meta) },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
    shutdownSignals: [],
  });
}

export const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export interface Services {
  pool: Pool;
  client: Client;
  taskQueue: string;
  app: FastifyInstance;
  policy: Policy;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The built web app (test/global-setup.ts builds it), for a test that serves it. */
export const WEB_DIST_DIR = join(__dirname, '..', '..', 'web', 'dist');

export async function startServices(opts: { policy?: Partial<Policy>; worker?: boolean; web?: WebAuthSettings; webApp?: boolean } = {}): Promise<Services> {
  const env = testEnv();
  const policy = { ...DEFAULT_POLICY, ...opts.policy };
  const taskQueue = `test-${randomUUID()}`;
  const pool = createPool(env.databaseUrl, logger, 5);
  const connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: 'default', dataConverter: dataConverterFor(testPayloadKeys()) });
  const app = await buildApp({
    logger, pool, temporal: client, taskQueue, policy, auth: await testAuthSettings(), payloadKeys: testPayloadKeys(),
    web: opts.web, webApp: opts.webApp ? { distDir: WEB_DIST_DIR } : undefined,
  });
  let nativeConnection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  const services: Services = {
    pool,
    client,
    taskQueue,
    app,
    policy,
    async startWorker() {
      quietRuntime();
      nativeConnection ??= await NativeConnection.connect({ address: env.temporalAddress });
      worker = await createCaseWorker({
        connection: nativeConnection,
        namespace: 'default',
        pool,
        logger,
        municipality: MUNICIPALITY,
        taskQueue,
        workflowBundlePath: env.bundlePath,
        payloadKeys: testPayloadKeys(),
      });
      running = worker.run();
    },
    async stopWorker() {
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running;
      worker = undefined;
      running = undefined;
    },
    async close() {
      await services.stopWorker();
      await app.close();
      await nativeConnection?.close();
      await connection.close();
      await pool.end();
    },
  };
  if (opts.worker !== false) await services.startWorker();
  return services;
}
