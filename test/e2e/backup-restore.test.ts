/**
 * Backup and restore (scripts/backup.ts) tried for real: the service's database, with cases in
 * it, is dumped with pg_dump, restored with pg_restore into a fresh PostgreSQL, and an API on the
 * restored database finds every case. (Temporal's persistence stores are dumped and restored the
 * same way in production; the test's Temporal dev server keeps its state elsewhere.)
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createPool } from '../../lib/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { dumpDatabases, restoreDatabases } from '../../scripts/backup';
import { spawn, type ChildProcess } from 'node:child_process';
import { testAuthSettings } from '../helpers/auth';
import { newCase } from '../helpers/cases';
import { call } from '../helpers/http';
import { logger, startServices, testEnv, testPayloadKeys, type Services } from '../helpers/services';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
/** pg_dump 18 from .tools (scripts/install-tools.mjs): it must be at least as new as the server (17). */
const PG_BIN = process.env.PG_BIN ?? join(ROOT, '.tools', 'tools', 'embedded_postgres', 'pginstall', 'bin');

const dir = mkdtempSync(join(tmpdir(), 'bk-backup-'));
// PostgreSQL runs as the postgres user when we are root: it must reach its data directory in here.
chmodSync(dir, 0o755);
let s: Services;
let restored: { pg: ChildProcess; pool: Pool; app: FastifyInstance } | undefined;

beforeAll(async () => {
  s = await startServices();
});

afterAll(async () => {
  await restored?.app.close();
  await restored?.pool.end();
  if (restored) {
    const exited = new Promise((resolve) => restored!.pg.once('exit', resolve));
    restored.pg.stdin?.end();
    await exited;
  }
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The service's tables, and node-pg-migrate's record of the applied migrations (the restored schema is current). */
/** A fresh PostgreSQL in a child process (test/helpers/fresh-postgres.ts), with an empty database. */
async function freshPostgres(dataDir: string, database: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'helpers', 'fresh-postgres.ts'), dataDir, database], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`fresh PostgreSQL exited with ${code}`)));
  });
  return { child, url };
}

const TABLES = ['pgmigrations', 'cases', 'case_events', 'reminders', 'inbox', 'access_log', 'units', 'coordinators'];

async function counts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)", [TABLES]);
  const out: Record<string, number> = {};
  for (const { table_name } of rows) out[table_name] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table_name}`)).rows[0].n;
  return out;
}

test('when the service database is dumped and restored into a fresh PostgreSQL, then an API on it finds every case', async () => {
  expect(existsSync(join(PG_BIN, 'pg_dump'))).toBe(true);
  const ids = [await newCase(s.app), await newCase(s.app), await newCase(s.app)];
  const before = await counts(s.pool);
  expect(before.cases).toBeGreaterThanOrEqual(ids.length);
  const listBefore = await call(s.app, 'GET', '/cases?limit=1');

  const source = testEnv().databaseUrl;
  const manifest = await dumpDatabases(join(dir, 'backup'), [source], PG_BIN);
  const name = new URL(source).pathname.slice(1);
  expect(manifest.databases).toEqual([{ name, file: `${name}.dump` }]);
  expect(manifest.pgDump).toMatch(/pg_dump \(PostgreSQL\) 1[89]/);

  // A fresh server with an empty database of the same name, as after losing the old one.
  const { child, url } = await freshPostgres(join(dir, 'fresh'), name);
  // Its connections end when that server stops: the pool logs that instead of throwing.
  const pool = createPool(url, logger, 3);
  const app = await buildApp({ logger, pool, temporal: s.client, taskQueue: s.taskQueue, policy: s.policy, auth: await testAuthSettings(), payloadKeys: testPayloadKeys() });
  restored = { pg: child, pool, app };
  expect(await counts(pool)).toEqual({});

  await restoreDatabases(join(dir, 'backup'), [url], PG_BIN);
  expect(await counts(pool)).toEqual(before);
  for (const id of ids) {
    const res = await call(app, 'GET', `/cases/${id}`);
    expect({ id, status: res.status }).toEqual({ id, status: 200 });
    expect(res.body.id).toBe(id);
  }
  const listAfter = await call(app, 'GET', '/cases?limit=1');
  expect(listAfter.status).toBe(200);
  expect(listAfter.body.total).toBe(listBefore.body.total);

  // A second restore over the first (objects dropped, then recreated) leaves the same data.
  await restoreDatabases(join(dir, 'backup'), [url], PG_BIN);
  expect(await counts(pool)).toEqual(before);
});
