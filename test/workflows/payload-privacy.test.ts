/** Personal data never reaches Temporal in clear text, and a rotated key keeps old cases readable. */
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { dataConverterFor, formatPayloadKeys, parsePayloadKeys } from '../../lib/codec';
import { caseState, caseWorkflowId } from '../../workflows/case/messages';
import { granted } from '../helpers/cases';
import { startServices, testEnv, testPayloadKeys, type Services } from '../helpers/services';
import { call } from '../helpers/http';
import { today } from '../helpers/fixtures';

let s: Services;
beforeAll(async () => {
  s = await startServices();
});
afterAll(async () => {
  await s.close();
});

const NAME = 'Sigrun Hemmelighetsen';
const NATIONAL_ID = '24051899123';
const PARENT = 'Torbjørn Foreldersen';

test('when a case runs, then its raw workflow history holds no name, national id or reasons in clear text', async () => {
  const res = await call(s.app, 'POST', '/cases', {
    child: { name: NAME, nationalId: NATIONAL_ID, birthDate: '2018-05-24' },
    consenters: [{ name: PARENT, role: 'parent' }],
    channel: 'written',
    reasons: 'Sjelden muskelsykdom og behov for mange tjenester.',
    receivedOn: today(),
  });
  expect(res.status).toBe(201);
  const id = res.body.id;
  await call(s.app, 'POST', `/cases/${id}/consents`, { givenBy: PARENT, role: 'parent', covers: ['appointment'], givenOn: today() });

  // A client without the codec sees what an operator or the server's database sees.
  const connection = await Connection.connect({ address: testEnv().temporalAddress });
  try {
    const raw = new Client({ connection, namespace: 'default' });
    const history = await raw.workflow.getHandle(caseWorkflowId(id)).fetchHistory();
    const text = readable(history);
    // The check can see clear text where there is some: the search attribute's status value.
    expect(text).toContain('"kartlegging"');
    expect(text).toContain('binary/encrypted');
    for (const secret of [NAME, 'Sigrun', NATIONAL_ID, PARENT, 'muskelsykdom']) expect(text).not.toContain(secret);
    // With the key the same history is the case.
    const view = await s.client.workflow.getHandle(caseWorkflowId(id)).query(caseState);
    expect(view?.request.child.name).toBe(NAME);
  } finally {
    await connection.close();
  }
});

test('when the key is rotated, then new payloads use the new key and cases written with the old one stay readable', async () => {
  const id = await granted(s.app);
  const newKey = `test-k2:${randomBytes(32).toString('base64')}`;
  const rotated = parsePayloadKeys(`${formatPayloadKeys(testPayloadKeys())},${newKey}`, 'test-k2');
  const connection = await Connection.connect({ address: testEnv().temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default', dataConverter: dataConverterFor(rotated) });
    const view = await client.workflow.getHandle(caseWorkflowId(id)).query(caseState);
    expect(view?.status).toBe('granted');
    const [encoded] = await dataConverterFor(rotated)!.payloadCodecs[0].encode([{ metadata: {}, data: new Uint8Array([1, 2, 3]) }]);
    expect(Buffer.from(encoded.metadata!['encryption-key-id']!).toString()).toBe('test-k2');
    // Without the old key, the old payloads cannot be read.
    const onlyNew = new Client({ connection, namespace: 'default', dataConverter: dataConverterFor(parsePayloadKeys(newKey)) });
    const history = await onlyNew.workflow.getHandle(caseWorkflowId(id)).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(Buffer.from(started!.metadata!['encryption-key-id']!).toString()).toBe('test-k1');
    await expect(dataConverterFor(parsePayloadKeys(newKey))!.payloadCodecs[0].decode([started!])).rejects.toThrow(/unknown key test-k1/);
  } finally {
    await connection.close();
  }
});

/** Every string and byte field of a history, with base64 and bytes decoded to text, in one haystack. */
function readable(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('utf8'));
    else if (typeof v === 'string') parts.push(v, Buffer.from(v, 'base64').toString('utf8'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return parts.join('\n');
}
