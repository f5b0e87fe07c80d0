/** Reads from the Postgres projection: lists and details never ask Temporal. */
import type { Pool } from 'pg';
import { notFound } from './errors';

export async function requireCase(pool: Pool, id: string): Promise<Record<string, unknown>> {
  const { rows } = await pool.query<{ view: Record<string, unknown> }>('SELECT view FROM cases WHERE id = $1', [id]);
  if (rows.length === 0) throw notFound(`no case ${id}`);
  return rows[0].view;
}

export interface CaseFilter {
  status?: string;
  unitId?: string;
  coordinatorId?: string;
  limit: number;
  offset: number;
}

export async function listCases(pool: Pool, f: CaseFilter) {
  const { rows } = await pool.query(
    `SELECT id, status, unit_id, coordinator_id, to_char(received_on, 'YYYY-MM-DD') AS received_on,
            next_deadline, updated_at
       FROM cases
      WHERE ($1::text IS NULL OR status = $1)
        AND ($2::uuid IS NULL OR unit_id = $2)
        AND ($3::uuid IS NULL OR coordinator_id = $3)
      ORDER BY registered_at DESC, id
      LIMIT $4 OFFSET $5`,
    [f.status ?? null, f.unitId ?? null, f.coordinatorId ?? null, f.limit, f.offset],
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
