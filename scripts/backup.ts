/**
 * Backup and restore of the PostgreSQL databases: the service's own (cases, registry, outbox,
 * access log) and Temporal's persistence and visibility stores, which hold the running cases'
 * histories. One custom-format pg_dump per database, and a manifest.
 *
 *   tsx scripts/backup.ts dump <dir> <database URL>...
 *   tsx scripts/backup.ts restore <dir> <database URL>...
 *
 * A restore goes into databases that exist (empty, or to be replaced: objects are dropped
 * first), each from the dump of the database with the same name. Stop the API and the workers
 * (and the Temporal server when restoring its stores) before a restore, and restore the service
 * database and Temporal's stores from the same backup: a case is a workflow in Temporal and rows
 * here. pg_dump and pg_restore come from PG_BIN, else PATH; they must be at least the server's
 * major version.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Manifest {
  createdAt: string;
  pgDump: string;
  databases: { name: string; file: string }[];
}

const bin = (name: string, pgBin = process.env.PG_BIN) => (pgBin ? join(pgBin, name) : name);

/** libpq's settings from a URL, so the password goes by environment and not on a command line. */
function connection(url: string): { database: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.slice(1));
  if (!database) throw new Error(`no database name in ${u.protocol}//${u.host}`);
  return {
    database,
    env: {
      ...process.env,
      PGHOST: u.hostname,
      PGPORT: u.port || '5432',
      PGUSER: decodeURIComponent(u.username),
      PGPASSWORD: decodeURIComponent(u.password),
      PGDATABASE: database,
      ...(u.searchParams.get('sslmode') ? { PGSSLMODE: u.searchParams.get('sslmode')! } : {}),
    },
  };
}

export async function dumpDatabases(dir: string, urls: string[], pgBin?: string): Promise<Manifest> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { stdout: version } = await run(bin('pg_dump', pgBin), ['--version']);
  const databases: Manifest['databases'] = [];
  for (const url of urls) {
    const { database, env } = connection(url);
    const file = `${database}.dump`;
    await run(bin('pg_dump', pgBin), ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(dir, file)}`], { env, maxBuffer: 64 * 1024 * 1024 });
    databases.push({ name: database, file });
  }
  const manifest: Manifest = { createdAt: new Date().toISOString(), pgDump: version.trim(), databases };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function restoreDatabases(dir: string, urls: string[], pgBin?: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  for (const url of urls) {
    const { database, env } = connection(url);
    const entry = manifest.databases.find((d) => d.name === database);
    if (!entry) throw new Error(`the backup in ${dir} has no dump of the database ${database} (it has ${manifest.databases.map((d) => d.name).join(', ')})`);
    await run(bin('pg_restore', pgBin), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${database}`, join(dir, entry.file)], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  }
}

async function main(): Promise<void> {
  const [command, dir, ...urls] = process.argv.slice(2);
  if (!['dump', 'restore'].includes(command ?? '') || !dir || urls.length === 0) {
    throw new Error('usage: tsx scripts/backup.ts dump|restore <dir> <database URL>...');
  }
  if (command === 'dump') {
    const manifest = await dumpDatabases(dir, urls);
    console.log(`dumped ${manifest.databases.map((d) => d.name).join(', ')} into ${dir} (${manifest.pgDump})`);
  } else {
    await restoreDatabases(dir, urls);
    console.log(`restored ${urls.map((u) => connection(u).database).join(', ')} from ${dir}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
