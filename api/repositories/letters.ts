/** Letters to the family, with the PDF stored on first download. */
import type { Pool } from 'pg';
import type { LetterBody } from '../../activities/letters/text';
import { complaintDeadline } from '../../workflows/case/to-appointment';
import { DELIVERED, type DeliveryState, type HandOverHow } from '../../workflows/delivery/messages';
import type { Page, Rows } from './page';

export interface LetterDelivery {
  state: DeliveryState;
  byHandReason: 'not_configured' | 'no_address' | null;
  channel: 'digital' | 'print' | null;
  svarutStatus: string | null;
  receivedOn: string | null;
  handedOver: { on: string; how: HandOverHow; by: string; note: string | null } | null;
  escalated: boolean;
  updatedAt: string;
}

export interface LetterSummary {
  id: string;
  kind: string;
  title: string;
  createdAt: string;
  /** Absent for letters written before deliveries were recorded. */
  delivery: LetterDelivery | null;
  /** For a letter the family may complain about: the last day, counted from the receipt once there is one. */
  complaintDeadline: { date: string; from: 'receipt' | 'letter_date' } | null;
}

/** The letters that tell the family of a decision they may complain about (pbrl § 7-5). */
const COMPLAINABLE = new Set(['decision', 'complaint_reversal', 'closure']);

const SUMMARY_COLUMNS = `l.id, l.kind, l.title, l.created_at, l.body->>'date' AS letter_date, d.state, d.by_hand_reason, d.channel, d.svarut_status,
  to_char(d.received_on, 'YYYY-MM-DD') AS received_on, to_char(d.handed_over_on, 'YYYY-MM-DD') AS handed_over_on, d.handed_over_how,
  d.handed_over_by, d.handed_over_note, d.escalated_at, d.updated_at`;

function summaryOf(r: Record<string, unknown>): LetterSummary {
  const receivedOn = (r.received_on as string | null) ?? null;
  const letterDate = r.letter_date as string | null;
  const from = receivedOn ?? letterDate;
  return {
    id: r.id as string,
    kind: r.kind as string,
    title: r.title as string,
    createdAt: (r.created_at as Date).toISOString(),
    delivery: r.state
      ? {
          state: r.state as DeliveryState,
          byHandReason: (r.by_hand_reason as LetterDelivery['byHandReason']) ?? null,
          channel: (r.channel as LetterDelivery['channel']) ?? null,
          svarutStatus: (r.svarut_status as string | null) ?? null,
          receivedOn,
          handedOver: r.handed_over_on
            ? { on: r.handed_over_on as string, how: r.handed_over_how as HandOverHow, by: r.handed_over_by as string, note: (r.handed_over_note as string | null) ?? null }
            : null,
          escalated: r.escalated_at !== null,
          updatedAt: (r.updated_at as Date).toISOString(),
        }
      : null,
    complaintDeadline:
      COMPLAINABLE.has(r.kind as string) && from && /^\d{4}-\d{2}-\d{2}$/.test(from)
        ? { date: complaintDeadline(from), from: receivedOn ? 'receipt' : 'letter_date' }
        : null,
  };
}

export type HandOverResult =
  | { outcome: 'recorded' | 'already'; letter: LetterSummary }
  | { outcome: 'unknown' }
  | { outcome: 'delivered'; state: DeliveryState }
  | { outcome: 'handed_over_otherwise'; on: string; how: string }
  | { outcome: 'before_letter'; letterDate: string };

export function lettersRepository(db: Pool) {
  return {
    /** The letters of a case, oldest first. */
    async list(caseId: string, page: Page): Promise<Rows<LetterSummary>> {
      const [rows, count] = await Promise.all([
        db.query(
          `SELECT ${SUMMARY_COLUMNS} FROM letters l LEFT JOIN letter_deliveries d ON d.letter_id = l.id
            WHERE l.case_id = $1 ORDER BY l.created_at, l.id LIMIT $2 OFFSET $3`,
          [caseId, page.limit, page.offset],
        ),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM letters WHERE case_id = $1', [caseId]),
      ]);
      return { rows: rows.rows.map(summaryOf), total: count.rows[0].n };
    },

    async summary(caseId: string, letterId: string): Promise<LetterSummary | undefined> {
      const { rows } = await db.query(
        `SELECT ${SUMMARY_COLUMNS} FROM letters l LEFT JOIN letter_deliveries d ON d.letter_id = l.id WHERE l.id = $1 AND l.case_id = $2`,
        [letterId, caseId],
      );
      return rows[0] && summaryOf(rows[0]);
    },

    /**
     * Records that KE handed the letter over itself: its receipt is that day. The same record
     * again changes nothing; a letter already delivered, or handed over on another day or in
     * another way, is refused. A letter written before deliveries were recorded gets its row now.
     */
    async handOver(caseId: string, letterId: string, h: { on: string; how: HandOverHow; by: string; note?: string }): Promise<HandOverResult> {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const letter = await client.query<{ letter_date: string | null; created_on: string }>(
          `SELECT body->>'date' AS letter_date, to_char(created_at AT TIME ZONE 'Europe/Oslo', 'YYYY-MM-DD') AS created_on FROM letters WHERE id = $1 AND case_id = $2`,
          [letterId, caseId],
        );
        if (!letter.rows[0]) {
          await client.query('ROLLBACK');
          return { outcome: 'unknown' };
        }
        const written = [letter.rows[0].letter_date, letter.rows[0].created_on].filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()[0];
        if (written && h.on < written) {
          await client.query('ROLLBACK');
          return { outcome: 'before_letter', letterDate: written };
        }
        await client.query(
          `INSERT INTO letter_deliveries (letter_id, case_id, workflow_started_at) VALUES ($1, $2, now()) ON CONFLICT (letter_id) DO NOTHING`,
          [letterId, caseId],
        );
        const { rows } = await client.query<{ state: DeliveryState; handed_over_on: string | null; handed_over_how: string | null }>(
          `SELECT state, to_char(handed_over_on, 'YYYY-MM-DD') AS handed_over_on, handed_over_how FROM letter_deliveries WHERE letter_id = $1 FOR UPDATE`,
          [letterId],
        );
        const current = rows[0];
        let outcome: 'recorded' | 'already' = 'recorded';
        if (DELIVERED.has(current.state)) {
          await client.query('ROLLBACK');
          return { outcome: 'delivered', state: current.state };
        }
        if (current.state === 'handed_over') {
          if (current.handed_over_on !== h.on || current.handed_over_how !== h.how) {
            await client.query('ROLLBACK');
            return { outcome: 'handed_over_otherwise', on: current.handed_over_on ?? '', how: current.handed_over_how ?? '' };
          }
          outcome = 'already';
        } else {
          await client.query(
            `UPDATE letter_deliveries SET state = 'handed_over', handed_over_on = $2, handed_over_how = $3, handed_over_by = $4,
                    handed_over_note = $5, received_on = $2, updated_at = now()
              WHERE letter_id = $1`,
            [letterId, h.on, h.how, h.by, h.note ?? null],
          );
        }
        await client.query('COMMIT');
        const summary = await this.summary(caseId, letterId);
        return { outcome, letter: summary! };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },

    /**
     * The receipt of the letter that told the family of the decision a complaint is about: the
     * closure letter of a closed case, else the letter of the latest decision. Undefined until
     * one is recorded.
     */
    async decisionReceipt(caseId: string): Promise<string | undefined> {
      const { rows } = await db.query<{ received_on: string | null }>(
        `SELECT to_char(d.received_on, 'YYYY-MM-DD') AS received_on
           FROM cases c JOIN letter_deliveries d
             ON d.letter_id::text = CASE WHEN c.status = 'closed' THEN c.view #>> '{closure,letterId}' ELSE c.view -> 'decisions' -> -1 ->> 'letterId' END
          WHERE c.id = $1`,
        [caseId],
      );
      return rows[0]?.received_on ?? undefined;
    },

    /** The letter's stored PDF, or (when it has none yet) the body to render it from. */
    async findPdf(caseId: string, letterId: string): Promise<{ body: LetterBody; pdf: Buffer | null; createdAt: Date } | undefined> {
      const { rows } = await db.query<{ body: LetterBody; pdf: Buffer | null; created_at: Date }>(
        'SELECT pdf, CASE WHEN pdf IS NULL THEN body END AS body, created_at FROM letters WHERE id = $1 AND case_id = $2',
        [letterId, caseId],
      );
      return rows[0] && { body: rows[0].body, pdf: rows[0].pdf, createdAt: rows[0].created_at };
    },

    /** The letter's body and HTML. */
    async find(caseId: string, letterId: string): Promise<{ body: LetterBody; html: string } | undefined> {
      const { rows } = await db.query<{ body: LetterBody; html: string }>('SELECT body, html FROM letters WHERE id = $1 AND case_id = $2', [letterId, caseId]);
      return rows[0];
    },

    /**
     * Stores a rendered PDF unless one is stored already (another process rendered it first),
     * and answers with the PDF that is stored.
     */
    async storePdf(letterId: string, pdf: Buffer): Promise<Buffer> {
      const stored = await db.query<{ pdf: Buffer }>('UPDATE letters SET pdf = $2 WHERE id = $1 AND pdf IS NULL RETURNING pdf', [letterId, pdf]);
      if (stored.rowCount === 1) return pdf;
      const { rows } = await db.query<{ pdf: Buffer | null }>('SELECT pdf FROM letters WHERE id = $1', [letterId]);
      return rows[0]?.pdf ?? pdf;
    },
  };
}

export type LettersRepository = ReturnType<typeof lettersRepository>;
