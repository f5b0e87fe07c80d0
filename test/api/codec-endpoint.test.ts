/**
 * The remote codec endpoint (api/routes/codec.ts): POST /codec/decode and /codec/encode with the
 * service's payload keys, for operators reading encrypted workflow histories in the Temporal UI
 * and CLI. Checked with payloads from a real case's raw history, and with the real Temporal CLI
 * against the app listening on a port.
 */
import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { caseWorkflowId } from '../../workflows/case/messages';
import { bearer, tokenFor } from '../helpers/auth';
import { caseRequest, today } from '../helpers/fixtures';
import { call } from '../helpers/http';
import { startServices, testEnv, type Services } from '../helpers/services';

const NAME = 'Ingrid Kodeksen';
const PARENT = 'Halvard Kodeksen';

interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

let s: Services;
let caseId: string;
/** Every payload of the case's history as the server stores it: encrypted, in the codec protocol's JSON. */
let stored: JsonPayload[];

const ops = () => bearer({ roles: ['ops'], sub: 'ops-tester', municipality: null });
const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');
const encodingOf = (p: JsonPayload) => text(p.metadata.encoding);

beforeAll(async () => {
  s = await startServices();
  const res = await call(s.app, 'POST', '/cases', caseRequest({ child: { name: NAME, birthDate: '2017-08-14' }, consenters: [{ name: PARENT, role: 'parent' }] }));
  expect(res.status).toBe(201);
  caseId = res.body.id;
  const consent = await call(s.app, 'POST', `/cases/${caseId}/consents`, { givenBy: PARENT, role: 'parent', covers: ['appointment'], givenOn: today() });
  expect(consent.status).toBe(200);

  // A client without the codec sees the history as the server keeps it.
  const connection = await Connection.connect({ address: testEnv().temporalAddress });
  try {
    const history = await new Client({ connection, namespace: 'default' }).workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    stored = payloadsIn(history).map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
    }));
  } finally {
    await connection.close();
  }
});
afterAll(async () => {
  await s.close();
});

/** The payloads of a history: every object with metadata.encoding, wherever it sits. */
function payloadsIn(value: unknown): { metadata: Record<string, Uint8Array>; data?: Uint8Array | null }[] {
  const found: { metadata: Record<string, Uint8Array>; data?: Uint8Array | null }[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as { metadata?: Record<string, Uint8Array>; data?: Uint8Array | null };
    if (o.metadata && o.metadata.encoding instanceof Uint8Array) {
      found.push({ metadata: o.metadata, data: o.data });
      return;
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

const decode = (payloads: unknown, headers?: Record<string, string>) => call(s.app, 'POST', '/codec/decode', { payloads }, headers);
const encode = (payloads: unknown, headers?: Record<string, string>) => call(s.app, 'POST', '/codec/encode', { payloads }, headers);
const encrypted = () => stored.filter((p) => encodingOf(p) === 'binary/encrypted');

describe('the codec endpoint', () => {
  test("when the raw history is read without the key, then its payloads are encrypted and hold no name", () => {
    expect(encrypted().length).toBeGreaterThan(2);
    for (const p of stored) expect(text(p.data)).not.toContain(NAME);
  });

  test.each([
    ['ops', () => ops()],
    ['ke', () => bearer()],
  ])("when a token with the role %s decodes the case's raw payloads, then the JSON holds the child's name", async (_role, auth) => {
    const payloads = encrypted();
    const res = await decode(payloads, await auth());
    expect(res.status).toBe(200);
    expect(res.body.payloads).toHaveLength(payloads.length);
    const decoded = res.body.payloads as JsonPayload[];
    // Each is what the SDK's converter wrote before encryption: JSON, or binary/null for undefined.
    expect(decoded.filter((p) => !['json/plain', 'binary/null'].includes(encodingOf(p)))).toEqual([]);
    const values = decoded.filter((p) => encodingOf(p) === 'json/plain').map((p) => JSON.parse(text(p.data)));
    expect(JSON.stringify(values)).toContain(NAME);
    expect(JSON.stringify(values)).toContain(PARENT);
  });

  test('when no token is sent, then 401', async () => {
    const res = await decode(encrypted().slice(0, 1), { authorization: '' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ type: '/problems/unauthorized', title: expect.any(String), status: expect.any(Number), instance: expect.any(String), detail: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(NAME);
  });

  test.each([
    ['coordinator', { roles: ['coordinator' as const], sub: 'koordinator-kodeks' }],
    ['leader', { roles: ['leader' as const], sub: 'leder-kodeks' }],
  ])('when a %s token decodes or encodes, then 403 and nothing is decoded', async (_role, who) => {
    for (const operation of [decode, encode]) {
      const res = await operation(encrypted().slice(0, 1), await bearer(who));
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('/problems/forbidden');
      expect(JSON.stringify(res.body)).not.toContain(NAME);
    }
  });

  test('when a payload is tampered with, then 400 with a message and no clear text', async () => {
    const [original] = encrypted();
    const bytes = Buffer.from(original.data!, 'base64');
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    const tampered = { ...original, data: bytes.toString('base64') };
    const res = await decode([tampered], await ops());
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/problems/bad-request');
    expect(res.body.detail).toMatch(/could not decode/);
    // Damage anywhere in a batch fails the whole batch; the intact payloads are not returned.
    const batch = await decode([...encrypted(), tampered], await ops());
    expect(batch.status).toBe(400);
    expect(JSON.stringify(batch.body)).not.toContain(NAME);
  });

  test('when a payload names a key the service does not have, or is cut short, then 400', async () => {
    const [original] = encrypted();
    const unknownKey = { ...original, metadata: { ...original.metadata, 'encryption-key-id': b64('k-unknown') } };
    expect((await decode([unknownKey], await ops())).status).toBe(400);
    const short = { ...original, data: Buffer.from(original.data!, 'base64').subarray(0, 10).toString('base64') };
    expect((await decode([short], await ops())).status).toBe(400);
    const notBase64 = { ...original, data: '***' };
    const res = await decode([notBase64], await ops());
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/payloads/);
  });

  test('when there are no payloads (proto3 JSON leaves the empty list out), then 200 with an empty list, for decode and encode', async () => {
    for (const operation of ['decode', 'encode']) {
      for (const body of [{}, { payloads: [] }]) {
        const res = await call(s.app, 'POST', `/codec/${operation}`, body, await ops());
        expect({ operation, body, status: res.status, answer: res.body }).toEqual({ operation, body, status: 200, answer: { payloads: [] } });
      }
    }
  });

  test('when payloads are encoded and then decoded, then they come back unchanged, and the encoded form holds no clear text', async () => {
    const plain: JsonPayload[] = [
      { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ child: { name: 'Åse Rundtur' }, note: 'ærlig talt' })) },
      { metadata: { encoding: b64('binary/null') } },
      { metadata: { encoding: b64('json/plain'), messageType: b64('x') }, data: b64('"Øyvind"') },
    ];
    const encoded = await encode(plain, await ops());
    expect(encoded.status).toBe(200);
    const sealed = encoded.body.payloads as JsonPayload[];
    expect(sealed).toHaveLength(plain.length);
    for (const p of sealed) {
      expect(encodingOf(p)).toBe('binary/encrypted');
      expect(text(p.metadata['encryption-key-id'])).toBe('test-k1');
      expect(text(p.data)).not.toMatch(/Åse|Øyvind|ærlig/);
    }
    const decoded = await decode(sealed, await bearer());
    expect(decoded.status).toBe(200);
    // A payload without data comes back with empty data: the same thing in proto3.
    expect(decoded.body.payloads).toEqual(plain.map((p) => ({ ...p, data: p.data ?? '' })));
  });
});

describe('the Temporal CLI with the codec endpoint', () => {
  const cli = join(__dirname, '..', '..', '.tools', 'temporal', 'bin', 'temporal');
  let endpoint: string;
  let opsAuth: string;

  beforeAll(async () => {
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    endpoint = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}/codec`;
    opsAuth = `Bearer ${await tokenFor({ roles: ['ops'], sub: 'ops-cli', municipality: null })}`;
  });

  /** `temporal workflow show` of the case with only the flags given: no config file, no TEMPORAL_* variables. */
  function show(extra: string[], command = 'show'): Promise<{ code: number; stdout: string; stderr: string }> {
    const args = ['workflow', command, '--workflow-id', caseWorkflowId(caseId), '--address', testEnv().temporalAddress, '--namespace', 'default', '--disable-config-file', '--disable-config-env', ...extra];
    return new Promise((resolve) => {
      execFile(cli, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 30_000, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  /** The payloads in `--output json`: proto JSON, metadata and data in base64. */
  function payloadsOfJson(stdout: string): JsonPayload[] {
    const found: JsonPayload[] = [];
    const walk = (v: unknown) => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) return v.forEach(walk);
      const o = v as Partial<JsonPayload>;
      if (o.metadata && typeof o.metadata.encoding === 'string') found.push(o as JsonPayload);
      else Object.values(v).forEach(walk);
    };
    walk(JSON.parse(stdout));
    return found;
  }

  /** How often the codec endpoint has answered decode requests with a status, from /metrics. */
  async function decodeAnswers(status: number): Promise<number> {
    const res = await call(s.app, 'GET', '/metrics', undefined, await ops());
    const line = String(res.body)
      .split('\n')
      .find((l) => l.startsWith('bk_http_request_duration_seconds_count{') && l.includes('route="/codec/decode"') && l.includes(`status="${status}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  /** Everything a reader could make of the output: the text, and every base64 string decoded. */
  const readable = (output: string) => [output, ...(output.match(/[A-Za-z0-9+/]{8,}={0,2}/g) ?? []).map(text)].join('\n');

  test('when the CLI is installed, then it is the binary the README names', () => {
    expect(existsSync(cli)).toBe(true);
  });

  test("when an operator shows the case's history as JSON with the codec endpoint and an ops token, then every payload is decoded and holds the names", async () => {
    const before = await decodeAnswers(200);
    const res = await show(['--output', 'json', '--codec-endpoint', endpoint, '--codec-auth', opsAuth]);
    expect(await decodeAnswers(200)).toBeGreaterThan(before);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const payloads = payloadsOfJson(res.stdout);
    expect(payloads.length).toBeGreaterThan(2);
    expect(payloads.filter((p) => encodingOf(p) === 'binary/encrypted')).toEqual([]);
    // `workflow show --output json` keeps the proto JSON form (replayable), so the decoded JSON is in base64.
    const clear = payloads.filter((p) => encodingOf(p) === 'json/plain').map((p) => text(p.data)).join('\n');
    expect(clear).toContain(`"name":"${NAME}"`);
    expect(clear).toContain(PARENT);
  });

  test("when an operator shows the case's history as text with the codec endpoint and an ops token, then the child's name is in clear text", async () => {
    const res = await show(['--output', 'text', '--detailed', '--codec-endpoint', endpoint, '--codec-auth', opsAuth]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`child.name: ${NAME}`);
    expect(res.stdout).toContain(PARENT);
  });

  test("when an operator queries the case's state with the codec endpoint (a query without arguments), then the answer is decoded", async () => {
    const res = await show(['--type', 'caseState', '--output', 'json', '--codec-endpoint', endpoint, '--codec-auth', opsAuth], 'query');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(NAME);
    expect(res.stdout).toContain(caseId);
  });

  test("when the CLI has the codec endpoint but no token, then it fails and shows no name", async () => {
    const before = await decodeAnswers(401);
    const res = await show(['--output', 'json', '--codec-endpoint', endpoint, '--command-timeout', '5s']);
    // The CLI asked and was refused (it then gives up with a deadline error of its own).
    expect(await decodeAnswers(401)).toBeGreaterThan(before);
    expect(res.code).not.toBe(0);
    expect(readable(`${res.stdout}\n${res.stderr}`)).not.toContain(NAME);
    expect(readable(`${res.stdout}\n${res.stderr}`)).not.toContain(PARENT);
  });

  test("when the CLI has a token the endpoint refuses, then it shows no name either", async () => {
    const coordinator = `Bearer ${await tokenFor({ roles: ['coordinator'], sub: 'koordinator-cli' })}`;
    const before = await decodeAnswers(403);
    const res = await show(['--output', 'text', '--detailed', '--codec-endpoint', endpoint, '--codec-auth', coordinator, '--command-timeout', '5s']);
    expect(await decodeAnswers(403)).toBeGreaterThan(before);
    expect(res.code).not.toBe(0);
    expect(readable(`${res.stdout}\n${res.stderr}`)).not.toContain(NAME);
  });

  test('when the CLI has no codec endpoint, then the history is encrypted and shows no name', async () => {
    const res = await show(['--output', 'json']);
    expect(res.code).toBe(0);
    const payloads = payloadsOfJson(res.stdout);
    expect(payloads.some((p) => encodingOf(p) === 'binary/encrypted')).toBe(true);
    expect(readable(res.stdout)).not.toContain(NAME);
    expect(readable(res.stdout)).not.toContain(PARENT);
  });
});
