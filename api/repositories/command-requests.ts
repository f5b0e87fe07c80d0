/**
 * Idempotency keys: the first request made with a caller's key, for registrations
 * (case_requests) and for commands on a case (command_requests). The first write wins
 * (ON CONFLICT DO NOTHING); every caller then reads what the first one recorded.
 */
import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';

export interface FirstRegistration {
  caseId: string;
  bodyHash: string;
}

export interface FirstCommand {
  command: string;
  caseId: string;
  bodyHash: string;
}

export function commandRequestsRepository(db: Pool) {
  return {
    /**
     * The registration first made with this key (scoped: '<municipality>:<key>') by this subject,
     * recorded now with a new case id if there is none. A row from before keys had a subject
     * (subject '') still holds its key for every caller of its municipality.
     */
    async claimRegistration(scopedKey: string, subject: string, bodyHash: string): Promise<FirstRegistration> {
      const find = () =>
        db.query<{ case_id: string; body_hash: string }>(
          `SELECT case_id, body_hash FROM case_requests WHERE idempotency_key = $1 AND subject IN ($2, '') ORDER BY subject = '' DESC LIMIT 1`,
          [scopedKey, subject],
        );
      let { rows } = await find();
      if (rows.length === 0) {
        await db.query('INSERT INTO case_requests (idempotency_key, subject, case_id, body_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
          scopedKey,
          subject,
          randomUUID(),
          bodyHash,
        ]);
        ({ rows } = await find());
      }
      return { caseId: rows[0].case_id, bodyHash: rows[0].body_hash };
    },

    /** Records the command under the caller's key unless the key is taken, and answers with the key's first command. */
    async claimCommand(key: { municipality: string; subject: string; key: string }, command: FirstCommand): Promise<FirstCommand> {
      const scope = [key.municipality, key.subject, key.key];
      await db.query(
        `INSERT INTO command_requests (municipality, subject, idempotency_key, command, case_id, body_hash)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [...scope, command.command, command.caseId, command.bodyHash],
      );
      const { rows } = await db.query<{ command: string; case_id: string; body_hash: string }>(
        'SELECT command, case_id, body_hash FROM command_requests WHERE municipality = $1 AND subject = $2 AND idempotency_key = $3',
        scope,
      );
      return { command: rows[0].command, caseId: rows[0].case_id, bodyHash: rows[0].body_hash };
    },
  };
}

export type CommandRequestsRepository = ReturnType<typeof commandRequestsRepository>;
