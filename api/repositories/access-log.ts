/**
 * The access log the family may see (access_log), and the count of attempts on a case from
 * another municipality (foreign_access_attempts), which never shows in it.
 */
import type { Pool } from 'pg';
import { holds } from './holders';
import type { Page, Rows } from './page';

export type AccessLogEntry = ReturnType<typeof entryRow>;

const entryRow = (r: Record<string, unknown>) => ({
  at: (r.at as Date).toISOString(),
  subject: r.subject as string,
  roles: r.roles as string[],
  municipality: r.municipality as string | null,
  action: r.action as 'read' | 'change',
  method: r.method as string,
  endpoint: r.route as string,
  granted: r.granted as boolean,
  reason: r.reason as string | null,
  requestId: r.request_id as string | null,
});

/**
 * The object check and its access-log row in one statement (one round trip on every case
 * request): whether the caller may see the case ($5: KE of the municipality; else coordinator
 * $6 holds it today, holders.ts), whether a closed case is read without a reason, and the row.
 *
 * The row goes to the case's access log (the one the family may see) only when the caller is of
 * the case's municipality. An attempt from another municipality is a stranger's, refused as if
 * the case did not exist: it is counted in foreign_access_attempts, one row per caller, case and
 * hour, for security review, and never shows in the family's log. A case id that does not exist
 * writes nothing.
 */
const CHECK_AND_LOG = `
  WITH c AS (
         SELECT status, version,
                coalesce(municipality = $4, false) AS own,
                coalesce(municipality = $4 AND ($5 OR ${holds('cases', '$6::uuid')}), false) AS allowed
           FROM cases WHERE id = $1),
       d AS (
         SELECT status, version, own, allowed, allowed AND NOT (status = 'closed' AND $7 = 'read' AND $8::text IS NULL) AS granted FROM c),
       logged AS (
         INSERT INTO access_log (case_id, subject, roles, municipality, method, route, action, granted, reason, request_id)
         SELECT $1, $2, $3, $4, $9, $10, $7, d.granted, CASE WHEN d.granted THEN $8::text END, $11 FROM d WHERE d.own),
       foreign_attempt AS (
         INSERT INTO foreign_access_attempts AS f (case_id, subject, hour, municipality, roles, last_method, last_route, last_action, last_request_id)
         SELECT $1, $2, date_trunc('hour', now()), $4, $3, $9, $10, $7, $11 FROM d WHERE NOT d.own
         ON CONFLICT (case_id, subject, hour) DO UPDATE
            SET attempts = f.attempts + 1, last_at = now(), roles = EXCLUDED.roles, municipality = EXCLUDED.municipality,
                last_method = EXCLUDED.last_method, last_route = EXCLUDED.last_route, last_action = EXCLUDED.last_action,
                last_request_id = EXCLUDED.last_request_id)
  SELECT status, version, allowed, granted FROM d`;

/** Who asks, for what, through which route: one access-log row's facts. */
export interface AccessAttempt {
  caseId: string;
  subject: string;
  roles: readonly string[];
  municipality: string | null;
  method: string;
  route: string | undefined;
  action: 'read' | 'change';
  requestId: string;
}

export function accessLogRepository(db: Pool) {
  return {
    /** The object check and its log row (see CHECK_AND_LOG); undefined when the case does not exist. */
    async checkAndLog(
      attempt: AccessAttempt,
      who: { ke: boolean; coordinatorId: string | null },
      reason: string | null,
    ): Promise<{ status: string; version: number; allowed: boolean; granted: boolean } | undefined> {
      const { rows } = await db.query<{ status: string; version: number; allowed: boolean; granted: boolean }>(CHECK_AND_LOG, [
        attempt.caseId,
        attempt.subject,
        attempt.roles,
        attempt.municipality,
        who.ke,
        who.coordinatorId,
        attempt.action,
        reason,
        attempt.method,
        attempt.route,
        attempt.requestId,
      ]);
      return rows[0];
    },

    /** One row for a case the handler has resolved itself (POST /cases). */
    async write(attempt: AccessAttempt, granted: boolean, reason: string | null): Promise<void> {
      await db.query(
        `INSERT INTO access_log (case_id, subject, roles, municipality, method, route, action, granted, reason, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [attempt.caseId, attempt.subject, attempt.roles, attempt.municipality, attempt.method, attempt.route, attempt.action, granted, reason, attempt.requestId],
      );
    },

    /**
     * Granted reads of the cases a list or search showed (the facts of `attempt` but its case id,
     * one row per case), each at most once per case, subject, reason and Oslo day (migration
     * 1763901800000): the web app polls its lists, and the log says who saw the child, not how
     * often the page refreshed.
     */
    async writeDaily(caseIds: readonly string[], attempt: Omit<AccessAttempt, 'caseId'>, reason: string): Promise<void> {
      if (caseIds.length === 0) return;
      await db.query(
        `INSERT INTO access_log (case_id, subject, roles, municipality, method, route, action, granted, reason, request_id, day)
         SELECT DISTINCT ON (id) id, $2, $3, $4, $5, $6, $7, true, $8, $9, (now() AT TIME ZONE 'Europe/Oslo')::date FROM unnest($1::uuid[]) AS id
         ON CONFLICT (case_id, subject, reason, day) WHERE day IS NOT NULL DO NOTHING`,
        [caseIds, attempt.subject, attempt.roles, attempt.municipality, attempt.method, attempt.route, attempt.action, reason, attempt.requestId],
      );
    },

    /** The case's log, oldest first. */
    async list(caseId: string, page: Page): Promise<Rows<AccessLogEntry>> {
      const [rows, count] = await Promise.all([
        db.query(
          `SELECT at, subject, roles, municipality, action, method, route, granted, reason, request_id
             FROM access_log WHERE case_id = $1 ORDER BY at, id LIMIT $2 OFFSET $3`,
          [caseId, page.limit, page.offset],
        ),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log WHERE case_id = $1', [caseId]),
      ]);
      return { rows: rows.rows.map(entryRow), total: count.rows[0].n };
    },
  };
}

export type AccessLogRepository = ReturnType<typeof accessLogRepository>;
