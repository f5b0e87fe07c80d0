// Installs pinned jars from Maven Central into ./.tools/<dir>, with Maven's own client (mvn
// dependency:copy), for tools that npm cannot give and that ship as self-contained jars. This
// project's build machines reach package registries only. A marker file holds the pins, so a
// second `npm install` does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

function has(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies `artifacts` ("group:artifact:version") into .tools/`dir`; without mvn or java, prints
 * `withoutMaven` and leaves it to the user.
 */
export function installFromMaven({ name, dir, artifacts, withoutMaven }) {
  const target = join(root, '.tools', dir);
  const marker = join(target, 'installed.txt');
  if (process.env.TEMPORAL_SKIP_INSTALL === '1') return;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === artifacts.join('\n')) return;
  if (!has('mvn', ['-v']) || !has('java', ['-version'])) {
    console.warn(`[${name}] no mvn or java found: ${withoutMaven}`);
    return;
  }
  mkdirSync(target, { recursive: true });
  for (const artifact of artifacts) {
    execFileSync('mvn', ['-q', '-B', '-Dstyle.color=never', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${target}`], { stdio: 'inherit' });
  }
  writeFileSync(marker, artifacts.join('\n'));
  console.log(`[${name}] installed ${artifacts.join(', ')} into ${target}`);
}
