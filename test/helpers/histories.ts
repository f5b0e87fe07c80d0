/**
 * Histories of real runs, kept under test/histories/ and replayed in CI so that a change that
 * breaks determinism for running cases fails the build. They are written only on request:
 *   RECORD_HISTORIES=1 npx jest test/workflows/worker-restart.test.ts test/api/follow-up.test.ts
 * The Temporal CLI writes them, in the JSON form `temporal workflow show -o json` gives. Only
 * histories from the real (dev) server are kept: the time-skipping test server records updates
 * in an order that the SDK's replayer does not accept.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTemporalCli } from '../../scripts/components';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

export function recordHistory(address: string, workflowId: string, runId: string, name: string): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const json = execFileSync(findTemporalCli(), ['workflow', 'show', '--address', address, '-w', workflowId, '-r', runId, '-o', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), json);
}
