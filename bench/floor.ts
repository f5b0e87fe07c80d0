/**
 * Temporal's floor under a command, measured with bench/floor-workflow.ts on the benchmark's own
 * dev server: one client, sequential updates that run one no-op activity, one no-op local activity, or
 * nothing. The worker runs
 * in the benchmark's process with the SDK's default options and no payload codec.
 */
import { Client, type Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { measure, type LatencySummary } from './stats';
import { floorUpdate, stopUpdate, type FloorMode, type floorWorkflow } from './floor-workflow';

export interface TemporalFloor {
  updateWithActivity: LatencySummary;
  updateWithLocalActivity: LatencySummary;
  updateAlone: LatencySummary;
}

export async function temporalFloor(connection: Connection, address: string, count: number): Promise<TemporalFloor> {
  const taskQueue = `bench-floor-${randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address });
  const bundle = await bundleWorkflowCode({ workflowsPath: join(__dirname, 'floor-workflow.ts'), logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  const worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: bundle, activities: { noop: async () => undefined } });
  const running = worker.run();
  try {
    const client = new Client({ connection, namespace: 'default' });
    const handle = await client.workflow.start<typeof floorWorkflow>('floorWorkflow', { taskQueue, workflowId: `bench-floor-${randomUUID()}` });
    const warm = Math.max(1, Math.round(count / 10));
    const timed = async (mode: FloorMode) => {
      await measure(warm, 1, () => handle.executeUpdate(floorUpdate, { args: [mode] }));
      return measure(count, 1, () => handle.executeUpdate(floorUpdate, { args: [mode] }));
    };
    const updateWithActivity = await timed('activity');
    const updateWithLocalActivity = await timed('local');
    const updateAlone = await timed('none');
    await handle.executeUpdate(stopUpdate);
    await handle.result();
    return { updateWithActivity, updateWithLocalActivity, updateAlone };
  } finally {
    worker.shutdown();
    await running;
    await workerConnection.close();
  }
}
