import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import { createDeliveryActivities } from '../activities/delivery';
import type { NationalServices } from '../lib/national';
import type { Municipality } from '../activities/letters/text';
import { TASK_QUEUE } from '../workflows/case/messages';
import { dataConverterFor, type PayloadKeys } from '../lib/codec';

/**
 * The case workflow's pure domain modules (state machine, deadlines, dates, views, message
 * definitions). The worker reuses one V8 context per thread but evaluates each workflow's modules
 * anew for every cached workflow, so module-level objects — the Intl.DateTimeFormat instances in
 * dates.ts above all, some 80 kB of native memory per set — would exist once per cached case.
 * Preloaded, they are evaluated once per thread and shared (read-only: the SDK freezes them).
 * None of them holds per-workflow state or calls a workflow API at module level.
 */
export const SHARED_WORKFLOW_MODULES = ['state', 'deadlines', 'letter-facts', 'messages'].map((m) =>
  require.resolve(`../workflows/case/${m}`),
);

/**
 * Stopping (Ctrl-C, SIGTERM) is bounded: in-flight tasks get the grace time to finish, then
 * activities are cancelled; one that ignores cancellation (a write hung on a database lock) is
 * abandoned at the force time, when run() rejects with GracefulShutdownPeriodExpiredError.
 * Temporal retries an abandoned activity on the next worker after its start-to-close timeout.
 */
export const SHUTDOWN_GRACE_MS = 2000;
export const SHUTDOWN_FORCE_MS = 4000;

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
  /** SvarUt and KRR (lib/national, nationalServices(config)); without SvarUt letters are handed over by hand. */
  national?: NationalServices;
}

export async function createCaseWorker(opts: CaseWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> = opts.workflowBundlePath
    ? { workflowBundle: { codePath: opts.workflowBundlePath } }
    : { workflowsPath: require.resolve('../workflows'), bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } };
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...workflowSource,
    // Whatever reaches a workflow or activity must have been encrypted with a key of ours: a clear
    // payload (an update sent straight to Temporal's port) is refused, not applied.
    dataConverter: dataConverterFor(opts.payloadKeys, { requireEncrypted: true }),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    shutdownGraceTime: SHUTDOWN_GRACE_MS,
    shutdownForceTime: SHUTDOWN_FORCE_MS,
    activities: {
      ...createActivities({ pool: opts.pool, logger: opts.logger, municipality: opts.municipality }),
      ...createDeliveryActivities({ pool: opts.pool, logger: opts.logger, municipality: opts.municipality, ...opts.national }),
    },
  });
}
