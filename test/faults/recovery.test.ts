/**
 * The fault suite (issue #7): `npm start` under a steady load of case commands and due
 * reminders, and one kill -9 at a time of the worker, PostgreSQL, the Temporal dev server (state
 * in its db file) and the API. After each kill the service must come back by itself — the
 * launcher restarts what died — and reach its pre-fault throughput again within 60 s. At the
 * end an audit compares what the clients were told with what PostgreSQL and the workflows hold.
 *
 * Definitions (also in the README, "Fault tolerance"):
 * - throughput: commands answered 2xx per second by the closed-loop lanes; the pre-fault rate is
 *   the rate of the 10 s before the kill.
 * - first success: the first 2xx to a command sent after the kill.
 * - throughput back: the start of the first 5 s window, from the first success on, with at least
 *   80 % of the pre-fault rate.
 * - accepted: a command answered 2xx. Each is in `case_events` at the version it was told, with
 *   its own request id and the event of its command. No request id has more than one event, and
 *   every event comes from a request of ours (an attempt that got no answer may have been applied:
 *   counted, allowed). Per case, events 1..n without gaps, the projection at n, the workflow at n.
 * - reminders: every reminder and escalation of the cases left waiting for consent that was due
 *   before the audit is `sent`, has exactly one inbox row and at least one e-mail with its
 *   Message-ID. Several e-mails with one Message-ID are the documented at-least-once window (a
 *   dispatcher that dies between the SMTP reply and marking the row): at most one per kill of the
 *   worker or of PostgreSQL.
 */
import { Client, Connection } from '@temporalio/client';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { dataConverterFor, loadOrCreateKeyFile } from '../../lib/codec';
import { messageIdOf } from '../../worker/dispatcher';
import { alertsOf, type Deadline } from '../../workflows/case/deadlines';
import { caseState, caseWorkflowId, type CaseView } from '../../workflows/case/messages';
import { DEFAULT_POLICY } from '../../workflows/case/policy';
import { EVENT_OF, startLoad, type Attempt, type Load, type Step } from '../helpers/fault-load';
import { launch, tempDataDir, type Launched } from '../helpers/launcher';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { mapLimit } from '../helpers/concurrency';

jest.setTimeout(420_000);

const DAY_S = 86_400;
/** The consent reminder falls due 20 s after registration, the escalation 10 s after that. */
const POLICY = { consentDays: 20 / DAY_S, escalationDays: 10 / DAY_S };
const LANES = 6;
const REMINDER_CASE_EVERY_MS = 2000;
const WARMUP_MS = 8000;
const BASELINE_MS = 6000;
const WINDOW_MS = 5000;
const FULL = 0.8;
const RECOVERY_LIMIT_MS = 60_000;
const KE_EMAIL = 'ke@kommune.test';

type Log = Record<string, unknown>;

interface Fault {
  name: 'worker' | 'postgres' | 'temporal' | 'api';
  /** The log line that names the running process's pid, latest last. */
  running: (l: Log) => boolean;
  /** The launcher's line once it has started the part again. */
  restarted: (l: Log) => boolean;
}

// Order: the two faults that can leave a reminder row in `sending` (its lease is 60 s) first,
// so the rows are claimed again before the audit.
const FAULTS: Fault[] = [
  { name: 'worker', running: (l) => l.child === 'worker' && l.msg === 'child started', restarted: (l) => l.child === 'worker' && l.msg === 'child started' },
  { name: 'postgres', running: (l) => l.part === 'postgres' && l.msg === 'embedded postgres ready', restarted: (l) => l.part === 'postgres' && l.msg === 'part restarted' },
  { name: 'temporal', running: (l) => l.part === 'temporal' && l.msg === 'temporal dev server ready', restarted: (l) => l.part === 'temporal' && l.msg === 'part restarted' },
  { name: 'api', running: (l) => l.child === 'api' && l.msg === 'child started', restarted: (l) => l.child === 'api' && l.msg === 'child started' },
];

interface Measured {
  fault: string;
  pid: number;
  baselinePerS: number;
  restartedMs?: number;
  firstSuccessMs?: number;
  throughputBackMs?: number;
  /** Children and parts the launcher restarted during this fault, besides the one killed. */
  otherRestarts: string[];
  /** Accepted commands in each second from the kill on. */
  perSecond: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isOk = (a: Attempt) => a.status >= 200 && a.status < 300;

/** Completions in [from, to). */
function countIn(times: number[], from: number, to: number): number {
  let n = 0;
  for (const t of times) if (t >= from && t < to) n++;
  return n;
}

/** Start of the first full window after `from` whose rate is at least FULL of the baseline. */
function throughputBack(times: number[], from: number, now: number, baselinePerS: number): number | undefined {
  const needed = FULL * baselinePerS * (WINDOW_MS / 1000);
  for (let s = from; s + WINDOW_MS <= now; s += 250) if (countIn(times, s, s + WINDOW_MS) >= needed) return s;
  return undefined;
}

const dataDir = tempDataDir();
let svc: Launched | undefined;
let smtp: TestSmtpServer | undefined;
let load: Load | undefined;
afterAll(async () => {
  await load?.abort();
  const stopping = Date.now();
  await svc?.interrupt();
  console.log(`[faults] npm start stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
  // FAULT_LOGS=<file> keeps the service's JSON logs of the run.
  if (process.env.FAULT_LOGS && svc) writeFileSync(process.env.FAULT_LOGS, svc.logs.map((l) => JSON.stringify(l)).join('\n'));
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('when the worker, PostgreSQL, Temporal and the API are each killed -9 under load, then the service recovers within 60 s and no accepted command or due reminder is lost or doubled', async () => {
  const t0 = Date.now();
  const mark = (what: string) => console.log(`[faults +${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
  smtp = await startSmtpServer();
  svc = await launch(dataDir, {
    SMTP_URL: smtp.url,
    KE_EMAIL,
    CASE_POLICY: JSON.stringify(POLICY),
    RATE_LIMIT_PER_MINUTE: '1000000',
    REMINDER_POLL_MS: '500',
  });
  const s = svc;
  await s.waitHealthy();
  mark('npm start is ready');
  const headers = await s.headers();
  const post = async (path: string, body: unknown) => {
    const res = await fetch(s.url(path), { method: 'POST', headers, body: JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const unit = await post('/units', { name: 'Helsestasjonen', sector: 'health' });
  const coordinator = await post('/coordinators', { unitId: unit.id, name: 'Kim Koordinator', email: 'kim@kommune.test' });

  const keyPrefix = `fault-${Date.now().toString(36)}`;
  load = startLoad({
    baseUrl: s.url(''),
    headers,
    lanes: LANES,
    reminderCaseEveryMs: REMINDER_CASE_EVERY_MS,
    registry: { unitId: unit.id, coordinatorId: coordinator.id },
    keyPrefix,
  });
  await sleep(WARMUP_MS);
  mark(`warm: ${load.completions().length} commands accepted`);

  const measured: Measured[] = [];
  for (const fault of FAULTS) {
    const now = Date.now();
    const baselinePerS = countIn(load.completions(), now - BASELINE_MS, now) / (BASELINE_MS / 1000);
    const pid = s.pids(fault.running).at(-1)!;
    const seen = s.logs.length;
    const killAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const m: Measured = { fault: fault.name, pid, baselinePerS, otherRestarts: [], perSecond: [] };
    measured.push(m);
    // Wait for the first success and the throughput, then keep the load on for one more
    // baseline period so the next fault starts from a recovered service.
    const deadline = killAt + RECOVERY_LIMIT_MS + BASELINE_MS;
    for (;;) {
      await sleep(250);
      const t = Date.now();
      if (m.firstSuccessMs === undefined) {
        const first = load.attempts.filter((a) => a.lane >= 0 && isOk(a) && a.sentAt >= killAt).map((a) => a.doneAt);
        if (first.length > 0) m.firstSuccessMs = Math.min(...first) - killAt;
      }
      if (m.throughputBackMs === undefined && m.firstSuccessMs !== undefined) {
        const back = throughputBack(load.completions(), killAt + m.firstSuccessMs, t, baselinePerS);
        if (back !== undefined) m.throughputBackMs = back - killAt;
      }
      if (m.throughputBackMs !== undefined && t >= killAt + m.throughputBackMs + BASELINE_MS) break;
      if (t > deadline) break;
    }
    const after = s.logs.slice(seen);
    const restart = after.find(fault.restarted);
    if (restart) m.restartedMs = (restart.time as number) - killAt;
    m.otherRestarts = after
      .filter((l) => ['child started', 'part restarted'].includes(l.msg as string) && l !== restart)
      .map((l) => String(l.child ?? l.part));
    const times = load.completions();
    m.perSecond = Array.from({ length: Math.ceil((Date.now() - killAt) / 1000) }, (_, i) => countIn(times, killAt + i * 1000, killAt + (i + 1) * 1000));
    mark(`${fault.name} (pid ${pid}) killed: ${JSON.stringify(m)}`);
    // A service that has not recovered makes the rest moot.
    if (m.throughputBackMs === undefined || m.throughputBackMs > RECOVERY_LIMIT_MS) break;
  }
  console.log(
    ['fault      pre-fault/s  restarted  first 2xx  throughput back  other restarts']
      .concat(
        measured.map((m) =>
          [
            m.fault.padEnd(10),
            m.baselinePerS.toFixed(1).padStart(11),
            `${((m.restartedMs ?? NaN) / 1000).toFixed(1)} s`.padStart(10),
            `${((m.firstSuccessMs ?? NaN) / 1000).toFixed(1)} s`.padStart(10),
            `${((m.throughputBackMs ?? NaN) / 1000).toFixed(1)} s`.padStart(16),
            `  ${m.otherRestarts.join(', ') || '-'}`,
          ].join(' '),
        ),
      )
      .join('\n'),
  );
  for (const m of measured) {
    expect({ fault: m.fault, restarted: m.restartedMs !== undefined, back: m.throughputBackMs !== undefined && m.throughputBackMs <= RECOVERY_LIMIT_MS }).toEqual({
      fault: m.fault,
      restarted: true,
      back: true,
    });
  }
  expect(measured.map((m) => m.fault)).toEqual(FAULTS.map((f) => f.name));

  await load.stop();
  const auditAt = Date.now();
  mark(`load stopped: ${load.attempts.length} command attempts, ${load.completions().length} accepted by the lanes, ${load.reminderKeys.length} cases left waiting for reminders`);

  // The service itself: still up, and the launcher never gave up on a part.
  expect(s.proc.exitCode).toBeNull();
  expect(s.logs.filter((l) => (l.level as number) >= 60).map((l) => l.msg)).toEqual([]);
  expect(load.errors).toEqual([]);
  expect(load.unexpected.map((a) => `${a.step} ${a.status} ${a.error}`)).toEqual([]);

  // --- The audit ---------------------------------------------------------------------------
  const pgPort = s.logs.filter((l) => l.msg === 'embedded postgres ready').at(-1)!.port as number;
  const temporalAddress = s.logs.filter((l) => l.msg === 'temporal dev server ready').at(-1)!.address as string;
  const db = new PgClient({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/barnekoordinator` });
  await db.connect();
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, dataConverter: dataConverterFor(loadOrCreateKeyFile(join(dataDir, 'payload-keys.json'))) });
  try {
    const keys = await db.query<{ key: string; case_id: string }>(
      "SELECT substring(idempotency_key from position(':' in idempotency_key) + 1) AS key, case_id::text FROM case_requests WHERE idempotency_key LIKE $1",
      [`%:${keyPrefix}-%`],
    );
    const caseOfKey = new Map(keys.rows.map((r) => [r.key, r.case_id]));
    const caseIds = [...new Set(caseOfKey.values())];
    const problems: string[] = [];

    // Every attempt, by request id; the case each belongs to.
    const attempts = load.attempts.map((a) => ({ ...a, caseId: a.caseId ?? (a.key ? caseOfKey.get(a.key) : undefined) }));
    const byRequest = new Map(attempts.map((a) => [a.requestId, a]));
    for (const a of attempts) if (!a.caseId) problems.push(`attempt ${a.requestId} (${a.step}) has no case`);

    // Settled: an update that got no answer may still be applied; wait until nothing changes.
    const eventCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1::uuid[])', [caseIds])).rows[0].n;
    for (let last = -1, n = await eventCount(), until = Date.now() + 20_000; n !== last && Date.now() < until; ) {
      await sleep(2000);
      [last, n] = [n, await eventCount()];
    }
    const events = await db.query<{ case_id: string; seq: number; type: string; request_id: string | null; actor: string }>(
      'SELECT case_id::text, seq, type, request_id, actor FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq',
      [caseIds],
    );
    const projection = new Map(
      (await db.query<{ id: string; version: number; status: string }>('SELECT id::text, version, status FROM cases WHERE id = ANY($1::uuid[])', [caseIds])).rows.map((r) => [
        r.id,
        r,
      ]),
    );
    const views = new Map<string, CaseView | null>();
    await mapLimit(caseIds, 8, async (id) => views.set(id, await temporal.workflow.getHandle(caseWorkflowId(id)).query(caseState)));

    const eventAt = new Map(events.rows.map((e) => [`${e.case_id}/${e.seq}`, e]));
    const eventsOf = new Map<string, typeof events.rows>();
    for (const e of events.rows) eventsOf.set(e.case_id, [...(eventsOf.get(e.case_id) ?? []), e]);

    // 1. No accepted command lost: each 2xx is at the version it was told, with its request id.
    const accepted = attempts.filter(isOk);
    for (const a of accepted) {
      const e = eventAt.get(`${a.caseId}/${a.version}`);
      const step = a.step as Exclude<Step, 'read'>;
      if (!e) problems.push(`accepted ${a.step} ${a.requestId} of case ${a.caseId} told version ${a.version}: no such event`);
      else if (e.type !== EVENT_OF[step]) problems.push(`accepted ${a.step} ${a.requestId} of case ${a.caseId} at ${a.version}: event is ${e.type}`);
      else if (step === 'register') {
        // A repeated registration answers with the first registration's result.
        const sameKey = attempts.filter((b) => b.key === a.key).map((b) => b.requestId);
        if (!sameKey.includes(e.request_id ?? '')) problems.push(`registration ${a.key}: event 1 has request id ${e.request_id}, not one of its attempts`);
      } else if (e.request_id !== a.requestId) problems.push(`accepted ${a.step} ${a.requestId} of case ${a.caseId} at ${a.version}: event has request id ${e.request_id}`);
    }

    // 2. No event doubled, none from nowhere: one event per request id at most, each from an attempt of ours for that case and command.
    const perRequest = new Map<string, number>();
    let appliedUnanswered = 0;
    for (const e of events.rows) {
      const a = e.request_id ? byRequest.get(e.request_id) : undefined;
      if (!a) {
        problems.push(`case ${e.case_id} event ${e.seq} ${e.type} (actor ${e.actor}) comes from no request of ours (${e.request_id})`);
        continue;
      }
      perRequest.set(e.request_id!, (perRequest.get(e.request_id!) ?? 0) + 1);
      if (a.caseId !== e.case_id || EVENT_OF[a.step as Exclude<Step, 'read'>] !== e.type) problems.push(`case ${e.case_id} event ${e.seq} ${e.type} from request ${a.requestId} for ${a.step} of ${a.caseId}`);
      if (!isOk(a)) appliedUnanswered++;
    }
    for (const [requestId, n] of perRequest) if (n > 1) problems.push(`request ${requestId} has ${n} events`);

    // 3. Postgres and the workflows agree: events 1..n, the projection at n, the workflow at n.
    for (const id of caseIds) {
      const seqs = (eventsOf.get(id) ?? []).map((e) => e.seq);
      const n = seqs.length;
      if (seqs.some((seq, i) => seq !== i + 1)) problems.push(`case ${id}: event seqs ${seqs.join(',')}`);
      const view = views.get(id);
      if (!view) problems.push(`case ${id}: the workflow has no registered case`);
      else if (view.version !== n) problems.push(`case ${id}: workflow at version ${view.version}, ${n} events in Postgres`);
      const row = projection.get(id);
      if (!row || row.version !== n || row.status !== view?.status) problems.push(`case ${id}: projection ${JSON.stringify(row)}, ${n} events, workflow ${view?.status}`);
    }
    mark(
      `audit of commands: ${caseIds.length} cases, ${events.rows.length} events, ${accepted.length} accepted commands, ` +
        `${attempts.length - accepted.length} attempts without a 2xx (${appliedUnanswered} of them applied)`,
    );

    // 4. Reminders: each one due before the audit delivered once to the inbox and e-mailed.
    const policy = { ...DEFAULT_POLICY, ...POLICY };
    const cutoff = auditAt - 2000;
    const due = load.reminderKeys.flatMap((key) => {
      const caseId = caseOfKey.get(key)!;
      const view = views.get(caseId);
      return (view?.deadlines ?? [])
        .flatMap((d) => alertsOf(d as Deadline, caseId, policy))
        .filter((alert) => Date.parse(alert.at) <= cutoff)
        .map((alert) => ({ key: alert.key, at: Date.parse(alert.at) }));
    });
    type Row = { key: string; status: string; created_at: Date; sent_at: Date | null; inbox: number };
    const reminderRows = async () =>
      (
        await db.query<Row>(
          `SELECT r.key, r.status, r.created_at, r.sent_at, (SELECT count(*)::int FROM inbox i WHERE i.reminder_key = r.key) AS inbox
             FROM reminders r WHERE r.case_id = ANY($1::uuid[])`,
          [caseIds],
        )
      ).rows;
    // A row a killed dispatcher left in `sending` is claimed again after its 60 s lease.
    const waitUntil = Date.now() + 90_000;
    let rows = await reminderRows();
    const undelivered = () => {
      const byKey = new Map(rows.map((r) => [r.key, r]));
      return [...due.map((d) => d.key).filter((k) => byKey.get(k)?.status !== 'sent'), ...rows.filter((r) => r.created_at.getTime() <= cutoff && r.status !== 'sent').map((r) => r.key)];
    };
    while (undelivered().length > 0 && Date.now() < waitUntil) {
      await sleep(1000);
      rows = await reminderRows();
    }
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const key of new Set(undelivered())) problems.push(`reminder ${key} due before the audit is ${byKey.get(key)?.status ?? 'not in the outbox'}`);
    for (const r of rows) if (r.status === 'sent' && r.inbox !== 1) problems.push(`reminder ${r.key} has ${r.inbox} inbox rows`);
    for (const r of rows) if (r.status === 'failed') problems.push(`reminder ${r.key} failed`);
    const mails = await smtp.parsed();
    const perMessageId = new Map<string, number>();
    for (const mail of mails) perMessageId.set(mail.messageId, (perMessageId.get(mail.messageId) ?? 0) + 1);
    const ours = new Set(rows.map((r) => messageIdOf(r.key)));
    for (const id of perMessageId.keys()) if (!ours.has(id)) problems.push(`e-mail ${id} is no reminder of ours`);
    for (const r of rows) if (r.status === 'sent' && !perMessageId.has(messageIdOf(r.key))) problems.push(`reminder ${r.key} is sent but no e-mail arrived`);
    const repeatedMails = [...perMessageId.values()].reduce((sum, n) => sum + (n - 1), 0);
    const lateness = due.map((d) => (byKey.get(d.key)?.sent_at?.getTime() ?? Infinity) - d.at).sort((a, b) => a - b);
    mark(
      `audit of reminders: ${due.length} due to the waiting cases, ${rows.length} rows in the outbox, ${mails.length} e-mails, ` +
        `${repeatedMails} repeated (same Message-ID); delivered after due: median ${(lateness[lateness.length >> 1] / 1000).toFixed(1)} s, max ${(lateness.at(-1)! / 1000).toFixed(1)} s`,
    );
    expect(due.length).toBeGreaterThanOrEqual(15);
    expect(repeatedMails).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
  } finally {
    await db.end();
    await connection.close();
  }

  mark('done');
});
