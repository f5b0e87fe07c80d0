/**
 * Applies the database migrations and exits: 0 when the schema is current, 1 otherwise. The
 * one-shot `migrate` service in docker-compose.yml runs it before the API and the worker start.
 */
import { migrate } from '../db/migrate';
import { loadConfig } from '../lib/config';
import { createLogger } from '../lib/logger';

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'migrate');
  const logger = createLogger(config.LOG_LEVEL, { component: 'migrate' });
  if (!config.DATABASE_URL) throw new Error('migrations need DATABASE_URL');
  await migrate(config.DATABASE_URL, logger);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(JSON.stringify({ level: 'fatal', component: 'migrate', msg: err instanceof Error ? err.message : String(err) }));
    process.exit(1);
  },
);
