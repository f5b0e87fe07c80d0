/**
 * Starts the delivery workflow of every letter whose letter_deliveries row has none yet (the
 * outbox persistCase writes with each letter). Polls; a start is idempotent (the workflow id is
 * the letter's and a second start of it is refused), so a crash between starting and marking the
 * row started only means a refused start and the mark on the next round. Several workers may run
 * it at once: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { DEFAULT_DELIVERY_POLICY, DELIVERY_WORKFLOW_TYPE, deliveryWorkflowId, type DeliveryInput, type DeliveryPolicy } from '../workflows/delivery/messages';

export interface DeliveryStarterOptions {
  pool: Pool;
  client: Client;
  logger: Logger;
  taskQueue: string;
  policy?: Partial<DeliveryPolicy>;
  /** Pause between rounds (default 1 s). */
  intervalMs?: number;
  batchSize?: number;
  /** Tests only: start only these cases' deliveries (the test database is shared by all test files). */
  caseIds?: string[];
}

export interface DeliveryStarter {
  stop(): Promise<void>;
}

export function startDeliveryStarter(o: DeliveryStarterOptions): DeliveryStarter {
  const log = o.logger.child({ part: 'delivery-starter' });
  const policy = { ...DEFAULT_DELIVERY_POLICY, ...o.policy };
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function round(): Promise<number> {
    const client = await o.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ letter_id: string; case_id: string }>(
        `SELECT letter_id, case_id FROM letter_deliveries
          WHERE workflow_started_at IS NULL AND ($2::uuid[] IS NULL OR case_id = ANY($2::uuid[]))
          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [o.batchSize ?? 20, o.caseIds ?? null],
      );
      for (const r of rows) {
        const input: DeliveryInput = { letterId: r.letter_id, caseId: r.case_id, policy };
        try {
          await o.client.workflow.start(DELIVERY_WORKFLOW_TYPE, {
            workflowId: deliveryWorkflowId(r.letter_id),
            taskQueue: o.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
          log.info({ letterId: r.letter_id, caseId: r.case_id }, 'letter delivery started');
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
        await client.query('UPDATE letter_deliveries SET workflow_started_at = now() WHERE letter_id = $1', [r.letter_id]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  const loop = () => {
    running = (async () => {
      let started = 0;
      try {
        started = await round();
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'letter delivery start round failed; trying again');
      }
      if (!stopping) timer = setTimeout(loop, started > 0 ? 0 : (o.intervalMs ?? 1000));
    })();
  };
  loop();
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
