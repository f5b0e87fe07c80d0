/** The API process: listens until SIGTERM or SIGINT, then drains in-flight requests and closes. */
import { loadConfig } from '../lib/config';
import { createPool } from '../lib/db';
import { createLogger } from '../lib/logger';
import { exitWithParent } from '../lib/process';
import { connectClient, payloadKeysFrom } from '../lib/temporal';
import { buildApp } from './app';
import { authSettingsFrom } from '../lib/auth';
import { join } from 'node:path';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, { component: 'api' });
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error('the API needs DATABASE_URL and TEMPORAL_ADDRESS (npm start sets both)');
  }
  if (!config.AUTH_ISSUER) throw new Error('the API needs AUTH_ISSUER (npm start sets up a local issuer)');
  const payloadKeys = payloadKeysFrom(config);
  const app = await buildApp({
    logger,
    pool: createPool(config.DATABASE_URL, logger),
    temporal: await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, payloadKeys),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    policy: config.policy,
    ownsClients: true,
    workerMetricsUrl: config.WORKER_METRICS_URL,
    auth: await authSettingsFrom({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      jwksUrl: config.AUTH_JWKS_URL,
      localKeyFile: config.AUTH_LOCAL_KEY_FILE,
      rolesClaim: config.AUTH_ROLES_CLAIM,
      municipalityClaim: config.AUTH_MUNICIPALITY_CLAIM,
      maxTokenLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_S,
    }),
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
    corsOrigins: config.CORS_ORIGINS?.split(',').map((o) => o.trim()),
    payloadKeys,
    webApp: { distDir: join(__dirname, '..', 'web', 'dist') },
  });
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    logger.info('API draining');
    app.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'API close failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  exitWithParent(close);
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'fatal', component: 'api', msg: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
