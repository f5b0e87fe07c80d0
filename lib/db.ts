import { Pool } from 'pg';
import type { Logger } from 'pino';

export function createPool(databaseUrl: string, logger: Logger, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max });
  // An idle client losing its connection (e.g. Postgres restarting) must not crash the process.
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle postgres client error'));
  return pool;
}
