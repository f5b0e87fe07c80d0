/** The registry: service units, their coordinators and the coordinators' absences, per municipality. */
import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import type { Page, Rows } from './page';

export type Unit = ReturnType<typeof unitRow>;
export type Coordinator = ReturnType<typeof coordinatorRow>;

const unitRow = (r: Record<string, unknown>) => ({
  id: r.id as string,
  name: r.name as string,
  sector: r.sector as string,
  createdAt: (r.created_at as Date).toISOString(),
});

const coordinatorRow = (r: Record<string, unknown>) => ({
  id: r.id as string,
  unitId: r.unit_id as string,
  name: r.name as string,
  email: r.email as string,
  subject: (r.subject ?? null) as string | null,
  openCases: Number(r.open_cases ?? 0),
  createdAt: (r.created_at as Date).toISOString(),
});

const COORDINATOR_SELECT = `
  SELECT c.id, c.unit_id, c.name, c.email, c.subject, c.created_at,
         (SELECT count(*) FROM cases k WHERE k.coordinator_id = c.id AND k.status <> 'closed') AS open_cases
    FROM coordinators c`;

export interface NewAbsence {
  coordinatorId: string;
  kind: string;
  from: string;
  until?: string;
  substituteId?: string;
}

const UNIQUE_VIOLATION = '23505';

/** The inserted row, or undefined when a unique constraint refused it (a duplicate). */
async function unlessDuplicate<T>(insert: Promise<T>): Promise<T | undefined> {
  try {
    return await insert;
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
    throw err;
  }
}

export function registryRepository(db: Pool) {
  return {
    /** The new unit, or undefined when the municipality has a unit of that name. */
    async insertUnit(municipality: string, unit: { name: string; sector: string }): Promise<Unit | undefined> {
      const inserted = await unlessDuplicate(
        db.query('INSERT INTO units (id, name, sector, municipality) VALUES ($1, $2, $3, $4) RETURNING *', [randomUUID(), unit.name, unit.sector, municipality]),
      );
      return inserted && unitRow(inserted.rows[0]);
    },

    async listUnits(municipality: string): Promise<Unit[]> {
      const { rows } = await db.query('SELECT * FROM units WHERE municipality = $1 ORDER BY name', [municipality]);
      return rows.map(unitRow);
    },

    async unitExists(municipality: string, unitId: string): Promise<boolean> {
      return ((await db.query('SELECT 1 FROM units WHERE id = $1 AND municipality = $2', [unitId, municipality])).rowCount ?? 0) > 0;
    },

    /** The new coordinator, or undefined when one with this email or sign-in subject exists. */
    async insertCoordinator(municipality: string, c: { unitId: string; name: string; email: string; subject?: string }): Promise<Coordinator | undefined> {
      const inserted = await unlessDuplicate(
        db.query('INSERT INTO coordinators (id, unit_id, name, email, subject, municipality) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *', [
          randomUUID(),
          c.unitId,
          c.name,
          c.email.toLowerCase(),
          c.subject ?? null,
          municipality,
        ]),
      );
      return inserted && coordinatorRow(inserted.rows[0]);
    },

    /** The municipality's coordinators, optionally of one unit, by name (then id, so pages never overlap). */
    async listCoordinators(municipality: string, unitId: string | undefined, page: Page): Promise<Rows<Coordinator>> {
      const where = 'WHERE c.municipality = $2 AND ($1::uuid IS NULL OR c.unit_id = $1)';
      const [rows, count] = await Promise.all([
        db.query(`${COORDINATOR_SELECT} ${where} ORDER BY c.name, c.id LIMIT $3 OFFSET $4`, [unitId ?? null, municipality, page.limit, page.offset]),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM coordinators c ${where}`, [unitId ?? null, municipality]),
      ]);
      return { rows: rows.rows.map(coordinatorRow), total: count.rows[0].n };
    },

    async findCoordinator(municipality: string, id: string): Promise<Coordinator | undefined> {
      const { rows } = await db.query(`${COORDINATOR_SELECT} WHERE c.id = $1 AND c.municipality = $2`, [id, municipality]);
      return rows[0] && coordinatorRow(rows[0]);
    },

    async coordinatorExists(municipality: string, id: string): Promise<boolean> {
      return ((await db.query('SELECT 1 FROM coordinators WHERE id = $1 AND municipality = $2', [id, municipality])).rowCount ?? 0) > 0;
    },

    /** The unit of a coordinator of the municipality, or undefined when there is no such coordinator. */
    async unitOfCoordinator(municipality: string, id: string): Promise<string | undefined> {
      const { rows } = await db.query<{ unit_id: string }>('SELECT unit_id FROM coordinators WHERE id = $1 AND municipality = $2', [id, municipality]);
      return rows[0]?.unit_id;
    },

    /** The registry id of the coordinator who signs in with this subject, if any. */
    async coordinatorIdBySubject(municipality: string | undefined, subject: string): Promise<string | null> {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM coordinators WHERE municipality = $1 AND subject = $2', [municipality, subject]);
      return rows[0]?.id ?? null;
    },

    async insertAbsence(absenceId: string, a: NewAbsence): Promise<void> {
      await db.query('INSERT INTO absences (id, coordinator_id, kind, from_date, until_date, substitute_id) VALUES ($1, $2, $3, $4, $5, $6)', [
        absenceId,
        a.coordinatorId,
        a.kind,
        a.from,
        a.until ?? null,
        a.substituteId ?? null,
      ]);
    },
  };
}

export type RegistryRepository = ReturnType<typeof registryRepository>;
