/**
 * A reminder dispatcher alone in a process, configured from the environment the way the worker
 * configures it (lib/config.ts), for tests that kill it: `node --import tsx` on this file with
 * DATABASE_URL, SMTP_URL, KE_EMAIL, REMINDER_* and DISPATCH_CASE_IDS (comma-separated: the
 * only cases it delivers, see DispatcherOptions.caseIds). Prints "ready" once started; stops
 * on SIGTERM.
 */
import { loadConfig } from '../../lib/config';
import { createPool } from '../../lib/db';
import { createLogger } from '../../lib/logger';
import { dispatcherOptionsFromConfig, startDispatcher } from '../../worker/dispatcher';

const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const logger = createLogger(config.LOG_LEVEL, { component: 'dispatcher-child' });
const pool = createPool(config.DATABASE_URL, logger, 2);
const caseIds = process.env.DISPATCH_CASE_IDS?.split(',').filter(Boolean);
const leaseMs = process.env.DISPATCH_LEASE_MS ? Number(process.env.DISPATCH_LEASE_MS) : undefined;
const dispatcher = startDispatcher({ ...dispatcherOptionsFromConfig(config, pool, logger), caseIds, leaseMs });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void dispatcher
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
