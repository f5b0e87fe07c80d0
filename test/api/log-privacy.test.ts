/**
 * No personal data in the service's own log, over a real run: the API, the worker (activities,
 * the workflow's log sink, the Temporal SDK and its core, forwarded as worker/main.ts does) and
 * the reminder dispatcher all write to one captured pino stream at level trace, the cases go
 * through registration, consent, kartlegging, decision, appointment, birth registration, an
 * extension past 18 and several refused or failing commands, and reminders fire for the birth of
 * an unborn child and for the transition before 18. Then no line of all that was written may
 * hold a child's name, national id, birth date or termin (nor the 18th birthday), in any of the
 * ways a date is written; no e-mail may hold those dates or tell of a birth; and no reminder key,
 * worklist row or inbox message may carry them.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, makeTelemetryFilterString, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { buildApp } from '../../api/app';
import { dataConverterFor } from '../../lib/codec';
import { createLogger } from '../../lib/logger';
import { addMonthsToDate, addDaysToDate, birthdayAt } from '../../workflows/case/dates';
import { DEFAULT_POLICY, type Policy } from '../../workflows/case/policy';
import { startDispatcher, type Dispatcher, type Mailer, type OutgoingMail } from '../../worker/dispatcher';
import { createCaseWorker } from '../../worker/worker';
import { testAuthSettings } from '../helpers/auth';
import { allMet, interview, today } from '../helpers/fixtures';
import { call, eventually } from '../helpers/http';
import { MUNICIPALITY, testEnv, testPayloadKeys } from '../helpers/services';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter((l) => l.length > 0));
    done();
  },
});
const logger = createLogger('trace', { component: 'log-privacy-test' }, sink);

/** Reminders come at once: every step's deadline is today, and the birth is due on the termin. */
const POLICY: Policy = { ...DEFAULT_POLICY, consentDays: 0, escalationDays: 0, birthMarginDays: 0 };

const NORWEGIAN_MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/**
 * The texts of a logged line, byte arrays decoded: the Temporal SDK logs payloads as Uint8Arrays,
 * which JSON writes as {"0":123,"1":34,…}, so a name in them would not show as text.
 */
function textsOf(line: string): string {
  const out: string[] = [line];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    const entries = Object.entries(v);
    if (entries.length > 0 && entries.every(([k, x], i) => k === String(i) && typeof x === 'number' && x >= 0 && x < 256)) {
      out.push(Buffer.from(entries.map(([, x]) => x as number)).toString('utf8'));
      return;
    }
    for (const [, x] of entries) walk(x);
  };
  walk(JSON.parse(line));
  return out.join('\n');
}

/** Every way the service or a library might write a calendar date. */
function spellings(date: string): string[] {
  const [y, m, d] = date.split('-');
  const day = Number(d);
  const month = Number(m);
  return [
    date,
    `${d}.${m}.${y}`,
    `${day}.${month}.${y}`,
    `${d}.${m}.${y.slice(2)}`,
    `${day}. ${NORWEGIAN_MONTHS[month - 1]} ${y}`,
    `${d}/${m}/${y}`,
    `${m}/${d}/${y}`,
    `${month}/${day}/${y}`,
    `${y}${m}${d}`,
    new Date(`${date}T12:00:00Z`).toDateString().slice(4), // "Mar 04 2015", as Date#toString writes it
  ];
}

// The children. Nora turns 18 in a little over a month, so her transition is planned now; Áŋŋá
// is not born yet, and her termin passed yesterday, so KE is reminded to register the birth.
const NORA_BIRTH = addDaysToDate(addMonthsToDate(today(), -18 * 12), 40);
const NORA = { name: 'Nora Loggfri Hemmelighetsen', nationalId: `${NORA_BIRTH.slice(8, 10)}${NORA_BIRTH.slice(5, 7)}${NORA_BIRTH.slice(2, 4)}49731` };
const TERMIN = addDaysToDate(today(), -1);
const AANGA = { name: 'Áŋŋá Čáhppes Loggfri', nationalId: undefined as string | undefined };
const AANGA_BIRTH = addDaysToDate(today(), -1);
const SECRETS = [
  NORA.name,
  'Hemmelighetsen',
  NORA.nationalId,
  AANGA.name,
  'Čáhppes',
  ...spellings(NORA_BIRTH),
  ...spellings(birthdayAt(NORA_BIRTH, 18)),
  ...spellings(birthdayAt(NORA_BIRTH, 20)),
  ...spellings(TERMIN),
];

let pool: Pool;
let connection: Connection;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let app: FastifyInstance;
let dispatcher: Dispatcher | undefined;
const mails: OutgoingMail[] = [];
const mailer: Mailer = {
  async send(mail) {
    mails.push(mail);
  },
  close() {},
};

beforeAll(async () => {
  // The worker process's runtime: SDK and core logs forwarded into the service's logger (worker/main.ts).
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
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'INFO' }), forward: {} } },
  });
  const env = testEnv();
  pool = new Pool({ connectionString: env.databaseUrl, max: 5 });
  connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: 'default', dataConverter: dataConverterFor(testPayloadKeys()) });
  const taskQueue = `log-privacy-${Date.now()}`;
  app = await buildApp({ logger, pool, temporal: client, taskQueue, policy: POLICY, auth: await testAuthSettings(), payloadKeys: testPayloadKeys() });
  nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  worker = await createCaseWorker({
    connection: nativeConnection,
    namespace: 'default',
    pool,
    logger,
    municipality: MUNICIPALITY,
    taskQueue,
    workflowBundlePath: env.bundlePath,
    payloadKeys: testPayloadKeys(),
  });
  running = worker.run();
});

afterAll(async () => {
  await dispatcher?.stop();
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
  await app.close();
  await nativeConnection.close();
  await connection.close();
  await pool.end();
});

const post = (url: string, body: unknown = {}, headers: Record<string, string> = {}) => call(app, 'POST', url, body, headers);

async function ok(url: string, body: unknown, expected = 200) {
  const res = await post(url, body);
  if (res.status !== expected) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

function request(child: Record<string, unknown>) {
  return {
    child,
    consenters: [{ name: 'Per Loggfri Forelder', role: 'parent' }],
    channel: 'written',
    reasons: 'Familien har mange tjenester som ikke henger sammen.',
    receivedOn: today(),
  };
}

test('when cases run through their steps, reminders fire and commands fail, then nothing written to the log holds a name, national id, birth date or termin', async () => {
  const tag = Math.random().toString(36).slice(2);
  const unit = await ok('/units', { name: `Loggfri enhet ${tag}`, sector: 'health' }, 201);
  const coordinator = await ok('/coordinators', { unitId: unit.id, name: 'Kim Koordinator', email: `kim.${tag}@kommune.test` }, 201);

  // Nora: born, through the whole process to appointment, then extended past 18.
  const nora = (await ok('/cases', request({ name: NORA.name, nationalId: NORA.nationalId, birthDate: NORA_BIRTH }), 201)).id as string;
  // Áŋŋá: unborn, the termin yesterday.
  const aanga = (await ok('/cases', request({ name: AANGA.name, expectedDate: TERMIN }), 201)).id as string;
  dispatcher = startDispatcher({ pool, logger, mailer, publicBaseUrl: 'https://bk.kommune.test', keEmail: 'ke@kommune.test', intervalMs: 50, caseIds: [nora, aanga] });

  // Refused and failing commands, with personal data in them.
  expect((await post('/cases', request({ name: NORA.name, nationalId: NORA.nationalId, birthDate: NORA_BIRTH, expectedDate: TERMIN }))).status).toBe(400);
  expect((await post('/cases', request({ name: NORA.name, nationalId: 'x' + NORA.nationalId, birthDate: NORA_BIRTH }))).status).toBe(400);
  expect((await post(`/cases/${nora}/birth`, { birthDate: NORA_BIRTH })).status).toBe(409);
  expect((await post(`/cases/${aanga}/birth`, { birthDate: addDaysToDate(today(), 3) })).status).toBe(409);
  expect((await post(`/cases/${aanga}/consents`, { givenBy: AANGA.name, role: 'young_person', covers: ['appointment'], givenOn: today() })).status).toBe(409);
  expect((await post(`/cases/${nora}/consents`, { givenBy: NORA.name, role: 'parent', covers: ['appointment'], givenOn: addDaysToDate(today(), 2) })).status).toBe(409);
  expect((await call(app, 'GET', `/cases/${NORA_BIRTH}`)).status).toBe(400);

  for (const id of [nora, aanga]) {
    // Nora is 17: she consents herself (pbrl § 4-3).
    const consenter = id === nora ? { givenBy: NORA.name, role: 'young_person' } : { givenBy: 'Per Loggfri Forelder', role: 'parent' };
    await ok(`/cases/${id}/consents`, { ...consenter, covers: ['appointment', 'information_sharing'], givenOn: today() });
    await ok(`/cases/${id}/kartlegging`, interview);
    await ok(`/cases/${id}/kartlegging/assessment`, allMet);
    await ok(`/cases/${id}/decision`, { outcome: 'granted', reasons: 'Alle vilkår er oppfylt.', decidedOn: today() });
    await ok(`/cases/${id}/appointment`, { unitId: unit.id, coordinatorId: coordinator.id, appointedOn: today() });
  }
  // The birth reminder and the transition reminders fire, and are delivered by e-mail and to the inbox.
  const delivered = async (kind: string, n: number) =>
    eventually(async () => {
      const { rows } = await pool.query("SELECT key FROM reminders WHERE case_id = ANY($1::uuid[]) AND kind = $2 AND status = 'sent'", [[nora, aanga], kind]);
      return rows.length >= n ? rows.map((r) => r.key as string) : undefined;
    }, 30_000);
  const birthKeys = await delivered('birth', 1);
  const transitionKeys = await delivered('transition_planning', 2);

  // Nora is extended to 20: the transition is planned anew.
  await ok(`/cases/${nora}/extension`, { toAge: 20 });
  await ok(`/cases/${aanga}/birth`, { birthDate: AANGA_BIRTH });
  expect((await post(`/cases/${nora}/extension`, { toAge: 19 })).status).toBe(409);
  await ok(`/cases/${nora}/closure`, { reason: 'need_ended', on: today() });

  // What the API shows: keys, the worklist and the inbox.
  const worklist = await call(app, 'GET', '/ke/worklist?dueWithinDays=366&limit=1000');
  expect(worklist.status).toBe(200);
  const inbox = await call(app, 'GET', '/ke/reminders?limit=500');
  expect(inbox.status).toBe(200);
  const mine = await call(app, 'GET', `/coordinators/${coordinator.id}/reminders?limit=500`);
  // Only these two cases' entries: the worklist and KE's inbox are shared with other test files'
  // cases, whose own dates (a meeting planned for yesterday) may fall on one of these secret days.
  const ours = <T extends { caseId: string }>(rows: T[]) => rows.filter((r) => r.caseId === nora || r.caseId === aanga);
  const seen = {
    deadlines: ours(worklist.body.deadlines),
    casesWithoutCoordinator: ours(worklist.body.casesWithoutCoordinator),
    inbox: ours<{ caseId: string; kind: string }>(inbox.body.reminders),
    mine: ours(mine.body.reminders),
  };
  expect(seen.inbox.map((r) => r.kind).sort()).toEqual(['birth', 'transition_planning']);
  const shown = JSON.stringify({ birthKeys, transitionKeys, ...seen });
  expect(transitionKeys.sort()).toEqual([`reminder:${nora}:transition_planning:age-18`, `reminder:${nora}:transition_planning:age-18:ke`]);
  expect(birthKeys).toEqual([`reminder:${aanga}:birth:expected`]);
  for (const secret of [...spellings(TERMIN), ...spellings(birthdayAt(NORA_BIRTH, 18)), ...spellings(NORA_BIRTH)]) expect(shown).not.toContain(secret);

  // The e-mails about the birth and the transition name neither, nor any date.
  const sensitive = mails.filter((m) => /:(birth|transition_planning):/.test(m.messageId) || /frist i saken må følges opp/.test(m.subject));
  expect(sensitive.length).toBeGreaterThanOrEqual(3);
  for (const m of mails) {
    const text = `${m.subject}\n${m.text}`;
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/fødsel|termin|gravid|18 år|overgang/i);
  }

  await dispatcher.stop();
  dispatcher = undefined;
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;

  // Every line written, from every part.
  expect(lines.length).toBeGreaterThan(50);
  for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  const parts = new Set(lines.map((l) => JSON.parse(l).msg as string));
  // The run did log from each part: requests, activities, the workflow, the dispatcher.
  expect([...parts]).toEqual(expect.arrayContaining(['incoming request', 'request completed', 'case event persisted', 'deadline alert recorded', 'command applied']));
  expect([...parts].some((m) => /^reminder (e-mailed|put in)/.test(m))).toBe(true);
  // Payloads the SDK logs at trace level (workflow activations) are there, but censored.
  expect(lines.some((l) => JSON.parse(l).msg === 'Got workflow activation')).toBe(true);
  const texts = lines.map(textsOf);
  const leaks = SECRETS.flatMap((secret) => texts.filter((t) => t.includes(secret)).map((t) => ({ secret, line: t.slice(0, 2000) })));
  expect(leaks).toEqual([]);
}, 120_000);
