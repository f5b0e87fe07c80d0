/**
 * Temporal's port is not the API: a client that reaches it without the payload key can still
 * send an update. Its payloads are then in clear JSON, and the worker must refuse them rather
 * than apply a command with a forged actor (lib/codec.ts, `requireEncrypted`).
 */
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { OTHER_MUNICIPALITY, bearer } from '../helpers/auth';
import { caseRequest, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, testEnv, type Services } from '../helpers/services';
import { AesGcmCodec, REFUSED_ENCODING } from '../../lib/codec';
import { caseState, caseWorkflowId, commandUpdates } from '../../workflows/case/messages';
import { testPayloadKeys } from '../helpers/services';

let s: Services;
let connection: Connection;
/** A client of Temporal's port with the SDK's default converter: clear JSON payloads, no key. */
let keyless: Client;
beforeAll(async () => {
  s = await startServices();
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  keyless = new Client({ connection, namespace: 'default' });
});
afterAll(async () => {
  await connection.close();
  await s.close();
});

const consent = { givenBy: 'Per Testforelder', role: 'parent', covers: ['appointment'], givenOn: today() };
const events = async (caseId: string) =>
  (await s.pool.query<{ seq: number; actor: string; type: string }>('SELECT seq, actor, type FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId])).rows;

test('when an update with clear payloads and a forged actor is sent straight to Temporal, then it is refused, nothing is written, and the case goes on', async () => {
  const created = await call(s.app, 'POST', '/cases', caseRequest());
  expect(created.status).toBe(201);
  const caseId = created.body.id as string;

  // Another municipality's coordinator, posing as KE of this one.
  const forged = keyless.workflow
    .getHandle(caseWorkflowId(caseId))
    .executeUpdate(commandUpdates.recordConsent, { args: [{ actor: `coordinator-of-${OTHER_MUNICIPALITY}`, requestId: 'forged-1', command: consent as never }] });
  const refused = await forged.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(String((refused as WorkflowUpdateFailedError).cause?.message)).toContain(REFUSED_ENCODING);

  expect(await events(caseId)).toEqual([{ seq: 1, actor: 'ke-tester', type: 'RequestRegistered' }]);
  const view = await s.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseState);
  expect(view?.version).toBe(1);
  expect(view?.status).toBe('awaiting_consent');

  // The case is not wedged: the next command through the API is applied at once.
  const next = await call(s.app, 'POST', `/cases/${caseId}/consents`, consent, await bearer());
  expect(next.status).toBe(200);
  expect(next.body.version).toBe(2);
  expect((await events(caseId)).map((e) => `${e.seq} ${e.actor} ${e.type}`)).toEqual(['1 ke-tester RequestRegistered', '2 ke-tester ConsentRecorded']);
});

test('when the codec decodes a clear payload, then the lenient one (API, codec endpoint) passes it and the strict one (worker) refuses it', async () => {
  const clear = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('{"actor":"forged"}') };
  const [lenient] = await new AesGcmCodec(testPayloadKeys()).decode([clear]);
  expect(lenient).toBe(clear);
  const strict = new AesGcmCodec(testPayloadKeys(), { requireEncrypted: true });
  const [refused] = await strict.decode([clear]);
  expect(new TextDecoder().decode(refused.metadata!.encoding)).toBe(REFUSED_ENCODING);
  expect(refused.data).toBeUndefined();
  // What the service encrypted still decodes.
  const [sealed] = await strict.encode([clear]);
  const [opened] = await strict.decode([sealed]);
  expect(new TextDecoder().decode(opened.data!)).toBe('{"actor":"forged"}');
});
