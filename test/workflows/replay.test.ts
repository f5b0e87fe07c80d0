/** Every committed history replays against today's workflow code without non-determinism. */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORIES_DIR } from '../helpers/histories';
import { testEnv, testPayloadKeys } from '../helpers/services';
import { dataConverterFor } from '../../lib/codec';

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
