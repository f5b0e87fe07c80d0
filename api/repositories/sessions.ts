/**
 * Browser sessions and logins in progress (api/plugins/session.ts). Rows are found by the
 * SHA-256 hash of the id the browser holds; the id itself is never stored.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { ROLES, type Role } from '../../lib/auth';

export const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

export interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface NewSession {
  subject: string;
  name: string;
  roles: Role[];
  municipality: string | null;
  csrfToken: string;
  idToken: string;
  expiresAt: Date;
}

export interface Session extends NewSession {
  createdAt: Date;
  lastSeenAt: Date;
}

const sessionRow = (r: Record<string, unknown>): Session => ({
  subject: r.subject as string,
  name: r.name as string,
  roles: (r.roles as string[]).filter((x): x is Role => (ROLES as readonly string[]).includes(x)),
  municipality: (r.municipality ?? null) as string | null,
  csrfToken: r.csrf_token as string,
  idToken: r.id_token as string,
  createdAt: r.created_at as Date,
  lastSeenAt: r.last_seen_at as Date,
  expiresAt: r.expires_at as Date,
});

export function sessionsRepository(db: Pool) {
  return {
    async insertLogin(id: string, login: PendingLogin): Promise<void> {
      // Abandoned logins go with the next one.
      await db.query("DELETE FROM web_logins WHERE created_at < now() - interval '1 hour'");
      await db.query('INSERT INTO web_logins (id_hash, code_verifier, state, nonce, return_to) VALUES ($1, $2, $3, $4, $5)', [
        hashId(id),
        login.codeVerifier,
        login.state,
        login.nonce,
        login.returnTo,
      ]);
    },

    /** Takes the login out (it is used once), if it began less than `maxAgeSeconds` ago. */
    async takeLogin(id: string, maxAgeSeconds: number): Promise<PendingLogin | null> {
      const { rows } = await db.query(
        `DELETE FROM web_logins WHERE id_hash = $1
         RETURNING code_verifier, state, nonce, return_to, created_at > now() - make_interval(secs => $2) AS fresh`,
        [hashId(id), maxAgeSeconds],
      );
      const r = rows[0];
      if (!r || !r.fresh) return null;
      return { codeVerifier: r.code_verifier, state: r.state, nonce: r.nonce, returnTo: r.return_to };
    },

    async insert(id: string, s: NewSession): Promise<void> {
      await db.query(
        `INSERT INTO web_sessions (id_hash, subject, name, roles, municipality, csrf_token, id_token, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [hashId(id), s.subject, s.name, s.roles, s.municipality, s.csrfToken, s.idToken, s.expiresAt],
      );
    },

    /**
     * The session, unless it has expired: past its absolute end, or idle longer than
     * `idleMinutes`. An expired session is deleted. last_seen_at moves at most once a minute.
     */
    async findLive(id: string, idleMinutes: number): Promise<Session | null> {
      const hash = hashId(id);
      const { rows } = await db.query(
        `SELECT *, expires_at <= now() OR last_seen_at < now() - make_interval(secs => $2) AS expired,
                last_seen_at < now() - interval '1 minute' AS stale
           FROM web_sessions WHERE id_hash = $1`,
        [hash, idleMinutes * 60],
      );
      const r = rows[0];
      if (!r) return null;
      if (r.expired) {
        await db.query('DELETE FROM web_sessions WHERE id_hash = $1', [hash]);
        return null;
      }
      if (r.stale) await db.query('UPDATE web_sessions SET last_seen_at = now() WHERE id_hash = $1', [hash]);
      return sessionRow(r);
    },

    async delete(id: string): Promise<void> {
      await db.query('DELETE FROM web_sessions WHERE id_hash = $1', [hashId(id)]);
    },

    /** Sessions past their absolute end; idle ones go when next presented. */
    async deleteExpired(): Promise<number> {
      const { rowCount } = await db.query('DELETE FROM web_sessions WHERE expires_at <= now()');
      return rowCount ?? 0;
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
