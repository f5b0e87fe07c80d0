/**
 * The in-app inbox of reminders and escalations (written by worker/dispatcher.ts), newest first,
 * each with the delivery status of its outbox row. reminder_key is the inbox's key, so the order
 * is total.
 */
import type { Pool } from 'pg';
import { shownAlertKey } from '../../workflows/case/deadlines';
import type { Page, Rows } from './page';

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

const INBOX_SELECT = `
  SELECT i.reminder_key, i.case_id, i.recipient, i.subject, i.body, i.created_at, i.read_at,
         r.level, r.kind, r.due_at, r.status, r.channel, r.attempts, r.sent_at
    FROM inbox i JOIN reminders r ON r.key = i.reminder_key`;

/** KE's inbox: the shared 'ke' one and KE's caseworkers', for cases of the municipality ($1). */
const KE_INBOX_WHERE = `
   WHERE (i.recipient = 'ke' OR i.recipient LIKE 'caseworker:%')
     AND i.case_id IN (SELECT id FROM cases WHERE municipality = $1)`;

export function remindersRepository(db: Pool) {
  return {
    /** A coordinator's inbox (the caller checks the coordinator is of their municipality). */
    async forCoordinator(coordinatorId: string, page: Page): Promise<Rows<InboxItem>> {
      const recipient = `coordinator:${coordinatorId}`;
      const [rows, count] = await Promise.all([
        db.query(`${INBOX_SELECT} WHERE i.recipient = $1 ORDER BY i.created_at DESC, i.reminder_key LIMIT $2 OFFSET $3`, [recipient, page.limit, page.offset]),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox i WHERE i.recipient = $1', [recipient]),
      ]);
      return { rows: rows.rows.map(itemRow), total: count.rows[0].n };
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

    async forKe(municipality: string, page: Page): Promise<Rows<InboxItem>> {
      const [rows, count] = await Promise.all([
        db.query(`${INBOX_SELECT} ${KE_INBOX_WHERE} ORDER BY i.created_at DESC, i.reminder_key LIMIT $2 OFFSET $3`, [municipality, page.limit, page.offset]),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox i ${KE_INBOX_WHERE}`, [municipality]),
      ]);
      return { rows: rows.rows.map(itemRow), total: count.rows[0].n };
    },
  };
}

export type RemindersRepository = ReturnType<typeof remindersRepository>;
