/**
 * Delivery of the reminder outbox (worker/dispatcher.ts) on the run's real PostgreSQL and a real
 * SMTP server in this process. Rows are seeded straight into `reminders`, each test with cases
 * of its own; the dispatchers under test deliver only those cases (DispatcherOptions.caseIds),
 * since other test files share the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import pino from 'pino';
import { MUNICIPALITY, logger, testEnv } from '../helpers/services';
import { eventually } from '../helpers/http';
import { TEST_MUNICIPALITY } from '../helpers/auth';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { LISTENER_NAME, createSmtpMailer, messageIdOf, startDispatcher, type Dispatcher, type DispatcherOptions } from '../../worker/dispatcher';
import { createActivities } from '../../activities';

const BASE = 'https://bk.testkommune.no';
const KE_EMAIL = 'ke@testkommune.no';
const FROM = 'Barnekoordinator <ikke-svar@testkommune.no>';

let pool: Pool;
const smtpServers: TestSmtpServer[] = [];
const dispatchers: Dispatcher[] = [];

beforeAll(() => {
  pool = new Pool({ connectionString: testEnv().databaseUrl, max: 8 });
});
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await Promise.all(smtpServers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await pool.end();
});

async function smtp(): Promise<TestSmtpServer> {
  const s = await startSmtpServer();
  smtpServers.push(s);
  return s;
}

function dispatcher(opts: Partial<DispatcherOptions> & { caseIds: string[] }, server?: TestSmtpServer): Dispatcher {
  const d = startDispatcher({
    pool,
    logger,
    mailer: server ? createSmtpMailer(server.url, FROM) : undefined,
    publicBaseUrl: BASE,
    keEmail: KE_EMAIL,
    intervalMs: 20,
    retryBaseMs: 100,
    ...opts,
  });
  dispatchers.push(d);
  return d;
}

interface Seed {
  recipient?: string;
  level?: 'reminder' | 'escalation';
  kind?: string;
  /** Seconds from now when the row may first be tried. */
  notBeforeSeconds?: number;
  status?: string;
  /** Seconds ago that a row in 'sending' was claimed. */
  claimedSecondsAgo?: number;
  attempts?: number;
}

/** Writes outbox rows as recordAlert does (plus, when asked, the delivery columns); returns their keys. */
async function seed(caseId: string, rows: Seed[]): Promise<string[]> {
  const keys: string[] = [];
  for (const [i, r] of rows.entries()) {
    const level = r.level ?? 'reminder';
    const kind = r.kind ?? 'consent';
    const key = `${level}:${caseId}:${kind}:2026-01-01T00:00:00.000Z#${String(i).padStart(4, '0')}`;
    await pool.query(
      `INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at, next_attempt_at, status, claimed_at, attempts)
       VALUES ($1, $2, $3, $4, $5, '2026-03-01T08:00:00Z', now(), now() + make_interval(secs => $6), $7,
               CASE WHEN $8::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $8::float8) END, $9)`,
      [key, caseId, level, kind, r.recipient ?? 'ke', r.notBeforeSeconds ?? 0, r.status ?? 'pending', r.claimedSecondsAgo ?? null, r.attempts ?? 0],
    );
    keys.push(key);
  }
  return keys;
}

async function seedMany(caseId: string, n: number, recipient = 'ke'): Promise<string[]> {
  const { rows } = await pool.query<{ key: string }>(
    `INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at)
     SELECT 'reminder:' || $1::text || ':minutes:' || lpad(i::text, 4, '0'), $4::uuid, 'reminder', 'minutes', $3, now(), now()
       FROM generate_series(1, $2::int) AS i
     RETURNING key`,
    [caseId, n, recipient, caseId],
  );
  return rows.map((r) => r.key).sort();
}

async function coordinator(): Promise<{ id: string; email: string }> {
  const tag = randomUUID().slice(0, 8);
  const unit = randomUUID();
  const id = randomUUID();
  const email = `kim.${tag}@testkommune.no`;
  await pool.query("INSERT INTO units (id, name, sector, municipality) VALUES ($1, $2, 'health', $3)", [unit, `Helsestasjon ${tag}`, TEST_MUNICIPALITY]);
  await pool.query("INSERT INTO coordinators (id, unit_id, name, email, municipality) VALUES ($1, $2, 'Kim Koordinator', $3, $4)", [id, unit, email, TEST_MUNICIPALITY]);
  return { id, email };
}

interface Row {
  key: string;
  status: string;
  attempts: number;
  sent_at: Date | null;
  channel: string | null;
  next_attempt_at: Date;
  last_error: string | null;
}
async function rowsOf(caseId: string): Promise<Map<string, Row>> {
  const { rows } = await pool.query<Row>(
    'SELECT key, status, attempts, sent_at, channel, next_attempt_at, last_error FROM reminders WHERE case_id = $1',
    [caseId],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

async function allSent(caseId: string, n: number, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM reminders WHERE case_id = $1 AND status = 'sent'", [caseId]);
      return rows[0].n === n || undefined;
    },
    timeoutMs,
    20,
  );
}

const countBy = <T>(items: T[]) => items.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

describe('reminder delivery', () => {
  test('when reminders are due, then each is e-mailed once to the right address with the Message-ID of its key, put in the inbox and marked sent', async () => {
    const server = await smtp();
    const caseId = randomUUID();
    const [a, b] = [await coordinator(), await coordinator()];
    const keys = await seed(caseId, [
      { recipient: `coordinator:${a.id}`, kind: 'kick_off' },
      { recipient: `coordinator:${b.id}`, kind: 'meeting' },
      { recipient: 'ke', level: 'escalation', kind: 'minutes' },
      { recipient: 'caseworker:ke-anne', kind: 'consent' },
      { recipient: 'ke', kind: 'decision', notBeforeSeconds: 3600 },
    ]);
    const due = keys.slice(0, 4);
    dispatcher({ caseIds: [caseId] }, server);
    await allSent(caseId, 4);
    // A little longer: nothing else arrives, and the row not yet due stays put.
    await new Promise((r) => setTimeout(r, 200));

    const mails = await server.parsed();
    expect(mails).toHaveLength(4);
    const byId = new Map(mails.map((m) => [m.messageId, m]));
    const expectedTo = [a.email, b.email, KE_EMAIL, KE_EMAIL];
    due.forEach((key, i) => {
      const mail = byId.get(messageIdOf(key));
      expect(mail?.messageId).toBe(messageIdOf(key));
      expect(mail!.envelopeTo).toEqual([expectedTo[i]]);
      expect(mail!.to).toBe(expectedTo[i]);
      expect(mail!.from).toContain('ikke-svar@testkommune.no');
      expect(mail!.text).toContain(`${BASE}/cases/${caseId}`);
      expect(mail!.text).not.toContain('Kim');
    });
    expect(byId.get(messageIdOf(due[0]))!.subject).toBe('Påminnelse: oppstartsamtalen er ikke holdt – frist 1. mars 2026');
    expect(byId.get(messageIdOf(due[1]))!.subject).toBe('Påminnelse: ansvarsgruppemøte 1. mars 2026 kl. 09.00');
    expect(byId.get(messageIdOf(due[2]))!.subject).toBe('Eskalering: referat mangler – fristen 1. mars 2026 er oversittet');

    const rows = await rowsOf(caseId);
    for (const key of due) expect(rows.get(key)).toMatchObject({ status: 'sent', attempts: 1, channel: 'email', last_error: null, sent_at: expect.any(Date) });
    expect(rows.get(keys[4])).toMatchObject({ status: 'pending', attempts: 0, sent_at: null });

    const inbox = await pool.query('SELECT reminder_key, recipient, subject, body FROM inbox WHERE case_id = $1 ORDER BY reminder_key', [caseId]);
    expect(inbox.rows.map((r) => r.reminder_key)).toEqual([...due].sort());
    const inboxOf = new Map(inbox.rows.map((r) => [r.reminder_key, r]));
    expect(inboxOf.get(due[3])).toMatchObject({ recipient: 'caseworker:ke-anne', subject: byId.get(messageIdOf(due[3]))!.subject });
  });

  test('when SMTP is not configured, then reminders go to the log (key, kind, recipient, no personal data) and the inbox', async () => {
    const lines: string[] = [];
    const captured = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const caseId = randomUUID();
    const c = await coordinator();
    const keys = await seed(caseId, [{ recipient: `coordinator:${c.id}`, kind: 'plan_evaluation' }, { recipient: 'ke', level: 'escalation', kind: 'consent' }]);
    dispatcher({ caseIds: [caseId], logger: captured, mailer: undefined });
    await allSent(caseId, 2);

    const rows = await rowsOf(caseId);
    for (const key of keys) expect(rows.get(key)).toMatchObject({ status: 'sent', attempts: 1, channel: 'inbox' });
    const inbox = await pool.query('SELECT reminder_key, recipient FROM inbox WHERE case_id = $1 ORDER BY reminder_key', [caseId]);
    expect(inbox.rows).toEqual([...keys].sort().map((k) => ({ reminder_key: k, recipient: k.startsWith('escalation') ? 'ke' : `coordinator:${c.id}` })));

    const logged = lines.map((l) => JSON.parse(l)).filter((l) => keys.includes(l.reminderKey));
    expect(logged).toHaveLength(2);
    for (const l of logged) {
      expect(l).toMatchObject({ level: 30, alertLevel: expect.stringMatching(/^(reminder|escalation)$/), kind: expect.any(String), recipient: expect.any(String), msg: 'reminder put in the in-app inbox' });
      const text = JSON.stringify(l);
      expect(text).not.toContain(c.email);
      expect(text).not.toMatch(/Kim|Påminnelse|Eskalering/);
    }
  });

  test('when the SMTP server refuses, then attempts go up with a backoff, the row stays pending and is sent on a later attempt', async () => {
    const server = await smtp();
    server.refuseNext(2);
    const caseId = randomUUID();
    const [key] = await seed(caseId, [{ recipient: 'ke', kind: 'appointment' }]);
    dispatcher({ caseIds: [caseId], retryBaseMs: 400 }, server);

    const afterFirst = await eventually(async () => {
      const row = (await rowsOf(caseId)).get(key)!;
      return row.attempts === 1 && row.status === 'pending' ? row : undefined;
    });
    expect(afterFirst.last_error).toMatch(/451/);
    expect(afterFirst.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 100);
    expect(server.received).toHaveLength(0);

    await allSent(caseId, 1);
    const row = (await rowsOf(caseId)).get(key)!;
    expect(row).toMatchObject({ status: 'sent', attempts: 3, channel: 'email', last_error: null });
    expect(server.refused).toBe(2);
    const mails = await server.parsed();
    expect(mails.map((m) => m.messageId)).toEqual([messageIdOf(key)]);
    // The inbox was written on the first attempt and only once.
    expect((await pool.query('SELECT count(*)::int AS n FROM inbox WHERE reminder_key = $1', [key])).rows[0].n).toBe(1);
  });

  test('when every attempt is refused, then the row is failed after the last attempt and stays in the inbox', async () => {
    const server = await smtp();
    server.refuseAll(550);
    const caseId = randomUUID();
    const [key] = await seed(caseId, [{ recipient: 'ke', kind: 'decision' }]);
    dispatcher({ caseIds: [caseId], retryBaseMs: 20, maxAttempts: 3 }, server);
    const row = await eventually(async () => {
      const r = (await rowsOf(caseId)).get(key)!;
      return r.status === 'failed' ? r : undefined;
    });
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/550/);
    expect(server.refused).toBe(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.refused).toBe(3);
    expect((await pool.query('SELECT count(*)::int AS n FROM inbox WHERE reminder_key = $1', [key])).rows[0].n).toBe(1);
  });

  test("when a row was left in 'sending' by a dispatcher that died, then it is sent after the lease and not before", async () => {
    const server = await smtp();
    const caseId = randomUUID();
    const [abandoned, held] = await seed(caseId, [
      { status: 'sending', claimedSecondsAgo: 120, attempts: 1 },
      { status: 'sending', claimedSecondsAgo: 0, attempts: 1 },
    ]);
    dispatcher({ caseIds: [caseId], leaseMs: 60_000 }, server);
    await eventually(async () => ((await rowsOf(caseId)).get(abandoned)!.status === 'sent' ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    const rows = await rowsOf(caseId);
    expect(rows.get(abandoned)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rows.get(held)).toMatchObject({ status: 'sending', attempts: 1 });
    expect((await server.parsed()).map((m) => m.messageId)).toEqual([messageIdOf(abandoned)]);
  });

  test('when the dispatcher is stopped in the middle of a batch, then it finishes the send in flight and hands the rest back untouched', async () => {
    const server = await smtp();
    const caseId = randomUUID();
    const keys = await seedMany(caseId, 10);
    const d = dispatcher({ caseIds: [caseId], batchSize: 10 }, server);
    let stopped: Promise<void> | undefined;
    server.beforeReply = (n) => {
      if (n === 3) stopped = d.stop();
    };
    await eventually(async () => stopped !== undefined || undefined);
    await stopped;
    const rows = await rowsOf(caseId);
    expect(keys.slice(0, 3).map((k) => rows.get(k)!.status)).toEqual(['sent', 'sent', 'sent']);
    for (const k of keys.slice(3)) expect(rows.get(k)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(server.received).toHaveLength(3);
  });

  test('when recordAlert writes a row, then a listening dispatcher delivers it at once instead of at its next poll', async () => {
    const server = await smtp();
    const caseId = randomUUID();
    const listening = async () => {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
        [LISTENER_NAME],
      );
      return rows[0].n;
    };
    const before = await listening();
    // A poll an hour away: only the wake-up can deliver within the test.
    dispatcher({ caseIds: [caseId], intervalMs: 3_600_000, listenUrl: testEnv().databaseUrl }, server);
    await eventually(async () => ((await listening()) > before ? true : undefined), 10_000, 20);
    await new Promise((r) => setTimeout(r, 100));

    const activities = createActivities({ pool, logger, municipality: MUNICIPALITY });
    const key = `reminder:${caseId}:consent:2026-01-01T00:00:00.000Z`;
    const written = Date.now();
    await activities.recordAlert({ key, caseId, level: 'reminder', kind: 'consent', recipient: 'ke', dueAt: '2026-01-15T00:00:00.000Z', firedAt: new Date().toISOString() });
    await allSent(caseId, 1, 5_000);
    expect(Date.now() - written).toBeLessThan(5_000);
    // Writing the same alert again (a retried activity) neither adds a row nor sends again.
    await activities.recordAlert({ key, caseId, level: 'reminder', kind: 'consent', recipient: 'ke', dueAt: '2026-01-15T00:00:00.000Z', firedAt: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 300));
    expect((await server.parsed()).map((m) => m.messageId)).toEqual([messageIdOf(key)]);
    expect((await rowsOf(caseId)).get(key)).toMatchObject({ status: 'sent', attempts: 1, channel: 'email' });
  });

  test('when the listening connection is cut, then the dispatcher listens again and is woken as before', async () => {
    const server = await smtp();
    const caseId = randomUUID();
    const listeners = async () =>
      (
        await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'", [LISTENER_NAME])
      ).rows.map((r) => r.pid);
    const before = new Set(await listeners());
    dispatcher({ caseIds: [caseId], intervalMs: 3_600_000, listenUrl: testEnv().databaseUrl }, server);
    const [first] = await eventually(async () => {
      const ours = (await listeners()).filter((pid) => !before.has(pid));
      return ours.length > 0 ? ours : undefined;
    }, 10_000, 20);
    await pool.query('SELECT pg_terminate_backend($1)', [first]);
    await eventually(async () => ((await listeners()).some((pid) => !before.has(pid) && pid !== first) ? true : undefined), 10_000, 50);

    const activities = createActivities({ pool, logger, municipality: MUNICIPALITY });
    const key = `reminder:${caseId}:decision:2026-01-01T00:00:00.000Z`;
    await activities.recordAlert({ key, caseId, level: 'reminder', kind: 'decision', recipient: 'ke', dueAt: '2026-01-15T00:00:00.000Z', firedAt: new Date().toISOString() });
    await allSent(caseId, 1, 5_000);
    expect((await server.parsed()).map((m) => m.messageId)).toEqual([messageIdOf(key)]);
  });

  test('when two dispatchers run at once, then every reminder is sent exactly once, by one of them', async () => {
    const [first, second] = [await smtp(), await smtp()];
    const caseId = randomUUID();
    const keys = await seedMany(caseId, 100);
    dispatcher({ caseIds: [caseId], batchSize: 5 }, first);
    dispatcher({ caseIds: [caseId], batchSize: 5 }, second);
    await allSent(caseId, 100);
    await new Promise((r) => setTimeout(r, 200));

    const ids = [...(await first.parsed()), ...(await second.parsed())].map((m) => m.messageId);
    expect(ids).toHaveLength(100);
    expect(new Set(ids)).toEqual(new Set(keys.map(messageIdOf)));
    // Both took part.
    expect(first.received.length).toBeGreaterThan(0);
    expect(second.received.length).toBeGreaterThan(0);
    const rows = await rowsOf(caseId);
    expect([...rows.values()].every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  test('when the dispatcher process is killed in the middle of a batch, then a new one delivers every reminder and repeats only what was in flight, with the same Message-ID', async () => {
    const server = await smtp();
    const caseId = randomUUID();
    const total = 200;
    const batchSize = 20;
    const keys = await seedMany(caseId, total);
    const root = join(__dirname, '..', '..');
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'helpers', 'dispatcher-child.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: testEnv().databaseUrl,
        SMTP_URL: server.url,
        SMTP_FROM: FROM,
        KE_EMAIL,
        PUBLIC_BASE_URL: BASE,
        REMINDER_BATCH_SIZE: String(batchSize),
        REMINDER_POLL_MS: '20',
        DISPATCH_CASE_IDS: caseId,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let killedAt = 0;
    const killed = new Promise<void>((resolve) => {
      // The 50th message (in the middle of the third batch) has arrived in full; the dispatcher has not heard the server's 250 yet.
      server.beforeReply = (n) => {
        if (n !== 50) return;
        killedAt = n;
        child.kill('SIGKILL');
        resolve();
      };
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await Promise.race([
      killed,
      exited.then((signal) => {
        if (!killedAt) throw new Error(`the dispatcher child exited before the kill (${signal})`);
      }),
    ]);
    expect(await exited).toBe('SIGKILL');

    // What the crash left behind.
    const atKill = await pool.query<{ status: string; key: string }>('SELECT status, key FROM reminders WHERE case_id = $1', [caseId]);
    const inFlight = new Set(atKill.rows.filter((r) => r.status === 'sending').map((r) => r.key));
    const sentAtKill = atKill.rows.filter((r) => r.status === 'sent').length;
    const receivedAtKill = server.received.length;
    expect(inFlight.size).toBeGreaterThan(0);
    expect(inFlight.size).toBeLessThanOrEqual(batchSize);

    // A new dispatcher takes over once the dead one's lease has run out.
    server.beforeReply = undefined;
    dispatcher({ caseIds: [caseId], batchSize, leaseMs: 500 }, server);
    await allSent(caseId, total);
    await new Promise((r) => setTimeout(r, 200));

    const ids = (await server.parsed()).map((m) => m.messageId);
    const counts = countBy(ids);
    const duplicated = [...counts.entries()].filter(([, n]) => n > 1);
    const keyOf = new Map(keys.map((k) => [messageIdOf(k), k]));
    expect(new Set(ids)).toEqual(new Set(keys.map(messageIdOf)));
    expect(counts.size).toBe(total);
    expect(duplicated.length).toBeLessThanOrEqual(inFlight.size);
    // Rows are sent one at a time: only the one whose send the kill interrupted can repeat.
    expect(duplicated.length).toBeLessThanOrEqual(1);
    for (const [id, n] of duplicated) {
      expect(n).toBe(2);
      expect(inFlight.has(keyOf.get(id)!)).toBe(true);
    }
    const rows = await rowsOf(caseId);
    expect([...rows.values()].every((r) => r.status === 'sent')).toBe(true);
    expect((await pool.query('SELECT count(*)::int AS n FROM inbox WHERE case_id = $1', [caseId])).rows[0].n).toBe(total);
    console.log(
      `crash test: killed at message ${killedAt}; at the kill ${sentAtKill} rows were sent, ${inFlight.size} in 'sending' (batch ${batchSize}), ` +
        `${receivedAtKill} messages received; after the restart ${ids.length} messages, ${counts.size} distinct Message-IDs, ` +
        `${duplicated.length} Message-ID(s) received twice: ${duplicated.map(([id]) => keyOf.get(id)).join(', ') || 'none'}`,
    );
  });
});
