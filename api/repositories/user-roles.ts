/**
 * Who has which role, kept by KE, for identity providers whose tokens carry no roles
 * (AUTH_ROLES_SOURCE=table). Every change, a removal included, is written to user_role_changes,
 * and ends the user's open sessions.
 */
import type { Pool, PoolClient } from 'pg';
import { ROLES, type Role } from '../../lib/auth';

/**
 * The roles KE gives. ops (the operators') and admin (who keeps the municipality's register
 * entry) come only from the identity provider's tokens: KE cannot make itself administrator.
 */
export type AssignableRole = Exclude<Role, 'ops' | 'admin'>;
const ASSIGNABLE: readonly string[] = ROLES.filter((r) => r !== 'ops' && r !== 'admin');

export interface UserRoles {
  municipality: string;
  subject: string;
  name: string;
  roles: AssignableRole[];
  updatedAt: string;
  updatedBy: string;
}

const row = (r: Record<string, unknown>): UserRoles => ({
  municipality: r.municipality as string,
  subject: r.subject as string,
  name: r.name as string,
  roles: (r.roles as string[]).filter((x): x is AssignableRole => ASSIGNABLE.includes(x)),
  updatedAt: (r.updated_at as Date).toISOString(),
  updatedBy: r.updated_by as string,
});

/** A user's open browser sessions end with a change of their roles: the next sign-in reads the new ones. */
async function endSessions(client: PoolClient, municipality: string, subject: string): Promise<void> {
  await client.query('DELETE FROM web_sessions WHERE municipality = $1 AND subject = $2', [municipality, subject]);
}

export function userRolesRepository(db: Pool) {
  return {
    async list(municipality: string): Promise<UserRoles[]> {
      const { rows } = await db.query('SELECT * FROM user_roles WHERE municipality = $1 ORDER BY name, subject', [municipality]);
      return rows.map(row);
    },

    /** The row of a subject: in the given municipality, or the only one it has anywhere. */
    async find(subject: string, municipality?: string | null): Promise<UserRoles | null> {
      const { rows } = municipality
        ? await db.query('SELECT * FROM user_roles WHERE municipality = $1 AND subject = $2', [municipality, subject])
        : await db.query('SELECT * FROM user_roles WHERE subject = $1 LIMIT 2', [subject]);
      return rows.length === 1 ? row(rows[0]) : null;
    },

    async put(municipality: string, subject: string, value: { name: string; roles: AssignableRole[] }, by: string): Promise<UserRoles> {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          `INSERT INTO user_roles (municipality, subject, name, roles, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (municipality, subject) DO UPDATE SET name = $3, roles = $4, updated_by = $5, updated_at = now()
           RETURNING *`,
          [municipality, subject, value.name, value.roles, by],
        );
        await client.query('INSERT INTO user_role_changes (municipality, subject, roles, changed_by) VALUES ($1, $2, $3, $4)', [municipality, subject, value.roles, by]);
        await endSessions(client, municipality, subject);
        await client.query('COMMIT');
        return row(rows[0]);
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },

    /** False when there was no such row. */
    async remove(municipality: string, subject: string, by: string): Promise<boolean> {
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const { rowCount } = await client.query('DELETE FROM user_roles WHERE municipality = $1 AND subject = $2', [municipality, subject]);
        if (rowCount) await client.query('INSERT INTO user_role_changes (municipality, subject, roles, changed_by) VALUES ($1, $2, NULL, $3)', [municipality, subject, by]);
        await endSessions(client, municipality, subject);
        await client.query('COMMIT');
        return (rowCount ?? 0) > 0;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

export type UserRolesRepository = ReturnType<typeof userRolesRepository>;
