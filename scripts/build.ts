/**
 * Completes `npm run build` after tsc has compiled to dist/: the workflow bundle the production
 * worker loads (WORKFLOW_BUNDLE_PATH, so a worker starts without webpack), built from the
 * TypeScript sources with the same preloaded modules as a worker that bundles at start; and the
 * SQL migrations next to the compiled migration runner.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SHARED_WORKFLOW_MODULES } from '../worker/worker';

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), preloadModules: SHARED_WORKFLOW_MODULES });
  mkdirSync(DIST, { recursive: true });
  writeFileSync(join(DIST, 'workflow-bundle.js'), code);
  cpSync(join(ROOT, 'db', 'migrations'), join(DIST, 'db', 'migrations'), { recursive: true });
  console.log(`dist/workflow-bundle.js (${Math.round(code.length / 1024)} kB), dist/db/migrations`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
