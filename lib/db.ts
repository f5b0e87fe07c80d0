import { Pool } from 'pg';
import type { Logger } from 'pino';

export function createPool(databaseUrl: string, logger: Logger, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max });
  // An idle client losing its connection (e.g. Postgres restarting) must not crash the process.
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle postgres client error'));
  // Nor one checked out at that moment: its query fails and is retried by its caller; the error
  // event the client also emits would otherwise be unhandled and end the process.
  pool.on('connect', (client) => client.on('error', (err) => logger.warn({ err: err.message }, 'postgres client error')));
  return pool;
}
