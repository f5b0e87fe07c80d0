/**
 * A worker process killed (SIGKILL, no graceful shutdown) in the middle of sending a letter:
 * SvarUt has stored the forsendelse and holds back its answer when the process running the send
 * dies. The attempt's startToClose (the policy's sendAttemptMs, short here) runs out, a new
 * worker's attempt asks SvarUt for the letter id first and finds it: one forsendelse, one upload.
 *
 * The killed worker is production's process (worker/main.ts), configured through its
 * environment with the fakes, on this file's task queue; its delivery starter is off, so it
 * starts no other file's letters (the database is shared). The harness's starter, limited to
 * this file's cases, starts the delivery with the test policy on that queue.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveryWorkflowId } from '../../workflows/delivery/messages';
import { granted } from '../helpers/cases';
import { eventually } from '../helpers/http';
import { MUNICIPALITY } from '../helpers/services';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process';
import { addContact, deliveryOf, deliveryReaches, deliveryResult, lettersOf, startDeliveryHarness, type DeliveryHarness } from './harness';

/** One attempt to send: after the kill, this long passes before Temporal gives the send to another worker. */
const SEND_ATTEMPT_MS = 5_000;

let h: DeliveryHarness;
let keyDir: string | undefined;
let child: WorkerProcess | undefined;

beforeAll(async () => {
  h = await startDeliveryHarness({ configured: true, policy: { sendAttemptMs: SEND_ATTEMPT_MS } });
});
afterAll(async () => {
  child?.kill();
  await h?.close();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

/** The environment of production's worker process on this file's task queue, with SvarUt, KRR and Maskinporten from the fakes. */
function fakesEnv(): Record<string, string> {
  const f = h.f!;
  // Maskinporten's client key as the process reads it: a PEM file.
  keyDir ??= mkdtempSync(join(tmpdir(), 'worker-kill-'));
  const keyFile = join(keyDir, 'maskinporten.pem');
  writeFileSync(keyFile, f.client.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return {
    MUNICIPALITY_NAME: MUNICIPALITY.name,
    KE_POSTAL_ADDRESS: MUNICIPALITY.keAddress,
    // The harness's starter starts this file's deliveries (with the test policy); this one would start every file's.
    LETTER_DELIVERY_STARTER: 'off',
    MASKINPORTEN_ISSUER: f.maskinporten.issuer,
    MASKINPORTEN_CLIENT_ID: f.client.clientId,
    MASKINPORTEN_KID: f.client.kid,
    MASKINPORTEN_KEY_FILE: keyFile,
    SVARUT_URL: f.svarut.url,
    SVARUT_KONTO_ID: f.svarut.kontoId,
    SVARUT_INTEGRASJON_ID: f.svarut.integrasjonId,
    SVARUT_INTEGRASJON_PASSORD: f.svarut.integrasjonPassord,
    // Longer than the held-back answer: only the kill ends the attempt.
    SVARUT_TIMEOUT_MS: '30000',
    KRR_URL: f.krr.personerUrl,
  };
}

/** The delivery's sendLetter attempt in flight, as Temporal records it. */
async function sendInFlight(letterId: string) {
  const { raw } = await h.s.client.workflow.getHandle(deliveryWorkflowId(letterId)).describe();
  return (raw.pendingActivities ?? []).find((a) => a.activityType?.name === 'sendLetter');
}

test(
  'when the worker process is killed while SvarUt holds back the answer to a send it has stored, then a new worker finds the forsendelse and sends nothing more: one forsendelse',
  async () => {
    const f = h.f!;
    // Only the process polls the queue from here on: the case and the send run in it.
    await h.stopWorker();
    child = await startWorkerProcess(h.s.client, h.s.taskQueue, fakesEnv());
    const proc = child.proc;
    const pid = proc.pid!;

    const sendsBefore = f.svarut.requests.send;
    const lookupsBefore = f.svarut.requests.eksternref;
    // SvarUt stores the forsendelse, then holds its answer back past the kill.
    f.svarut.faults.push({ route: 'send', delayMs: 12_000, afterWork: true });
    const caseId = await granted(h.s.app);
    await addContact(h, caseId);
    h.caseIds.push(caseId);
    const letterId = (await lettersOf(h, caseId))[0].id;

    // SvarUt has stored it, the row is `sending`, and the first attempt runs in the process: kill it.
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    const inFlight = await eventually(
      async () => {
        child!.assertRunning();
        if (f.svarut.byEksternReferanse(letterId).length === 0) return undefined;
        if ((await deliveryOf(h, letterId)).state !== 'sending') return undefined;
        return sendInFlight(letterId);
      },
      30_000,
      5,
    );
    expect({ attempt: inFlight.attempt, byTheProcess: inFlight.lastWorkerIdentity?.startsWith(`${pid}@`) }).toEqual({ attempt: 1, byTheProcess: true });
    proc.kill('SIGKILL');
    await exited;
    expect(proc.signalCode).toBe('SIGKILL');
    const atKill = await deliveryOf(h, letterId);
    expect({ state: atKill.state, forsendelseId: atKill.forsendelse_id, attempts: atKill.attempts }).toEqual({ state: 'sending', forsendelseId: null, attempts: 1 });

    // The family will have read it by the first status poll, whichever worker makes it.
    f.svarut.advance(61_000);
    // A new worker (in this process) gets the send once its first attempt has timed out.
    await h.startWorker();
    const accepted = await deliveryReaches(h, letterId, ['accepted', 'delivered_digitally', 'read'], SEND_ATTEMPT_MS + 20_000);
    const stored = f.svarut.byEksternReferanse(letterId);
    expect(stored).toHaveLength(1);
    expect(accepted.forsendelse_id).toBe(stored[0].id);
    expect(accepted.attempts).toBe(2);
    // One upload (the killed one); the new attempt only looked the letter id up.
    expect(f.svarut.requests.send - sendsBefore).toBe(1);
    expect(f.svarut.requests.eksternref - lookupsBefore).toBe(2);

    // The workflow itself goes on in the new worker: it polls, finds the letter read, and ends.
    expect(await deliveryResult(h, letterId)).toBe('read');
    expect((await deliveryOf(h, letterId)).state).toBe('read');
    expect(f.svarut.byEksternReferanse(letterId)).toHaveLength(1);
  },
  90_000,
);
