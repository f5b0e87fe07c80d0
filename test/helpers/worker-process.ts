/**
 * Production's worker process (worker/main.ts) spawned for a test, on the test's task queue and
 * the test stack's database, Temporal and workflow bundle, so that a test can SIGKILL it: no
 * graceful shutdown, no chance to finish anything. Its delivery starter is off (the test
 * database is shared: it is not to start other files' letters); `env` adds or overrides settings.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './http';
import { TEST_PAYLOAD_KEYS, testEnv } from './services';

const ROOT = join(__dirname, '..', '..');

export interface WorkerProcess {
  proc: ChildProcess;
  /** The last of what the process wrote, for an error message. */
  output(): string;
  /** Throws, with the process's output, when it has exited. */
  assertRunning(): void;
  /** SIGKILLs it if it still runs. */
  kill(): void;
}

export function spawnWorkerProcess(taskQueue: string, env: Record<string, string> = {}): WorkerProcess {
  const stack = testEnv();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: stack.bundlePath,
      // Any free port for the SDK metrics exporter: nothing scrapes it here.
      WORKER_METRICS_PORT: '0',
      PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      LOG_LEVEL: 'warn',
      LETTER_DELIVERY_STARTER: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return {
    proc,
    output: () => output,
    assertRunning() {
      if (proc.exitCode !== null) throw new Error(`the worker process exited with ${proc.exitCode}:\n${output}`);
    },
    kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    },
  };
}

/** True once a process with this pid polls both the workflow and the activity side of the queue. */
export async function pollsQueue(client: Client, taskQueue: string, pid: number): Promise<boolean> {
  const { TaskQueueKind, TaskQueueType } = temporal.api.enums.v1;
  for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
    const res = await client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType,
    });
    if (!(res.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`))) return false;
  }
  return true;
}

/** Spawns the worker process and waits until it polls the queue. */
export async function startWorkerProcess(client: Client, taskQueue: string, env: Record<string, string> = {}, intervalMs?: number): Promise<WorkerProcess> {
  const worker = spawnWorkerProcess(taskQueue, env);
  await eventually(async () => {
    worker.assertRunning();
    return (await pollsQueue(client, taskQueue, worker.proc.pid!)) || undefined;
  }, 30_000, intervalMs);
  return worker;
}
