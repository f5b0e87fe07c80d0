/** Every committed history replays against today's workflow code without non-determinism. */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORIES_DIR } from '../helpers/histories';
import { testEnv, testPayloadKeys } from '../helpers/services';
import { dataConverterFor } from '../../lib/codec';
import { SHARED_WORKFLOW_MODULES } from '../../worker/worker';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

test('when the committed histories are replayed, then there are some, and each replays cleanly', async () => {
  expect(files.length).toBeGreaterThanOrEqual(1);
  for (const file of files) {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: testEnv().bundlePath }, dataConverter: dataConverterFor(testPayloadKeys()) },
        history,
        file.replace(/\.json$/, ''),
      ),
    ).resolves.toBeUndefined();
  }
});

test('when the histories are replayed one after another in a worker that shares the domain modules, as production bundles them, then each replays cleanly', async () => {
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), preloadModules: SHARED_WORKFLOW_MODULES, logger: quiet });
  const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))) }));
  const failed: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter: dataConverterFor(testPayloadKeys()) }, histories)) {
    if (result.error) failed.push(`${result.workflowId}: ${String(result.error)}`);
  }
  expect(failed).toEqual([]);
}, 60_000);
