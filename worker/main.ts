/** The worker process: polls the case task queue until SIGTERM or SIGINT. */
import { GracefulShutdownPeriodExpiredError, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig } from '../lib/config';
import { createPool } from '../lib/db';
import { createLogger } from '../lib/logger';
import { connectClient, payloadKeysFrom, temporalConnectionOptions } from '../lib/temporal';
import { nationalServices } from '../lib/national';
import { exitWithParent } from '../lib/process';
import { dispatcherOptionsFromConfig, startDispatcher } from './dispatcher';
import { startDeliveryStarter } from './delivery-starter';
import { SHUTDOWN_FORCE_MS, createCaseWorker } from './worker';

async function main() {
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger(config.LOG_LEVEL, { component: 'worker' });
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new Error('the worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start sets both)');
  }
  // Signals are handled below, once, so the SDK's own handlers are turned off.
  Runtime.install({
    shutdownSignals: [],
    logger: {
      log: (level, message, meta) => logger[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')]({ ...meta }, message),
      trace: (m, meta) => logger.trace(meta, m),
      debug: (m, meta) => logger.debug(meta, m),
      info: (m, meta) => logger.info(meta, m),
      warn: (m, meta) => logger.warn(meta, m),
      error: (m, meta) => logger.error(meta, m),
    },
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: { prometheus: { bindAddress: `${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}` } },
    },
  });
  // Fails at start on a half configuration; none at all means letters are handed over by hand.
  const national = nationalServices(config);
  const pool = createPool(config.DATABASE_URL, logger);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    pool,
    logger,
    municipality: { name: config.MUNICIPALITY_NAME, keAddress: config.KE_POSTAL_ADDRESS, keEmail: config.KE_EMAIL, kePhone: config.KE_PHONE, malform: config.MALFORM },
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
    payloadKeys: payloadKeysFrom(config),
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    national,
  });
  logger.info({ svarut: national.svarut !== undefined, krr: national.krr !== undefined }, 'letters to families go through SvarUt when it is configured');
  // Delivers the reminder outbox (e-mail and in-app inbox) until the worker has stopped.
  const dispatcher = startDispatcher(dispatcherOptionsFromConfig(config, pool, logger));
  // Starts a delivery workflow for each letter written (the letter_deliveries outbox).
  const client = await connectClient(temporalConnectionOptions(config), config.TEMPORAL_NAMESPACE, payloadKeysFrom(config));
  const deliveries =
    config.LETTER_DELIVERY_STARTER === 'on' ? startDeliveryStarter({ pool, client, logger, taskQueue: config.TEMPORAL_TASK_QUEUE }) : { stop: async () => undefined };
  let stopRequested = false;
  const stop = () => {
    stopRequested = true;
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  exitWithParent(stop);
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker polling');
  try {
    await worker.run();
  } catch (err) {
    // Past the force time the SDK gives up on an activity that ignores cancellation (it rejects
    // with GracefulShutdownPeriodExpiredError, or with the native worker still in use). That
    // activity holds a pool client, so the pool would never end: exit now; Temporal gives the
    // activity to the next worker after its timeout.
    if (!(err instanceof GracefulShutdownPeriodExpiredError || stopRequested)) throw err;
    logger.warn({ forcedAfterMs: SHUTDOWN_FORCE_MS, err: (err as Error).message }, 'worker stopped with activities still running');
    await Promise.race([Promise.all([dispatcher.stop(), deliveries.stop()]), new Promise((r) => setTimeout(r, 1000))]);
    process.exit(0);
  }
  await dispatcher.stop();
  await deliveries.stop();
  await client.connection.close();
  await connection.close();
  await pool.end();
  logger.info('worker stopped');
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'fatal', component: 'worker', msg: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
