/**
 * Redaction of personal data in the logs (lib/logger.ts): names, national identity numbers,
 * birth dates, bodies and the Authorization header never reach a log line, at any depth. The
 * service's logger (createLogger) writes to a captured stream here, and to standard output in a
 * child process whose output is read.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type pino from 'pino';
import { CENSOR, DATE_MASK, NATIONAL_ID_MASK, createLogger } from '../../lib/logger';
const NAME = 'Sigrun Loggesen';
const NATIONAL_ID = '24051899123';
const BIRTH_DATE = '2018-05-24';
const TOKEN = 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrZS1hbm5lIn0.c2lnbmF0dXJl';
const SECRETS = [NAME, 'Sigrun', NATIONAL_ID, BIRTH_DATE, TOKEN, 'eyJhbGciOiJFUzI1NiJ9'];

const person = () => ({ name: NAME, nationalId: NATIONAL_ID, birthDate: BIRTH_DATE });

/** Logs with the service's redaction into memory; returns the lines written. */
function capture(write: (log: pino.Logger) => void): string {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger('trace', {}, stream);
  write(log);
  return lines.join('');
}

function expectNoSecrets(output: string) {
  for (const secret of SECRETS) expect(output).not.toContain(secret);
}

function expectClean(output: string) {
  for (const secret of SECRETS) expect(output).not.toContain(secret);
  expect(output).toContain(CENSOR);
}

describe('log redaction', () => {
  test('when a name, national id and birth date are logged at the top of a line, then none of them is written', () => {
    const output = capture((log) => log.info(person(), 'case registered'));
    expectClean(output);
    expect(JSON.parse(output)).toMatchObject({ name: CENSOR, nationalId: CENSOR, birthDate: CENSOR, msg: 'case registered' });
  });

  test('when they are logged one and two levels down, then none of them is written and the rest of the object is', () => {
    const output = capture((log) => {
      log.info({ child: person(), caseId: 'c-1' }, 'one level');
      log.warn({ request: { child: person(), channel: 'written' } }, 'two levels');
    });
    expectClean(output);
    const [one, two] = output.trim().split('\n').map((l) => JSON.parse(l));
    expect(one).toMatchObject({ child: { name: CENSOR, nationalId: CENSOR, birthDate: CENSOR }, caseId: 'c-1' });
    expect(two).toMatchObject({ request: { child: { name: CENSOR, nationalId: CENSOR, birthDate: CENSOR }, channel: 'written' } });
  });

  test('when a list of people is logged, then every name in it is redacted', () => {
    const output = capture((log) => log.info({ consenters: [{ name: NAME, role: 'parent' }, { name: 'Per Sigrunsen', role: 'guardian' }] }, 'consenters'));
    expect(output).not.toContain(NAME);
    expect(output).not.toContain('Per Sigrunsen');
    expect(JSON.parse(output).consenters).toEqual([
      { name: CENSOR, role: 'parent' },
      { name: CENSOR, role: 'guardian' },
    ]);
  });

  test("when a request's headers are logged, then the Authorization header is redacted and the others are kept", () => {
    const output = capture((log) => log.info({ req: { method: 'POST', url: '/cases', headers: { authorization: TOKEN, 'x-request-id': 'r-1' } } }, 'incoming request'));
    expectClean(output);
    expect(JSON.parse(output).req).toEqual({ method: 'POST', url: '/cases', headers: { authorization: CENSOR, 'x-request-id': 'r-1' } });
  });

  test('when a body is logged on its own or inside another object, then it is redacted whole', () => {
    const output = capture((log) => {
      log.info({ body: { child: person(), reasons: 'Sjelden muskelsykdom' } }, 'body');
      log.info({ req: { body: { givenBy: NAME } } }, 'request body');
    });
    expectClean(output);
    expect(output).not.toContain('muskelsykdom');
    const [top, nested] = output.trim().split('\n').map((l) => JSON.parse(l));
    expect(top.body).toBe(CENSOR);
    expect(nested.req.body).toBe(CENSOR);
  });

  test("when personal data is in a child logger's bindings, then it is redacted in every line", () => {
    const output = capture((log) => {
      const child = log.child({ child: person() });
      child.info('first');
      child.info({ child: person() }, 'second');
    });
    expectClean(output);
    expect(output.trim().split('\n')).toHaveLength(2);
  });

  test('when createLogger itself logs personal data and a token, then its output holds none of it', async () => {
    const script = `
      const { createLogger } = require(${JSON.stringify(join(__dirname, '..', '..', 'lib', 'logger.ts'))});
      const log = createLogger('info', { component: 'test' });
      log.info({ ...${JSON.stringify(person())}, child: ${JSON.stringify(person())}, request: { child: ${JSON.stringify(person())} } }, 'personal data');
      log.info({ req: { headers: { authorization: ${JSON.stringify(TOKEN)} } }, body: { name: ${JSON.stringify(NAME)} } }, 'request');
    `;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--require', 'tsx/cjs', '-e', script], { timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
    });
    const lines = output.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expectClean(output);
    expect(lines[0]).toMatchObject({ service: 'barnekoordinator', component: 'test', name: CENSOR, child: { name: CENSOR }, request: { child: { birthDate: CENSOR } } });
    expect(lines[1]).toMatchObject({ req: { headers: { authorization: CENSOR } }, body: CENSOR });
  });
});

/** Beyond pino's fixed paths (`name`, `*.name`, `*.*.name`, `req.headers.authorization`): any depth. */
describe('log redaction: deep and elsewhere', () => {
  test('when a name is logged three levels down, then it is not written', () => {
    expectClean(capture((log) => log.info({ command: { request: { child: person() } } }, 'three levels')));
  });

  test('when a list of people is logged inside another object, then no name is written', () => {
    expectClean(capture((log) => log.info({ view: { consenters: [{ name: NAME, role: 'parent' }] } }, 'nested list')));
  });

  test('when headers are logged outside req, then the Authorization header is not written', () => {
    expectClean(capture((log) => log.info({ headers: { authorization: TOKEN } }, 'headers')));
  });
});

/** What may carry personal data without a telling key: payload bytes, errors, free text. */
describe('log redaction: payloads, errors and texts', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  test('when binary data is logged (as the Temporal SDK logs decoded payloads), then it is censored whole', () => {
    const payload = JSON.stringify({ child: person(), expectedDate: '2026-05-01' });
    const output = capture((log) => {
      log.trace({ jobs: [{ doUpdate: { input: [{ metadata: { encoding: bytes('json/plain') }, data: bytes(payload) }] } }] }, 'Got workflow activation');
      log.debug({ raw: Buffer.from(payload) }, 'buffer');
    });
    expectClean(output);
    expect(output).not.toContain('"0":');
    const [activation, buffer] = output.trim().split('\n').map((l) => JSON.parse(l));
    expect(activation.jobs[0].doUpdate.input[0].data).toBe(CENSOR);
    expect(buffer.raw).toBe(CENSOR);
  });

  test('when a text quotes dates or a national id, then the calendar dates and the number are masked and instants are kept', () => {
    const output = capture((log) =>
      log.warn(
        { reason: `on ${BIRTH_DATE} is before the birth (24.05.2018, 24. mai 2018, 24/05/2018) of ${NATIONAL_ID}`, at: '2026-03-01T09:00:00.000Z', key: 'reminder:c:meeting:m1@2026-06-24T08:00:00.000Z' },
        `due action not applied for ${BIRTH_DATE}`,
      ),
    );
    expectNoSecrets(output);
    const line = JSON.parse(output);
    expect(line.reason).toBe(`on ${DATE_MASK} is before the birth (${DATE_MASK}, ${DATE_MASK}, ${DATE_MASK}) of ${NATIONAL_ID_MASK}`);
    expect(line.msg).toBe(`due action not applied for ${DATE_MASK}`);
    expect(line.at).toBe('2026-03-01T09:00:00.000Z');
    expect(line.key).toBe('reminder:c:meeting:m1@2026-06-24T08:00:00.000Z');
  });

  test('when an error is logged, then its type, message, stack, code and cause are kept with dates masked, and what else it carries is dropped', () => {
    const cause = Object.assign(new Error(`no Oslo midnight for ${BIRTH_DATE}`), { type: 'Error' });
    const err = Object.assign(new Error('Workflow Update failed', { cause }), { code: '23505', detail: `Key (birth)=(${BIRTH_DATE}) already exists.`, child: person() });
    const output = capture((log) => {
      log.error({ err }, 'request failed');
      log.error({ error: err }, 'Activity failed');
      log.error(err);
    });
    expectNoSecrets(output);
    expect(output).not.toContain('already exists');
    const lines = output.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].err).toMatchObject({ type: 'Error', message: 'Workflow Update failed', code: '23505', cause: { message: `no Oslo midnight for ${DATE_MASK}`, failureType: 'Error' } });
    expect(lines[0].err.stack).toContain('Workflow Update failed');
    expect(lines[1].error).toMatchObject({ type: 'Error', message: 'Workflow Update failed' });
    expect(lines[2]).toMatchObject({ msg: 'Workflow Update failed', err: { type: 'Error', code: '23505' } });
  });

  test('when a termin is logged under its own key, then it is redacted like a birth date', () => {
    const output = capture((log) => log.info({ child: { expectedDate: '2026-05-01T00:00:00Z' } }, 'unborn'));
    expect(JSON.parse(output).child.expectedDate).toBe(CENSOR);
  });
});

/** Fastify's request and reply are serialized to a few fields first, never walked. */
describe('log redaction: framework objects', () => {
  test('when Fastify logs a request, then the line holds its method and its URL masked, and no header, body or client address', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger('info', {}, stream) as FastifyBaseLogger });
    app.post('/cases/:id', async () => ({ ok: true }));
    await app.inject({ method: 'POST', url: `/cases/${NATIONAL_ID}?born=${BIRTH_DATE}`, headers: { authorization: TOKEN }, payload: person() });
    await app.close();
    const output = lines.join('');
    expectNoSecrets(output);
    const parsed = lines.map((l) => JSON.parse(l));
    const incoming = parsed.find((l) => l.msg === 'incoming request');
    expect(incoming.req).toEqual({ method: 'POST', url: `/cases/${NATIONAL_ID_MASK}?born=${DATE_MASK}`, host: 'localhost:80' });
    expect(parsed.find((l) => l.msg === 'request completed').res).toEqual({ statusCode: 200 });
  });

  test('when an instance of a class is logged as req or res, then only its serialized fields are read', () => {
    const read: string[] = [];
    const instance = (fields: Record<string, unknown>) =>
      new Proxy(Object.create(class Framework {}.prototype) as object, {
        get: (_t, key) => {
          read.push(String(key));
          return fields[String(key)];
        },
        ownKeys: () => {
          read.push('ownKeys');
          return [];
        },
      });
    const output = capture((log) => log.info({ req: instance({ method: 'GET', url: '/x' }), res: instance({ statusCode: 404 }) }, 'done'));
    expect(JSON.parse(output)).toMatchObject({ req: { method: 'GET', url: '/x' }, res: { statusCode: 404 } });
    expect(read).not.toContain('ownKeys');
    expect(new Set(read)).toEqual(new Set(['method', 'url', 'host', 'statusCode']));
  });
});
