/**
 * The målform a family asked to be written to in (issue #16): recorded beside the case, not in
 * its workflow, and read when a letter is written (activities/letters/sender.ts). A case without
 * a choice is written to in its municipality's målform. Every choice is kept with who and when.
 */
import type { Pool } from 'pg';
import type { Malform } from './i18n';

export interface CaseLanguageChoice {
  malform: Malform;
  changedBy: string;
  changedAt: string;
}

export function caseLanguages(db: Pool) {
  async function find(caseId: string): Promise<CaseLanguageChoice | null> {
    const { rows } = await db.query<{ malform: Malform; changed_by: string; changed_at: Date }>(
      'SELECT malform, changed_by, changed_at FROM case_language WHERE case_id = $1',
      [caseId],
    );
    const r = rows[0];
    return r ? { malform: r.malform, changedBy: r.changed_by, changedAt: r.changed_at.toISOString() } : null;
  }

  /**
   * Records the choice. With `firstOnly` (registration) an existing choice stands, so a repeated
   * registration changes nothing; otherwise it replaces one that differs. The same choice again
   * is no change and leaves no history row.
   */
  async function choose(caseId: string, malform: Malform, by: string, opts: { firstOnly?: boolean } = {}): Promise<CaseLanguageChoice> {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(
        `INSERT INTO case_language (case_id, malform, changed_by) VALUES ($1, $2, $3)
         ON CONFLICT (case_id) DO ${opts.firstOnly ? 'NOTHING' : 'UPDATE SET malform = EXCLUDED.malform, changed_by = EXCLUDED.changed_by, changed_at = now() WHERE case_language.malform <> EXCLUDED.malform'}`,
        [caseId, malform, by],
      );
      if (rowCount === 1) {
        await client.query('INSERT INTO case_language_changes (case_id, malform, changed_by) VALUES ($1, $2, $3)', [caseId, malform, by]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return (await find(caseId))!;
  }

  async function changes(caseId: string): Promise<CaseLanguageChoice[]> {
    const { rows } = await db.query<{ malform: Malform; changed_by: string; changed_at: Date }>(
      'SELECT malform, changed_by, changed_at FROM case_language_changes WHERE case_id = $1 ORDER BY id DESC',
      [caseId],
    );
    return rows.map((r) => ({ malform: r.malform, changedBy: r.changed_by, changedAt: r.changed_at.toISOString() }));
  }

  return { find, choose, changes };
}

export type CaseLanguages = ReturnType<typeof caseLanguages>;
