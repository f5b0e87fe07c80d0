import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import type { Municipality } from '../activities/letters/text';
import { TASK_QUEUE } from '../workflows/case/messages';
import { dataConverterFor, type PayloadKeys } from '../lib/codec';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  pool: Pool;
  logger: Logger;
  municipality: Municipality;
  taskQueue?: string;
  /** A prebuilt workflow bundle; without one the worker bundles workflows/ at start. */
  workflowBundlePath?: string;
  /** Payload encryption keys; the same as the clients'. */
  payloadKeys?: PayloadKeys;
  /** Bounds memory: thousands of open cases sleep for months, and need not all stay cached. */
  maxCachedWorkflows?: number;
}

export async function createCaseWorker(opts: CaseWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = opts.workflowBundlePath
    ? { workflowBundle: { codePath: opts.workflowBundlePath } }
    : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...workflowSource,
    dataConverter: dataConverterFor(opts.payloadKeys),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    activities: createActivities({ pool: opts.pool, logger: opts.logger, municipality: opts.municipality }),
  });
}
