/** The case projection: the case view, the case list and the event log, as the workflow wrote them. */
import type { Pool } from 'pg';
import type { CaseView } from '../../workflows/case/messages';
import { withTexts } from '../../workflows/case/texts';
import type { Scope } from '../plugins/auth';
import { holds } from './holders';
import type { Page, Rows } from './page';

export interface CaseFilter extends Page {
  status?: string;
  unitId?: string;
  coordinatorId?: string;
  /** Part of the child's name, any case. */
  q?: string;
  birthDate?: string;
}

/** A LIKE pattern matching the text anywhere, its own wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type CaseSummary = ReturnType<typeof summaryRow> & { child?: ListedChild };
export type ListedChild = ReturnType<typeof childRow>;
export type CaseEvent = ReturnType<typeof eventRow>;

const summaryRow = (r: Record<string, unknown>) => ({
  id: r.id as string,
  status: r.status as string,
  unitId: r.unit_id as string | null,
  coordinatorId: r.coordinator_id as string | null,
  receivedOn: r.received_on as string,
  nextDeadline: r.next_deadline ? (r.next_deadline as Date).toISOString() : null,
  updatedAt: (r.updated_at as Date).toISOString(),
});

/** The child's columns of a list row (CHILD_COLUMNS): who the case is about, as a list shows it. */
const childRow = (r: Record<string, unknown>) => ({
  name: r.child_name as string,
  birthDate: (r.child_birth_date as string | null) ?? null,
  ...(r.child_expected_date ? { expectedDate: r.child_expected_date as string } : {}),
});

const CHILD_COLUMNS = `view #>> '{request,child,name}' AS child_name, view #>> '{request,child,birthDate}' AS child_birth_date,
                  view #>> '{request,child,expectedDate}' AS child_expected_date`;

const eventRow = (r: Record<string, unknown>) => ({
  seq: r.seq as number,
  type: r.type as string,
  actor: r.actor as string,
  occurredAt: (r.occurred_at as Date).toISOString(),
  data: r.data as Record<string, unknown>,
});

/**
 * The filter of the case list: $1–$3 the caller's filters, $4 the municipality, $5 a
 * coordinator's own cases (those they hold today, holders.ts), $6 a LIKE pattern of the child's name, $7 the birth date (both with
 * the indexes of migration 1763901100000_case-search).
 */
const CASE_LIST_WHERE = `
      WHERE municipality = $4
        AND ($1::text IS NULL OR status = $1)
        AND ($2::uuid IS NULL OR unit_id = $2)
        AND ($3::uuid IS NULL OR coordinator_id = $3)
        AND ($5::uuid IS NULL OR ${holds('cases', '$5::uuid')})
        AND ($6::text IS NULL OR lower(view #>> '{request,child,name}') LIKE lower($6))
        AND ($7::text IS NULL OR view #>> '{request,child,birthDate}' = $7)`;

export function casesRepository(db: Pool) {
  return {
    /** The case view as the projection holds it, with its long texts put back (workflows/case/texts.ts). */
    async find(id: string): Promise<CaseView | undefined> {
      const { rows } = await db.query<{ view: CaseView; texts: Record<string, string> | null }>(
        `SELECT view, (SELECT jsonb_object_agg(key, text) FROM case_texts t WHERE t.case_id = c.id) AS texts
           FROM cases c WHERE id = $1`,
        [id],
      );
      if (rows.length === 0) return undefined;
      return withTexts(rows[0].view, new Map(Object.entries(rows[0].texts ?? {})));
    },

    /** Whether the case is in the projection, i.e. its registration was written. */
    async exists(id: string): Promise<boolean> {
      return (await db.query('SELECT id FROM cases WHERE id = $1', [id])).rowCount === 1;
    },

    /** The case's status in the projection, if it exists. */
    async status(id: string): Promise<string | undefined> {
      const { rows } = await db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [id]);
      return rows[0]?.status;
    },

    /**
     * The cases of the caller's municipality, newest registration first; for a coordinator only
     * those they hold today: appointed and not handed over, or substituting (none when their
     * token is not linked to the registry).
     */
    async list(scope: Scope, f: CaseFilter, { withChild = false } = {}): Promise<Rows<CaseSummary>> {
      if (scope.coordinatorId === null) return { rows: [], total: 0 };
      const filter = [
        f.status ?? null,
        f.unitId ?? null,
        f.coordinatorId ?? null,
        scope.municipality,
        scope.coordinatorId ?? null,
        f.q === undefined ? null : containing(f.q),
        f.birthDate ?? null,
      ];
      const [page, count] = await Promise.all([
        db.query(
          `SELECT id, status, unit_id, coordinator_id, to_char(received_on, 'YYYY-MM-DD') AS received_on,
                  next_deadline, updated_at${withChild ? `, ${CHILD_COLUMNS}` : ''}
             FROM cases ${CASE_LIST_WHERE}
            ORDER BY registered_at DESC, id
            LIMIT $8 OFFSET $9`,
          [...filter, f.limit, f.offset],
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases ${CASE_LIST_WHERE}`, filter),
      ]);
      return { rows: page.rows.map((r) => (withChild ? { ...summaryRow(r), child: childRow(r) } : summaryRow(r))), total: count.rows[0].n };
    },

    /** The child of each of these cases of the municipality, by case id (a case of another municipality is left out). */
    async children(municipality: string, ids: readonly string[]): Promise<Map<string, ListedChild>> {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query(`SELECT id, ${CHILD_COLUMNS} FROM cases WHERE id = ANY($1::uuid[]) AND municipality = $2`, [ids, municipality]);
      return new Map(rows.map((r) => [r.id as string, childRow(r)]));
    },

    /** The event log of a case in the order it happened (seq is unique per case). */
    async events(caseId: string, page: Page): Promise<Rows<CaseEvent>> {
      const [rows, count] = await Promise.all([
        db.query('SELECT seq, type, actor, occurred_at, data FROM case_events WHERE case_id = $1 ORDER BY seq LIMIT $2 OFFSET $3', [
          caseId,
          page.limit,
          page.offset,
        ]),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [caseId]),
      ]);
      return { rows: rows.rows.map(eventRow), total: count.rows[0].n };
    },

    /** Whether PostgreSQL answers (the health check). */
    async ping(): Promise<void> {
      await db.query('SELECT 1');
    },

    /**
     * Open cases a coordinator of the municipality is appointed to, in the order the fan-out
     * signals them: the cases an absence recorded now would reach (activities' openCasesOf).
     */
    async appointedTo(municipality: string, coordinatorId: string): Promise<{ caseId: string; status: string }[]> {
      const { rows } = await db.query<{ id: string; status: string }>(
        "SELECT id, status FROM cases WHERE coordinator_id = $1 AND status = 'appointed' AND municipality = $2 ORDER BY id",
        [coordinatorId, municipality],
      );
      return rows.map((r) => ({ caseId: r.id, status: r.status }));
    },

    /** Open cases a coordinator is appointed to: those an absence is fanned out to. */
    async countAppointedTo(coordinatorId: string): Promise<number> {
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE coordinator_id = $1 AND status = 'appointed'", [coordinatorId]);
      return rows[0].n;
    },
  };
}

export type CasesRepository = ReturnType<typeof casesRepository>;
