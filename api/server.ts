/** The API process: listens until SIGTERM or SIGINT, then drains in-flight requests and closes. */
import { loadConfig, municipalityDefaultsFrom, publicBaseUrl } from '../lib/config';
import { createPool } from '../lib/db';
import { createLogger } from '../lib/logger';
import { exitWithParent } from '../lib/process';
import { connectClient, payloadKeysFrom, temporalConnectionOptions } from '../lib/temporal';
import { buildApp } from './app';
import { authSettingsFrom } from '../lib/auth';
import { join } from 'node:path';

async function main() {
  const config = loadConfig(process.env, 'api');
  const logger = createLogger(config.LOG_LEVEL, { component: 'api' });
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error('the API needs DATABASE_URL and TEMPORAL_ADDRESS (npm start sets both)');
  }
  if (!config.AUTH_ISSUER) throw new Error('the API needs AUTH_ISSUER (npm start sets up a local issuer)');
  const payloadKeys = payloadKeysFrom(config);
  const app = await buildApp({
    logger,
    pool: createPool(config.DATABASE_URL, logger),
    temporal: await connectClient(temporalConnectionOptions(config), config.TEMPORAL_NAMESPACE, payloadKeys),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    policy: config.policy,
    municipality: municipalityDefaultsFrom(config),
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
    web: config.OIDC_ISSUER
      ? {
          issuer: config.OIDC_ISSUER,
          clientId: config.OIDC_CLIENT_ID,
          clientSecret: config.OIDC_CLIENT_SECRET,
          publicBaseUrl: publicBaseUrl(config),
          scopes: config.OIDC_SCOPES,
          idleMinutes: config.SESSION_IDLE_MINUTES,
          maxHours: config.SESSION_MAX_HOURS,
          rolesSource: config.AUTH_ROLES_SOURCE,
          rolesClaim: config.AUTH_ROLES_CLAIM,
          municipalityClaim: config.AUTH_MUNICIPALITY_CLAIM,
        }
      : undefined,
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
  // The deployment's own municipality gets its register entry from the environment once; from
  // then on its administrator keeps it (PUT /admin/municipality).
  if (await app.municipalities.ensure(config.MUNICIPALITY_NUMBER)) {
    logger.info({ municipality: config.MUNICIPALITY_NUMBER }, 'municipality register entry created from the environment');
  }
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'fatal', component: 'api', msg: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
