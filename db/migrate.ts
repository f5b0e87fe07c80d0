/** Applies the versioned SQL migrations in db/migrations with node-pg-migrate. */
import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import type { Logger } from 'pino';

export const MIGRATIONS_DIR = join(__dirname, 'migrations');

export async function migrate(databaseUrl: string, logger: Logger): Promise<void> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    count: Infinity,
    checkOrder: true,
    log: (msg: string) => logger.debug({ part: 'migrate' }, msg),
  });
  logger.info({ part: 'migrate', applied: applied.map((m: { name: string }) => m.name) }, 'database migrations applied');
}
