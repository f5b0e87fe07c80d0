/**
 * Activities: the workflow's only way to change the world. Each one is idempotent by a
 * business key computed in the workflow, so a retry or a replay never writes twice.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { DatabaseError, type Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';
import { namesCoordinators, type LetterFacts } from '../workflows/case/letter-facts';
import type { CaseView } from '../workflows/case/messages';
import type { CaseText } from '../workflows/case/texts';
import { WriteRefused } from './write-errors';
import { letterHtml } from './letters/html';
import { letterSender } from './letters/sender';
import { letterBody, type CoordinatorContact, type LetterContacts, type Municipality } from './letters/text';

export interface ActivityDeps {
  pool: Pool;
  logger: Logger;
  /** The deployment's settings: the sender of letters of a municipality without a register entry. */
  municipality: Municipality;
}

export interface PersistCaseInput {
  caseId: string;
  seq: number;
  event: { type: string; at: string; actor: string; requestId?: string; data: Record<string, unknown> };
  view: CaseView;
  letter?: LetterFacts;
  /** Long texts the workflow does not keep (texts.ts); written once, by key. */
  texts?: CaseText[];
}

export interface AlertInput {
  key: string;
  caseId: string;
  level: 'reminder' | 'escalation';
  kind: string;
  recipient: string;
  dueAt: string;
  firedAt: string;
}

/** Notified when an outbox row is written, so the dispatcher (worker/dispatcher.ts) wakes at once. */
export const REMINDER_CHANNEL = 'reminder_due';

export function createActivities({ pool, logger, municipality }: ActivityDeps) {
  return {
    /**
     * Writes one event, the projection, any letter and the long texts in one transaction. A write
     * the database refuses for good, or one naming another municipality's unit or coordinator,
     * fails without retry: the workflow then refuses the command.
     */
    async persistCase({ caseId, seq, event, view, letter, texts }: PersistCaseInput): Promise<void> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await checkReferences(client, event, view);
        await client.query(
          `INSERT INTO case_events (case_id, seq, type, actor, request_id, occurred_at, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, seq) DO NOTHING`,
          [caseId, seq, event.type, event.actor, event.requestId ?? null, event.at, event.data],
        );
        const projected = await client.query(
          `INSERT INTO cases (id, status, version, unit_id, coordinator_id, caseworker_id, received_on,
                              registered_at, next_deadline, view, substitute_id, decision_outcome,
                              first_decided_on, first_appointed_on, closure_reason, closed_on,
                              extended_to_age, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now())
           ON CONFLICT (id) DO UPDATE SET
             status = EXCLUDED.status, version = EXCLUDED.version, unit_id = EXCLUDED.unit_id,
             coordinator_id = EXCLUDED.coordinator_id, caseworker_id = EXCLUDED.caseworker_id,
             next_deadline = EXCLUDED.next_deadline, view = EXCLUDED.view,
             substitute_id = EXCLUDED.substitute_id, decision_outcome = EXCLUDED.decision_outcome,
             first_decided_on = EXCLUDED.first_decided_on, first_appointed_on = EXCLUDED.first_appointed_on,
             closure_reason = EXCLUDED.closure_reason, closed_on = EXCLUDED.closed_on,
             extended_to_age = EXCLUDED.extended_to_age, updated_at = now()
           WHERE cases.version < EXCLUDED.version`,
          projectionRow(caseId, view),
        );
        // Only the write that moved the projection forward replaces the deadlines.
        if (projected.rowCount === 1) {
          await client.query('DELETE FROM case_deadlines WHERE case_id = $1', [caseId]);
          if (view.deadlines.length > 0) {
            await client.query(
              `INSERT INTO case_deadlines (case_id, kind, since, due_at, responsible)
               SELECT $1, d.kind, d.since, d.due_at, d.responsible
                 FROM jsonb_to_recordset($2::jsonb) AS d(kind text, since text, due_at timestamptz, responsible text)
               ON CONFLICT DO NOTHING`,
              [caseId, JSON.stringify(view.deadlines.map((d) => ({ kind: d.kind, since: d.since, due_at: d.dueAt, responsible: d.responsible })))],
            );
          }
        }
        if (texts && texts.length > 0) {
          await client.query(
            `INSERT INTO case_texts (case_id, key, text)
             SELECT $1, t.key, t.text FROM jsonb_to_recordset($2::jsonb) AS t(key text, text text)
             ON CONFLICT DO NOTHING`,
            [caseId, JSON.stringify(texts)],
          );
        }
        if (letter) {
          const who = await letterContacts(client, letter);
          // Signed for the case's municipality, in the case's målform, as the register has them now.
          const sender = await letterSender(client, caseId, view.municipality, municipality);
          const body = letterBody(letter, sender.municipality, who, sender.malform);
          await client.query(
            `INSERT INTO letters (id, case_id, kind, title, body, html, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
            [letter.letterId, caseId, letter.kind, body.title, body, letterHtml(body), event.at],
          );
          // The delivery's outbox row (workflows/delivery): written with the letter, so no letter is left unsent.
          await client.query(
            `INSERT INTO letter_deliveries (letter_id, case_id, municipality) VALUES ($1, $2, $3) ON CONFLICT (letter_id) DO NOTHING`,
            [letter.letterId, caseId, view.municipality ?? null],
          );
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw asPermanent(err);
      } finally {
        client.release();
      }
      logger.info({ caseId, seq, event: event.type, requestId: event.requestId }, 'case event persisted');
    },

    /** Open cases whose appointed coordinator is this one, for the absence fan-out. */
    async openCasesOf(coordinatorId: string): Promise<string[]> {
      const { rows } = await pool.query<{ id: string }>(
        "SELECT id FROM cases WHERE coordinator_id = $1 AND status = 'appointed' ORDER BY id",
        [coordinatorId],
      );
      return rows.map((r) => r.id);
    },

    async markAbsenceFannedOut({ absenceId, casesSignalled }: { absenceId: string; casesSignalled: number }): Promise<void> {
      await pool.query('UPDATE absences SET fanned_out_at = coalesce(fanned_out_at, now()), cases_signalled = $2 WHERE id = $1', [
        absenceId,
        casesSignalled,
      ]);
    },

    /** Puts a reminder or escalation in the outbox, and wakes the dispatcher; delivery reads it from there. */
    async recordAlert(alert: AlertInput): Promise<void> {
      const { rowCount } = await pool.query(
        `WITH inserted AS (
           INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING
           RETURNING key)
         SELECT pg_notify('${REMINDER_CHANNEL}', '') FROM inserted`,
        [alert.key, alert.caseId, alert.level, alert.kind, alert.recipient, alert.dueAt, alert.firedAt],
      );
      logger.info({ caseId: alert.caseId, alertLevel: alert.level, kind: alert.kind, inserted: rowCount === 1 }, 'deadline alert recorded');
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;

/** SQLSTATE classes that a retry can outlive: connection, rollback, resources, operator intervention, system. */
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/**
 * A write error that no retry can mend becomes a non-retryable failure; everything else (the
 * database down or restarting, a lost connection, a pool time-out) is retried.
 */
export function asPermanent(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  // Only PostgreSQL's own errors carry a SQLSTATE; a socket's EPIPE or EBADF is five letters too.
  const sqlState = err instanceof DatabaseError && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
  const permanent = sqlState ? !TRANSIENT_SQLSTATE_CLASSES.has(sqlState.slice(0, 2)) : err instanceof TypeError || err instanceof RangeError;
  if (!permanent) return err;
  // The message names the kind of problem; values from the command are left out of it.
  const what = sqlState ? `the database refused the data (SQLSTATE ${sqlState})` : `the data could not be processed (${(err as Error).name})`;
  return ApplicationFailure.create({ type: WriteRefused.Unrecordable, message: what, nonRetryable: true });
}

/**
 * The coordinators a letter names, read from the registry when it is written, so that names and
 * contact never pass through the workflow: the appointed one in the appointed unit, and for a
 * leave or departure the absent coordinator and the substitute, each in their own unit.
 */
async function letterContacts(client: PoolClient, letter: LetterFacts): Promise<LetterContacts> {
  if (!namesCoordinators(letter)) return {};
  const one = async (coordinatorId: string, unitId?: string) =>
    (
      await client.query<CoordinatorContact>(
        `SELECT c.name, c.email, u.name AS "unitName" FROM coordinators c JOIN units u ON u.id = coalesce($2::uuid, c.unit_id) WHERE c.id = $1`,
        [coordinatorId, unitId ?? null],
      )
    ).rows[0];
  if (letter.kind === 'appointment' || letter.kind === 'coordinator_change') return { coordinator: await one(letter.coordinatorId, letter.unitId) };
  const substituteId = 'absence' in letter ? letter.absence?.substituteId : undefined;
  return { coordinator: await one(letter.coordinatorId), ...(substituteId ? { substitute: await one(substituteId) } : {}) };
}

const APPOINTMENT_EVENTS = new Set(['CoordinatorAppointed', 'CoordinatorChanged']);

/**
 * The units and coordinators a change names must be of the case's municipality, whoever sent it:
 * the API checks this before it asks, and this check holds for commands that reach the workflow
 * any other way.
 */
async function checkReferences(client: PoolClient, event: PersistCaseInput['event'], view: CaseView): Promise<void> {
  const municipality = view.municipality;
  if (!municipality) return;
  const refuse = (message: string) => ApplicationFailure.create({ type: WriteRefused.ForeignReference, message, nonRetryable: true });
  if (APPOINTMENT_EVENTS.has(event.type) && view.appointment) {
    const { unitId, coordinatorId } = view.appointment;
    const { rowCount } = await client.query(
      `SELECT 1 FROM coordinators c JOIN units u ON u.id = c.unit_id
        WHERE c.id = $1 AND u.id = $2 AND c.municipality = $3 AND u.municipality = $3`,
      [coordinatorId, unitId, municipality],
    );
    if (rowCount === 0) throw refuse(`coordinator ${coordinatorId} of unit ${unitId} is not registered in this municipality`);
  }
  const substituteId = event.type === 'CoordinatorAbsent' ? view.absence?.substituteId : undefined;
  if (substituteId) {
    const { rowCount } = await client.query('SELECT 1 FROM coordinators WHERE id = $1 AND municipality = $2', [substituteId, municipality]);
    if (rowCount === 0) throw refuse(`substitute ${substituteId} is not registered in this municipality`);
  }
}

/** The projection's columns, from the case view the workflow wrote. */
function projectionRow(caseId: string, view: CaseView): unknown[] {
  const firstDecision = view.decisions[0];
  const latestDecision = view.decisions[view.decisions.length - 1];
  return [
    caseId,
    view.status,
    view.version,
    view.appointment?.unitId ?? null,
    view.appointment?.coordinatorId ?? null,
    view.request.caseworkerId ?? null,
    view.request.receivedOn,
    view.registeredAt,
    view.nextDeadline ?? null,
    view,
    view.absence?.substituteId ?? null,
    latestDecision?.outcome ?? null,
    firstDecision?.decidedOn ?? null,
    view.appointment ? (view.firstAppointedOn ?? view.appointment.appointedOn) : null,
    view.closure?.reason ?? null,
    view.closure?.on ?? null,
    view.extendedToAge ?? null,
  ];
}
