/**
 * The in-app inbox of reminders and escalations (written by worker/dispatcher.ts), newest first,
 * each with the delivery status of its outbox row. reminder_key is the inbox's key, so the order
 * is total.
 */
import type { Pool } from 'pg';
import { shownAlertKey } from '../../workflows/case/deadlines';
import { handedOver } from './holders';
import type { Page, Rows } from './page';

/** A page of an inbox, optionally of its unread messages only. */
export interface InboxFilter extends Page {
  unread?: boolean;
}

/** The rows of a page, and how many messages of the whole inbox are unread (whatever the filter). */
export type InboxRows = Rows<InboxItem> & { unread: number };

export type InboxItem = ReturnType<typeof itemRow>;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

const itemRow = (r: Record<string, unknown>) => ({
  reminderKey: shownAlertKey(r.reminder_key as string, r.kind as string),
  caseId: r.case_id as string,
  recipient: r.recipient as string,
  level: r.level as 'reminder' | 'escalation',
  kind: r.kind as string,
  subject: r.subject as string,
  body: r.body as string,
  dueAt: (r.due_at as Date).toISOString(),
  createdAt: (r.created_at as Date).toISOString(),
  readAt: iso(r.read_at),
  status: r.status as 'pending' | 'sending' | 'sent' | 'failed',
  channel: (r.channel ?? null) as 'email' | 'inbox' | null,
  attempts: Number(r.attempts),
  sentAt: iso(r.sent_at),
});

const INBOX_COLUMNS = `
  i.reminder_key, i.case_id, i.recipient, i.subject, i.body, i.created_at, i.read_at,
  r.level, r.kind, r.due_at, r.status, r.channel, r.attempts, r.sent_at`;
const INBOX_SELECT = `SELECT ${INBOX_COLUMNS} FROM inbox i JOIN reminders r ON r.key = i.reminder_key`;

/**
 * A coordinator's inbox ($1 the recipient): without the messages of cases they have handed over
 * (departed, or on leave with a substitute; holders.ts), whose links would lead to a case they may
 * no longer see. They show again when the leave ends.
 */
const COORDINATOR_INBOX_WHERE = `
   WHERE i.recipient = $1
     AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = i.case_id AND 'coordinator:' || c.coordinator_id::text = $1 AND ${handedOver('c')})`;
/** KE's inbox: the shared 'ke' one and KE's caseworkers', for cases of the municipality ($1). */
const KE_INBOX_WHERE = `
   WHERE (i.recipient = 'ke' OR i.recipient LIKE 'caseworker:%')
     AND i.case_id IN (SELECT id FROM cases WHERE municipality = $1)`;

/** One page of the inbox of `where` (whose one parameter is $1; $2 unread only), and its counts. */
async function inboxPage(db: Pool, where: string, param: string, f: InboxFilter): Promise<InboxRows> {
  const unreadOnly = f.unread === true;
  const [rows, count] = await Promise.all([
    db.query(`${INBOX_SELECT} ${where} AND (NOT $2 OR i.read_at IS NULL) ORDER BY i.created_at DESC, i.reminder_key LIMIT $3 OFFSET $4`, [
      param,
      unreadOnly,
      f.limit,
      f.offset,
    ]),
    db.query<{ n: number; unread: number }>(
      `SELECT count(*) FILTER (WHERE NOT $2 OR i.read_at IS NULL)::int AS n, count(*) FILTER (WHERE i.read_at IS NULL)::int AS unread
         FROM inbox i ${where}`,
      [param, unreadOnly],
    ),
  ]);
  return { rows: rows.rows.map(itemRow), total: count.rows[0].n, unread: count.rows[0].unread };
}

/**
 * Marks a message of the inbox of `where` read, once: a later call keeps the first time. The
 * message as the lists show it, or undefined when the inbox has no such message.
 */
async function markRead(db: Pool, where: string, param: string, reminderKey: string): Promise<InboxItem | undefined> {
  const { rows } = await db.query(
    `WITH marked AS (
       UPDATE inbox i SET read_at = coalesce(i.read_at, now()) ${where} AND i.reminder_key = $2 RETURNING i.*)
     SELECT ${INBOX_COLUMNS} FROM marked i JOIN reminders r ON r.key = i.reminder_key`,
    [param, reminderKey],
  );
  return rows.length === 0 ? undefined : itemRow(rows[0]);
}

export function remindersRepository(db: Pool) {
  return {
    /** A coordinator's inbox (the caller checks the coordinator is of their municipality). */
    async forCoordinator(coordinatorId: string, f: InboxFilter): Promise<InboxRows> {
      return inboxPage(db, COORDINATOR_INBOX_WHERE, `coordinator:${coordinatorId}`, f);
    },

    /** Marks a message of a coordinator's inbox read (the caller checks the coordinator is of their municipality). */
    async markReadForCoordinator(coordinatorId: string, reminderKey: string): Promise<InboxItem | undefined> {
      return markRead(db, COORDINATOR_INBOX_WHERE, `coordinator:${coordinatorId}`, reminderKey);
    },

    /** Reminders per delivery status, and the age in seconds of the oldest not yet delivered of each (for /metrics). */
    async deliveryCounts(): Promise<{ status: string; n: number; oldest: number | null }[]> {
      const { rows } = await db.query<{ status: string; n: number; oldest: number | null }>(
        `SELECT status, count(*)::int AS n,
                extract(epoch FROM now() - min(created_at) FILTER (WHERE status NOT IN ('sent', 'failed')))::float8 AS oldest
           FROM reminders GROUP BY status`,
      );
      return rows;
    },

    async forKe(municipality: string, f: InboxFilter): Promise<InboxRows> {
      return inboxPage(db, KE_INBOX_WHERE, municipality, f);
    },

    async markReadForKe(municipality: string, reminderKey: string): Promise<InboxItem | undefined> {
      return markRead(db, KE_INBOX_WHERE, municipality, reminderKey);
    },
  };
}

export type RemindersRepository = ReturnType<typeof remindersRepository>;
