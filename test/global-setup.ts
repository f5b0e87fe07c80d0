import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildWebIfStale } from '../scripts/build-web';

/** Starts scripts/test-stack.ts once for the whole run and hands its addresses to the tests. */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..');
  // The web app's tests and the API's shell routes need web/dist, which is not committed.
  const building = buildWebIfStale();
  building.catch(() => {}); // awaited below, after the stack is up
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'test-stack.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`test stack exited with code ${code} before it was ready`)));
  });
  await building;
  const stack = JSON.parse(line) as { databaseUrl: string; temporalAddress: string; bundlePath: string; dir: string };
  process.env.TEST_DATABASE_URL = stack.databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = stack.temporalAddress;
  process.env.TEST_WORKFLOW_BUNDLE = stack.bundlePath;
  process.env.TEST_STACK_DIR = stack.dir;
  (globalThis as { __testStack?: typeof child }).__testStack = child;
}
