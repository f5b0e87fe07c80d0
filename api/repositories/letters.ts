/** Letters to the family, with the PDF stored on first download. */
import type { Pool } from 'pg';
import type { LetterBody } from '../../activities/letters/text';
import type { Page, Rows } from './page';

export interface LetterSummary {
  id: string;
  kind: string;
  title: string;
  createdAt: string;
}

export function lettersRepository(db: Pool) {
  return {
    /** The letters of a case, oldest first. */
    async list(caseId: string, page: Page): Promise<Rows<LetterSummary>> {
      const [rows, count] = await Promise.all([
        db.query('SELECT id, kind, title, created_at FROM letters WHERE case_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3', [caseId, page.limit, page.offset]),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM letters WHERE case_id = $1', [caseId]),
      ]);
      return { rows: rows.rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, createdAt: r.created_at.toISOString() })), total: count.rows[0].n };
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
