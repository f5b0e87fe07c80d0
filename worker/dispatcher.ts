/**
 * Delivery of reminders and escalations: a durable dispatcher over the `reminders` outbox.
 *
 * The workflow writes a row when an alert is due (activities recordAlert); this loop, in the
 * worker process, claims due rows, writes each to the recipient's in-app inbox, e-mails it when
 * SMTP is configured, and marks it sent. Everything it needs is in Postgres, so a restart — or a
 * crash — loses nothing: a row is done only when it is marked `sent`.
 *
 * Claiming. One statement (its own small transaction) picks due rows with
 * `FOR UPDATE SKIP LOCKED` and sets them `sending` with `claimed_at = now()` and a token of this
 * claim, so several dispatchers (several worker processes) never take the same row. A row left
 * in `sending` for longer than the lease — its dispatcher died — is claimed again. Before each
 * send the dispatcher renews its claim on that one row; if another dispatcher has taken it in
 * the meantime, it leaves it alone.
 *
 * At least once, not exactly once. SMTP and Postgres cannot commit together: the e-mail is
 * handed to the SMTP server first and the row is marked `sent` after. If the process dies (or
 * its database connection drops, or the server accepts a message after our client gave up
 * waiting) between the two, the row stays `sending`, is claimed again after the lease, and the
 * e-mail goes out a second time. That window is one row per dispatcher — rows are sent one at a
 * time — so a crash repeats at most the message that was being sent. The repeat is recognisable:
 * the Message-ID is derived from the reminder key alone, so both copies carry the same
 * Message-ID, and mail systems that de-duplicate by Message-ID show it once. The in-app inbox is
 * exactly once (its key is the reminder key).
 *
 * Waking. The loop polls every `intervalMs`; with `listenUrl` it also keeps one connection of its
 * own LISTENing on `reminder_due`, which recordAlert NOTIFYs when it writes a row, and starts a
 * round at once on each notification (or right after the round in progress). A notification only
 * wakes the loop: claiming is the same, so a missed one (the listening connection dropped, another
 * dispatcher took the row) costs at most one poll interval. The poll stays for retries that come
 * due, leases that run out and rows written while nothing listened.
 *
 * Failures. A failed send leaves the row `pending` with `next_attempt_at` moved on by an
 * exponential backoff, and after `maxAttempts` attempts the row is `failed` (and stays in the
 * inbox). `attempts` counts attempts begun, so a row that keeps killing its dispatcher also ends
 * as `failed` instead of looping for ever.
 *
 * Personal data. The rows carry no names, birth dates or health details, and neither do the texts
 * (reminder-texts.ts). Log lines name the reminder key (never with a birth-derived date: see
 * shownAlertKey), kind, level and recipient role; never an e-mail address or an SMTP server's
 * reply, which may echo one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { Client, type Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../lib/config';
import { REMINDER_CHANNEL } from '../activities';
import { shownAlertKey } from '../workflows/case/deadlines';
import type { Malform } from '../lib/i18n';
import { reminderText } from './reminder-texts';

/** One e-mail, plain text. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * E-mail over SMTP with nodemailer, one pooled connection. The URL is `smtp://host:port` (or
 * `smtps://`, with `user:pass@` when the server asks for a login). Timeouts are well under the
 * claim lease, so a hanging server cannot make a claimed row look abandoned.
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close() {
      transport.close();
    },
  };
}

/** The Message-ID of a reminder's e-mail: the same for every attempt, so a repeat is recognisable. */
export function messageIdOf(reminderKey: string): string {
  return `<${createHash('sha256').update(reminderKey).digest('hex')}@barnekoordinator>`;
}

export interface DispatcherOptions {
  pool: Pool;
  logger: Logger;
  /** Without a mailer, reminders go to the log and the in-app inbox only. stop() closes it. */
  mailer?: Mailer;
  /** Base of the link to the case in every message. */
  publicBaseUrl: string;
  /** KE's shared address, for 'ke' and 'caseworker:<id>', where the municipality's register entry has none. */
  keEmail?: string;
  /** The målform of a municipality without a register entry (MALFORM); bokmål without it. */
  malform?: Malform;
  /** The name of a municipality without a register entry (MUNICIPALITY_NAME); without it, the message names none. */
  municipalityName?: string;
  /** Pause between polls when there was nothing (or less than a batch) to send. */
  intervalMs?: number;
  /**
   * A PostgreSQL URL for a connection of the dispatcher's own that LISTENs for new outbox rows
   * and wakes the loop at once; without it the dispatcher only polls.
   */
  listenUrl?: string;
  /** Rows claimed at a time. */
  batchSize?: number;
  /** After this many attempts a row is 'failed'. */
  maxAttempts?: number;
  /** A row in 'sending' this long is taken to be abandoned and is claimed again. */
  leaseMs?: number;
  /** Backoff after a failed attempt: retryBaseMs · 2^(attempt − 1), at most retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * Tests only: deliver only these cases' rows. The test database is shared by all test files,
   * and a dispatcher under test must not deliver (or fail) other files' rows. Production leaves
   * it unset.
   */
  caseIds?: string[];
}

export interface Dispatcher {
  /** Stops polling, hands back claimed rows not yet sent, waits for the send in flight. */
  stop(): Promise<void>;
}

export const DISPATCHER_DEFAULTS = {
  intervalMs: 1000,
  batchSize: 10,
  maxAttempts: 8,
  leaseMs: 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
} as const;

/** The dispatcher's options from the process configuration (worker/main.ts). */
export function dispatcherOptionsFromConfig(config: Config, pool: Pool, logger: Logger): DispatcherOptions {
  return {
    pool,
    logger,
    mailer: config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.SMTP_FROM) : undefined,
    publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`,
    keEmail: config.KE_EMAIL,
    malform: config.MALFORM,
    municipalityName: config.MUNICIPALITY_NAME,
    intervalMs: config.REMINDER_POLL_MS,
    listenUrl: config.DATABASE_URL,
    batchSize: config.REMINDER_BATCH_SIZE,
    maxAttempts: config.REMINDER_MAX_ATTEMPTS,
  };
}

interface ClaimedRow {
  key: string;
  case_id: string;
  level: 'reminder' | 'escalation';
  kind: string;
  recipient: string;
  due_at: Date;
  attempts: number;
}

/** The application_name of the dispatcher's LISTEN connection, as pg_stat_activity shows it. */
export const LISTENER_NAME = 'reminder-dispatcher';

const COORDINATOR = /^coordinator:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const o = { ...DISPATCHER_DEFAULTS, ...withoutUndefined(options) };
  const { pool, logger, mailer } = o;
  const caseIds = o.caseIds ?? null;
  const log = logger.child({ part: 'reminder-dispatcher' });
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  if (mailer && !o.keEmail) log.warn('SMTP is configured but KE_EMAIL is not: reminders to KE and caseworkers go to the in-app inbox only, unless the municipality register has an e-mail for KE');
  log.info({ email: mailer !== undefined, batchSize: o.batchSize, intervalMs: o.intervalMs }, 'reminder dispatcher started');

  /** Rows abandoned in 'sending' with no attempt left: failed, not claimed again. */
  async function failExhausted(): Promise<void> {
    const { rows } = await pool.query<{ key: string; kind: string }>(
      `UPDATE reminders SET status = 'failed', last_error = coalesce(last_error, 'abandoned while sending')
        WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1::float8 / 1000)
          AND attempts >= $2 AND ($3::uuid[] IS NULL OR case_id = ANY($3::uuid[]))
        RETURNING key, kind`,
      [o.leaseMs, o.maxAttempts, caseIds],
    );
    for (const r of rows) log.error({ reminderKey: shownAlertKey(r.key, r.kind), kind: r.kind }, 'reminder delivery failed for good: abandoned while sending');
  }

  /** Due pending rows, and rows whose lease ran out, become this claim's; attempts counts them. */
  async function claim(token: string): Promise<ClaimedRow[]> {
    const { rows } = await pool.query<ClaimedRow>(
      `UPDATE reminders r
          SET status = 'sending', claimed_at = now(), claim_token = $1, attempts = r.attempts + 1
         FROM (SELECT key FROM reminders
                WHERE ((status = 'pending' AND next_attempt_at <= now())
                    OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2::float8 / 1000)))
                  AND attempts < $3
                  AND ($5::uuid[] IS NULL OR case_id = ANY($5::uuid[]))
                ORDER BY next_attempt_at, key
                LIMIT $4
                FOR UPDATE SKIP LOCKED) due
        WHERE r.key = due.key
        RETURNING r.key, r.case_id, r.level, r.kind, r.recipient, r.due_at, r.attempts`,
      [token, o.leaseMs, o.maxAttempts, o.batchSize, caseIds],
    );
    return rows.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Renews the claim on one row just before its send; false when another dispatcher has it now. */
  async function stillMine(row: ClaimedRow, token: string): Promise<boolean> {
    const { rowCount } = await pool.query(
      "UPDATE reminders SET claimed_at = now() WHERE key = $1 AND status = 'sending' AND claim_token = $2",
      [row.key, token],
    );
    return rowCount === 1;
  }

  /**
   * The case's municipality as the register has it: the recipients are its staff, so the message
   * is in its målform, from its KE, and KE's mail goes to its address. Without an entry: the
   * deployment's settings.
   */
  async function municipalityOf(caseId: string): Promise<{ malform?: Malform; name?: string; keEmail?: string }> {
    const { rows } = await pool.query<{ malform: Malform | null; name: string | null; ke_email: string | null }>(
      `SELECT m.malform, m.name, m.ke_email FROM cases c JOIN municipalities m ON m.number = c.municipality WHERE c.id = $1`,
      [caseId],
    );
    const m = rows[0];
    if (!m) return { malform: o.malform, name: o.municipalityName, keEmail: o.keEmail };
    return { malform: m.malform ?? o.malform, name: m.name ?? o.municipalityName, keEmail: m.ke_email ?? o.keEmail };
  }

  async function addressOf(recipient: string, keEmail: string | undefined): Promise<string | undefined> {
    // Caseworkers are KE staff and have no registry (and so no address) yet: KE's shared
    // address stands in for them, and the inbox keeps the individual recipient.
    if (recipient === 'ke' || recipient.startsWith('caseworker:')) return keEmail;
    const coordinator = COORDINATOR.exec(recipient);
    if (!coordinator) return undefined;
    const { rows } = await pool.query<{ email: string }>('SELECT email FROM coordinators WHERE id = $1', [coordinator[1]]);
    return rows[0]?.email;
  }

  async function deliver(row: ClaimedRow, token: string): Promise<void> {
    if (!(await stillMine(row, token))) {
      log.warn({ reminderKey: shownAlertKey(row.key, row.kind) }, 'reminder claimed by another dispatcher after the lease ran out; left to it');
      return;
    }
    const facts = { reminderKey: shownAlertKey(row.key, row.kind), caseId: row.case_id, alertLevel: row.level, kind: row.kind, recipient: row.recipient, attempt: row.attempts };
    try {
      const municipality = await municipalityOf(row.case_id);
      const text = reminderText({
        caseId: row.case_id,
        level: row.level,
        kind: row.kind,
        dueAt: row.due_at,
        publicBaseUrl: o.publicBaseUrl,
        malform: municipality.malform,
        municipalityName: municipality.name,
      });
      await pool.query(
        `INSERT INTO inbox (reminder_key, recipient, case_id, subject, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (reminder_key) DO NOTHING`,
        [row.key, row.recipient, row.case_id, text.subject, text.body],
      );
      let channel: 'email' | 'inbox' = 'inbox';
      if (mailer) {
        const to = await addressOf(row.recipient, municipality.keEmail);
        if (to) {
          await mailer.send({ to, subject: text.subject, text: text.body, messageId: messageIdOf(row.key) });
          channel = 'email';
        } else {
          log.warn(facts, 'no e-mail address for the recipient; reminder delivered to the in-app inbox only');
        }
      }
      await pool.query(
        `UPDATE reminders SET status = 'sent', sent_at = now(), channel = $3, last_error = NULL
          WHERE key = $1 AND claim_token = $2 AND status = 'sending'`,
        [row.key, token, channel],
      );
      log.info(facts, channel === 'email' ? 'reminder e-mailed and put in the in-app inbox' : 'reminder put in the in-app inbox');
    } catch (err) {
      await failed(row, token, err);
    }
  }

  async function failed(row: ClaimedRow, token: string, err: unknown): Promise<void> {
    const e = err as { code?: string; responseCode?: number; message?: string };
    const summary = [e.code, e.responseCode].filter((x) => x !== undefined).join(' ') || 'error';
    const { rows } = await pool.query<{ status: string; next_attempt_at: Date }>(
      `UPDATE reminders
          SET status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END,
              next_attempt_at = now() + make_interval(secs => least($4::float8 * power(2, attempts - 1), $5::float8) / 1000),
              last_error = $6
        WHERE key = $1 AND claim_token = $2 AND status = 'sending'
        RETURNING status, next_attempt_at`,
      [row.key, token, o.maxAttempts, o.retryBaseMs, o.retryMaxMs, `${summary}: ${String(e.message ?? err)}`.slice(0, 500)],
    );
    const facts = { reminderKey: shownAlertKey(row.key, row.kind), kind: row.kind, recipient: row.recipient, attempt: row.attempts, error: summary };
    if (rows[0]?.status === 'failed') log.error(facts, 'reminder delivery failed for good');
    else log.warn({ ...facts, nextAttemptAt: rows[0]?.next_attempt_at }, 'reminder delivery failed; will retry');
  }

  /** Claimed rows not sent because we are stopping go back, without counting as an attempt. */
  async function release(rows: ClaimedRow[], token: string): Promise<void> {
    if (rows.length === 0) return;
    await pool.query(
      `UPDATE reminders SET status = 'pending', attempts = attempts - 1, claimed_at = NULL
        WHERE key = ANY($1::text[]) AND claim_token = $2 AND status = 'sending'`,
      [rows.map((r) => r.key), token],
    );
  }

  async function tick(): Promise<number> {
    await failExhausted();
    const token = randomUUID();
    const rows = await claim(token);
    for (let i = 0; i < rows.length; i++) {
      if (stopping) {
        await release(rows.slice(i), token);
        break;
      }
      await deliver(rows[i], token);
    }
    return rows.length;
  }

  /** Whether a round is in progress, and whether a wake-up came during it. */
  let busy = false;
  let wokenDuringRound = false;
  const loop = () => {
    busy = true;
    wokenDuringRound = false;
    running = (async () => {
      let claimed = 0;
      try {
        claimed = await tick();
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'reminder dispatch round failed; trying again');
      }
      busy = false;
      // A full batch means there may be more, and a wake-up during the round may be for a row
      // written after the claim: go on at once.
      if (!stopping) timer = setTimeout(loop, claimed >= o.batchSize || wokenDuringRound ? 0 : o.intervalMs);
    })();
  };

  /** A new row was written: start a round now, or right after the one in progress. */
  const wake = () => {
    if (stopping) return;
    if (busy) {
      wokenDuringRound = true;
      return;
    }
    clearTimeout(timer);
    loop();
  };

  let listener: Client | undefined;
  let listenRetry: NodeJS.Timeout | undefined;
  /** Whether the LISTEN connection has dropped and is not back yet (logged once, not per retry). */
  let listenerLost = false;
  /** Keeps one connection LISTENing; reconnects after a pause when it drops. */
  const listen = (url: string) => {
    if (stopping) return;
    const client = new Client({ connectionString: url, application_name: LISTENER_NAME });
    listener = client;
    let closed = false;
    const reconnect = (err?: Error) => {
      if (closed) return;
      closed = true;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (listener === client) listener = undefined;
      if (stopping) return;
      if (!listenerLost) log.warn({ err: err?.message }, 'reminder wake-up connection lost; polling until it is back');
      listenerLost = true;
      listenRetry = setTimeout(() => listen(url), 1000);
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    client.on('notification', wake);
    client
      .connect()
      .then(() => client.query(`LISTEN ${REMINDER_CHANNEL}`))
      // Rows may have been written while nothing listened.
      .then(() => {
        if (listenerLost) log.info('reminder wake-up connection back');
        listenerLost = false;
        wake();
      })
      .catch(reconnect);
  };

  loop();
  if (o.listenUrl) listen(o.listenUrl);

  return {
    stop() {
      stopping = true;
      clearTimeout(timer);
      clearTimeout(listenRetry);
      stopped ??= (async () => {
        await listener?.end().catch(() => undefined);
        await running;
        mailer?.close();
        log.info('reminder dispatcher stopped');
      })();
      return stopped;
    },
  };
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
