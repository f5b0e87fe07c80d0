/**
 * veraPDF, the PDF Association's PDF/A validator (greenfield-apps from Maven Central, installed
 * into .tools/verapdf by scripts/install-verapdf.mjs; VERAPDF_JAR points at another jar). When
 * it is not there yet, the first use installs it the way npm install does.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TOOL_DIR = join(ROOT, '.tools', 'verapdf');

function installedJar(): string | undefined {
  if (process.env.VERAPDF_JAR) return process.env.VERAPDF_JAR;
  if (!existsSync(TOOL_DIR)) return undefined;
  const jar = readdirSync(TOOL_DIR).find((f) => /^greenfield-apps-.*\.jar$/.test(f));
  return jar && join(TOOL_DIR, jar);
}

export function veraPdfJar(): string {
  let jar = installedJar();
  if (!jar) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'install-verapdf.mjs')], { stdio: 'inherit', timeout: 10 * 60_000 });
    jar = installedJar();
  }
  if (!jar) throw new Error('veraPDF is not installed and could not be: install java 17 and mvn, then run node scripts/install-verapdf.mjs');
  return jar;
}

export interface VeraPdfResult {
  passed: boolean;
  /** The rules (clause-test) that failed, e.g. 6.2.11.4.1-1. */
  failedRules: string[];
}

/** Validates each PDF against `flavour` (default 2b) in one run of veraPDF; results by name. */
export async function validatePdfA(pdfs: Record<string, Buffer>, flavour = '2b'): Promise<Record<string, VeraPdfResult>> {
  const jar = veraPdfJar();
  const dir = mkdtempSync(join(tmpdir(), 'verapdf-'));
  try {
    const files = Object.entries(pdfs).map(([name, bytes]) => {
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, bytes);
      return file;
    });
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        'java',
        ['-cp', jar, 'org.verapdf.apps.GreenfieldCliWrapper', '--flavour', flavour, '--format', 'text', '--verbose', ...files],
        { timeout: 120_000, maxBuffer: 10 * 1024 * 1024 },
        // veraPDF exits non-zero when a file fails; the text report says which.
        (err, out, stderr) => (out ? resolve(out) : reject(new Error(`veraPDF did not run: ${err?.message}\n${stderr}`))),
      );
    });
    const results: Record<string, VeraPdfResult> = {};
    let current: VeraPdfResult | undefined;
    for (const line of stdout.split('\n')) {
      const file = /^(PASS|FAIL) (.+\.pdf) /.exec(line);
      if (file) {
        current = { passed: file[1] === 'PASS', failedRules: [] };
        results[file[2].slice(dir.length + 1, -'.pdf'.length)] = current;
        continue;
      }
      const rule = /^\s+FAIL (\S+)/.exec(line);
      if (rule && current) current.failedRules.push(rule[1]);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
