/**
 * The målform each person chose for the web app (issue #16); without a choice, the
 * municipality's. A person's own setting, not the case's: it changes no letter.
 */
import type { Pool } from 'pg';
import type { Malform } from '../../lib/i18n';

export function userLanguagesRepository(db: Pool) {
  const key = (municipality: string | null | undefined) => municipality ?? '';
  return {
    async find(municipality: string | null | undefined, subject: string): Promise<Malform | null> {
      const { rows } = await db.query<{ language: Malform }>('SELECT language FROM user_languages WHERE municipality = $1 AND subject = $2', [key(municipality), subject]);
      return rows[0]?.language ?? null;
    },
    /** Sets the choice; null removes it, so the municipality's målform applies again. */
    async choose(municipality: string | null | undefined, subject: string, language: Malform | null): Promise<void> {
      if (language === null) {
        await db.query('DELETE FROM user_languages WHERE municipality = $1 AND subject = $2', [key(municipality), subject]);
        return;
      }
      await db.query(
        `INSERT INTO user_languages (municipality, subject, language) VALUES ($1, $2, $3)
         ON CONFLICT (municipality, subject) DO UPDATE SET language = EXCLUDED.language, changed_at = now()`,
        [key(municipality), subject, language],
      );
    },
  };
}
