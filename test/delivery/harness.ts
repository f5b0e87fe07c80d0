/**
 * The service with letter delivery: the test stack's Temporal and PostgreSQL, the API, a case
 * worker with the delivery activities (SvarUt and KRR from the fakes, as real HTTP servers, or
 * none), and the delivery starter limited to this file's cases (the database is shared by all
 * test files). Policy durations are short, so a deadline falls within a test.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { randomInt } from 'node:crypto';
import type { NationalServices } from '../../lib/national';
import { createCaseWorker } from '../../worker/worker';
import { startDeliveryStarter, type DeliveryStarter } from '../../worker/delivery-starter';
import { deliveryWorkflowId, type DeliveryPolicy } from '../../workflows/delivery/messages';
import { startNationalFakes, type NationalFakes } from '../fakes/national';
import { MUNICIPALITY, logger, quietRuntime, startServices, testEnv, testPayloadKeys, type Services } from '../helpers/services';
import { newCase } from '../helpers/cases';
import { call, eventually } from '../helpers/http';
import { recordHistory } from '../helpers/histories';

export const TEST_DELIVERY_POLICY: DeliveryPolicy = {
  pollEveryMs: 300,
  deliverWithinMs: 4_000,
  pollForMs: 60_000,
  sendForMs: 60_000,
  sendAttemptMs: 8_000,
  retryInitialMs: 100,
  waitForHandOverMs: 60_000,
};

export interface DeliveryHarness {
  s: Services;
  /** The fakes, when SvarUt and KRR are configured. */
  f?: NationalFakes;
  caseIds: string[];
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startDeliveryHarness(opts: { configured: boolean; policy?: Partial<DeliveryPolicy>; webApp?: boolean }): Promise<DeliveryHarness> {
  const s = await startServices({ worker: false, webApp: opts.webApp });
  const f = opts.configured ? await startNationalFakes() : undefined;
  // Status changes are timed by the fake's clock; it starts now, and tests move it.
  f?.svarut.advance(Date.now() - f.svarut.now());
  const national: NationalServices | undefined = f && {
    // Longer than the fake's held-back answers, so that only a worker stop ends such an attempt.
    svarut: f.svarutClient({ sendTimeoutMs: 20_000, timeoutMs: 5_000 }),
    krr: f.krrClient,
  };
  quietRuntime();
  const connection = await NativeConnection.connect({ address: testEnv().temporalAddress });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const caseIds: string[] = [];
  const starter: DeliveryStarter = startDeliveryStarter({
    pool: s.pool,
    client: s.client,
    logger,
    taskQueue: s.taskQueue,
    policy: { ...TEST_DELIVERY_POLICY, ...opts.policy },
    intervalMs: 100,
    caseIds,
  });
  const h: DeliveryHarness = {
    s,
    f,
    caseIds,
    async startWorker() {
      worker = await createCaseWorker({
        connection,
        namespace: 'default',
        pool: s.pool,
        logger,
        municipality: MUNICIPALITY,
        taskQueue: s.taskQueue,
        workflowBundlePath: testEnv().bundlePath,
        payloadKeys: testPayloadKeys(),
        national,
      });
      running = worker.run();
    },
    async stopWorker() {
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running;
      worker = undefined;
    },
    async close() {
      await starter.stop();
      await h.stopWorker();
      await s.close();
      await connection.close();
      await f?.close();
    },
  };
  await h.startWorker();
  return h;
}

/** A made-up national identity number. */
export const nationalId = () => String(randomInt(10_000_000_000, 99_999_999_999));

/** Registers the addressee's postal address (and national id) on the case through the API (PUT /cases/{id}/contacts), as KE does. */
export async function addContact(h: DeliveryHarness, caseId: string, name = 'Per Testforelder', id: string | null = nationalId()): Promise<string | null> {
  const known = (await call(h.s.app, 'GET', `/cases/${caseId}/contacts`)).body.contacts as { name: string; nationalId: string | null; addressLines: string[]; postalCode: string; city: string }[];
  const contacts = [...known.map(({ name: n, nationalId: nid, addressLines, postalCode, city }) => ({ name: n, nationalId: nid, addressLines, postalCode, city })), { name, nationalId: id, addressLines: ['Storgata 1'], postalCode: '9990', city: 'Testvik' }];
  const res = await call(h.s.app, 'PUT', `/cases/${caseId}/contacts`, { contacts });
  if (res.status !== 200) throw new Error(`PUT contacts answered ${res.status}: ${JSON.stringify(res.body)}`);
  return id;
}

/** A new case of this file, its deliveries started by the harness's starter. */
export async function deliveryCase(h: DeliveryHarness, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await newCase(h.s.app, overrides);
  h.caseIds.push(id);
  return id;
}

export interface DeliveryRow {
  letter_id: string;
  state: string;
  forsendelse_id: string | null;
  channel: string | null;
  received_on: string | null;
  krr_reserved: boolean | null;
  preferred_language: string | null;
  by_hand_reason: string | null;
  attempts: number;
  escalated_at: Date | null;
}

export async function deliveryOf(h: DeliveryHarness, letterId: string): Promise<DeliveryRow> {
  const { rows } = await h.s.pool.query<DeliveryRow>(
    `SELECT letter_id, state, forsendelse_id, channel, to_char(received_on, 'YYYY-MM-DD') AS received_on, krr_reserved,
            preferred_language, by_hand_reason, attempts, escalated_at
       FROM letter_deliveries WHERE letter_id = $1`,
    [letterId],
  );
  return rows[0];
}

/** Waits until the letter's delivery is in one of these states. */
export function deliveryReaches(h: DeliveryHarness, letterId: string, states: string[], timeoutMs = 20_000): Promise<DeliveryRow> {
  return eventually(async () => {
    const row = await deliveryOf(h, letterId);
    return row && states.includes(row.state) ? row : undefined;
  }, timeoutMs);
}

/** The letters of a case, oldest first. */
export async function lettersOf(h: DeliveryHarness, caseId: string): Promise<{ id: string; kind: string }[]> {
  const { rows } = await h.s.pool.query<{ id: string; kind: string }>('SELECT id, kind FROM letters WHERE case_id = $1 ORDER BY created_at, id', [caseId]);
  return rows;
}

/** The workflow's result once it has completed; its history kept under test/histories when RECORD_HISTORIES=1. */
export async function deliveryResult(h: DeliveryHarness, letterId: string, historyName?: string): Promise<string> {
  const handle = h.s.client.workflow.getHandle(deliveryWorkflowId(letterId));
  const result = await handle.result();
  if (historyName) recordHistory(testEnv().temporalAddress, handle.workflowId, (await handle.describe()).runId, historyName);
  return result;
}
