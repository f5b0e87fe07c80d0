/** Reads from the Postgres projection: lists and details never ask Temporal. */
import type { Pool } from 'pg';
import type { CaseView } from '../workflows/case/messages';
import { withTexts } from '../workflows/case/texts';
import { notFound } from './errors';
import type { Scope } from './plugins/auth';

/** The case view as the projection holds it, with its long texts put back (workflows/case/texts.ts). */
export async function requireCase(pool: Pool, id: string): Promise<CaseView> {
  const { rows } = await pool.query<{ view: CaseView; texts: Record<string, string> | null }>(
    `SELECT view, (SELECT jsonb_object_agg(key, text) FROM case_texts t WHERE t.case_id = c.id) AS texts
       FROM cases c WHERE id = $1`,
    [id],
  );
  if (rows.length === 0) throw notFound(`no case ${id}`);
  return withTexts(rows[0].view, new Map(Object.entries(rows[0].texts ?? {})));
}

export interface CaseFilter {
  status?: string;
  unitId?: string;
  coordinatorId?: string;
  limit: number;
  offset: number;
}

/**
 * The cases of the caller's municipality; for a coordinator only those they coordinate or are
 * the active substitute on (none when their token is not linked to the registry).
 */
export async function listCases(pool: Pool, scope: Scope, f: CaseFilter) {
  if (scope.coordinatorId === null) return [];
  const { rows } = await pool.query(
    `SELECT id, status, unit_id, coordinator_id, to_char(received_on, 'YYYY-MM-DD') AS received_on,
            next_deadline, updated_at
       FROM cases
      WHERE municipality = $6
        AND ($1::text IS NULL OR status = $1)
        AND ($2::uuid IS NULL OR unit_id = $2)
        AND ($3::uuid IS NULL OR coordinator_id = $3)
        AND ($7::uuid IS NULL OR coordinator_id = $7 OR substitute_id = $7)
      ORDER BY registered_at DESC, id
      LIMIT $4 OFFSET $5`,
    [f.status ?? null, f.unitId ?? null, f.coordinatorId ?? null, f.limit, f.offset, scope.municipality, scope.coordinatorId ?? null],
  );
  return rows.map((r) => ({
    id: r.id as string,
    status: r.status as string,
    unitId: r.unit_id as string | null,
    coordinatorId: r.coordinator_id as string | null,
    receivedOn: r.received_on as string,
    nextDeadline: r.next_deadline ? (r.next_deadline as Date).toISOString() : null,
    updatedAt: (r.updated_at as Date).toISOString(),
  }));
}

export async function listEvents(pool: Pool, caseId: string) {
  const { rows } = await pool.query(
    'SELECT seq, type, actor, occurred_at, data FROM case_events WHERE case_id = $1 ORDER BY seq',
    [caseId],
  );
  return rows.map((r) => ({
    seq: r.seq as number,
    type: r.type as string,
    actor: r.actor as string,
    occurredAt: (r.occurred_at as Date).toISOString(),
    data: r.data as Record<string, unknown>,
  }));
}

export async function listAccess(pool: Pool, caseId: string, page: { limit: number; offset: number }) {
  const { rows } = await pool.query(
    `SELECT at, subject, roles, municipality, action, method, route, granted, reason, request_id
       FROM access_log WHERE case_id = $1 ORDER BY at, id LIMIT $2 OFFSET $3`,
    [caseId, page.limit, page.offset],
  );
  return rows.map((r) => ({
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
  }));
}
