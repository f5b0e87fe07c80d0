/**
 * The steps of a letter's delivery (workflows/delivery/workflow.ts): each reads what it needs
 * from PostgreSQL, talks to SvarUt or KRR, and writes where the letter is to letter_deliveries.
 * Names, national identity numbers and addresses stay here and in PostgreSQL; the workflow
 * sees the letter id and a state.
 *
 * Idempotent: a state only moves forward (a step never overwrites handed_over), sending asks
 * SvarUt for the letter id first (lib/national/svarut.ts), and reminders have a key per letter
 * and kind. A failure SvarUt or KRR give for good (PermanentError) becomes a non-retryable
 * failure; anything else is retried by Temporal.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { caseLanguages } from '../lib/case-language';
import { PermanentError } from '../lib/national/errors';
import type { KrrClient } from '../lib/national/krr';
import type { OutgoingLetter, SvarUtClient } from '../lib/national/svarut';
import { osloDateOf } from '../workflows/case/dates';
import { sameName } from '../workflows/case/names';
import type { CaseView } from '../workflows/case/messages';
import type { DeliveryState } from '../workflows/delivery/messages';
import { receiptOn } from '../workflows/delivery/receipt';
import { REMINDER_CHANNEL } from './index';
import { letterPdf } from './letters/pdf';
import type { LetterBody, Municipality } from './letters/text';

export interface DeliveryDeps {
  pool: Pool;
  logger: Logger;
  municipality: Municipality;
  /** Without SvarUt every letter is to be handed over by hand. */
  svarut?: SvarUtClient;
  /** Without KRR nobody's reservation is known, and SvarUt decides the channel alone. */
  krr?: KrrClient;
}

export type Prepared = { route: 'svarut'; printOnly: boolean } | { route: 'by_hand' } | { route: 'done'; state: DeliveryState };

export const DeliveryFailure = {
  /** SvarUt or KRR refused the request for good. */
  Refused: 'DeliveryRefused',
  /** The letter or its delivery row is gone. */
  Missing: 'DeliveryMissing',
} as const;

interface Recipient {
  name: string;
  nationalId?: string;
  address: OutgoingLetter['recipient']['address'];
}

/** Who chose a case's målform when it came from the recipient's entry in KRR. */
export const KRR_CHOOSER = 'krr';

const FINISHED: ReadonlySet<DeliveryState> = new Set(['handed_over', 'read', 'failed']);

export function createDeliveryActivities({ pool, logger, municipality, svarut, krr }: DeliveryDeps) {
  const log = logger.child({ part: 'letter-delivery' });

  async function row(letterId: string) {
    const { rows } = await pool.query<{
      state: DeliveryState;
      case_id: string;
      forsendelse_id: string | null;
      received_on: string | null;
      kind: string;
      body: LetterBody;
      view: CaseView | null;
    }>(
      `SELECT d.state, d.case_id, d.forsendelse_id, to_char(d.received_on, 'YYYY-MM-DD') AS received_on, l.kind, l.body, c.view
         FROM letter_deliveries d JOIN letters l ON l.id = d.letter_id LEFT JOIN cases c ON c.id = d.case_id
        WHERE d.letter_id = $1`,
      [letterId],
    );
    if (!rows[0]) throw ApplicationFailure.create({ type: DeliveryFailure.Missing, message: `no delivery for letter ${letterId}`, nonRetryable: true });
    return rows[0];
  }

  /** The first addressee with a postal address on the case; the young person's own national id from the case when their contact lacks one. */
  async function recipientOf(caseId: string, body: LetterBody, view: CaseView | null): Promise<Recipient | undefined> {
    const { rows } = await pool.query<{ name: string; national_id: string | null; address_lines: string[]; postal_code: string; city: string; country: string | null }>(
      'SELECT name, national_id, address_lines, postal_code, city, country FROM case_contacts WHERE case_id = $1',
      [caseId],
    );
    for (const name of body.to) {
      const contact = rows.find((r) => sameName(r.name, name));
      if (!contact) continue;
      const child = view?.request.child;
      const nationalId = contact.national_id ?? (child && sameName(child.name, name) ? child.nationalId : undefined);
      return {
        name,
        ...(nationalId ? { nationalId } : {}),
        address: { lines: contact.address_lines, postalCode: contact.postal_code, city: contact.city, ...(contact.country ? { country: contact.country } : {}) },
      };
    }
    return undefined;
  }

  /** The PDF stored with the letter, rendered and stored first if the API has not done so: the family gets the archived bytes. */
  async function storedPdf(letterId: string): Promise<Buffer> {
    const { rows } = await pool.query<{ pdf: Buffer | null; body: LetterBody; created_at: Date; letterhead_name: string | null; ke_postal_address: string | null }>(
      `SELECT l.pdf, l.body, l.created_at, m.letterhead_name, m.ke_postal_address
         FROM letters l LEFT JOIN letter_deliveries d ON d.letter_id = l.id LEFT JOIN municipalities m ON m.number = d.municipality
        WHERE l.id = $1`,
      [letterId],
    );
    if (rows[0].pdf) return rows[0].pdf;
    // The municipality's register entry, as the API's renders use; the deployment's settings without one.
    const letterhead = rows[0].letterhead_name
      ? { name: rows[0].letterhead_name, keAddress: rows[0].ke_postal_address ?? municipality.keAddress }
      : municipality;
    const pdf = await letterPdf(rows[0].body, { createdAt: rows[0].created_at, letterhead });
    const stored = await pool.query<{ pdf: Buffer }>(
      'UPDATE letters SET pdf = coalesce(pdf, $2) WHERE id = $1 RETURNING pdf',
      [letterId, pdf],
    );
    return stored.rows[0].pdf;
  }

  /** What a national service refused for good fails the step without retry; anything else is retried. */
  function permanent(err: unknown): unknown {
    if (err instanceof PermanentError) return ApplicationFailure.create({ type: DeliveryFailure.Refused, message: err.message, nonRetryable: true });
    return err;
  }

  return {
    /**
     * Decides the way: by hand when SvarUt is not configured or no addressee has a postal
     * address; else through SvarUt, by post when KRR says the recipient is reserved against
     * digital post (or has no national id). Records the KRR answer and the person's language.
     */
    async prepareDelivery({ letterId }: { letterId: string }): Promise<Prepared> {
      const r = await row(letterId);
      if (FINISHED.has(r.state)) return { route: 'done', state: r.state };
      if (r.state === 'by_hand') return { route: 'by_hand' };
      const recipient = svarut ? await recipientOf(r.case_id, r.body, r.view) : undefined;
      if (!svarut || !recipient) {
        const reason = svarut ? 'no_address' : 'not_configured';
        await pool.query(
          `UPDATE letter_deliveries SET state = 'by_hand', by_hand_reason = $2, updated_at = now() WHERE letter_id = $1 AND state = 'pending'`,
          [letterId, reason],
        );
        log.info({ letterId, caseId: r.case_id, reason }, 'letter to be handed over by hand');
        return { route: 'by_hand' };
      }
      let reserved = false;
      if (krr && recipient.nationalId) {
        const contact = await krr.lookup(recipient.nationalId).catch((err: unknown) => {
          throw permanent(err);
        });
        reserved = contact.reserved;
        await pool.query('UPDATE letter_deliveries SET krr_reserved = $2, preferred_language = $3, updated_at = now() WHERE letter_id = $1', [
          letterId,
          contact.reserved,
          contact.language ?? null,
        ]);
        // The language the person registered in KRR becomes the case's målform for later
        // letters, unless KE has recorded the family's own choice (which stands).
        if (contact.language === 'nb' || contact.language === 'nn') {
          await caseLanguages(pool).choose(r.case_id, contact.language, KRR_CHOOSER, { firstOnly: true });
        }
      }
      return { route: 'svarut', printOnly: reserved || !recipient.nationalId };
    },

    /**
     * Sends the letter as one forsendelse with eksternReferanse = letter id; SvarUt is asked for
     * that reference first, so an attempt whose answer was lost (a crash, a timeout) sends
     * nothing the second time. Stops waiting when the worker shuts down: Temporal gives the
     * attempt to the next worker, which finds the forsendelse.
     */
    async sendLetter({ letterId, printOnly }: { letterId: string; printOnly: boolean }): Promise<{ skipped: false; forsendelseId: string } | { skipped: true; state: DeliveryState }> {
      if (!svarut) throw ApplicationFailure.create({ type: DeliveryFailure.Refused, message: 'SvarUt is not configured', nonRetryable: true });
      const r = await row(letterId);
      if (FINISHED.has(r.state)) return { skipped: true, state: r.state };
      if (r.forsendelse_id) return { skipped: false, forsendelseId: r.forsendelse_id };
      await pool.query(
        `UPDATE letter_deliveries SET state = 'sending', attempts = attempts + 1, updated_at = now() WHERE letter_id = $1 AND state IN ('pending', 'sending')`,
        [letterId],
      );
      const recipient = await recipientOf(r.case_id, r.body, r.view);
      if (!recipient) throw ApplicationFailure.create({ type: DeliveryFailure.Missing, message: 'the recipient has no postal address any more', nonRetryable: true });
      const letter: OutgoingLetter = {
        letterId,
        title: r.body.title,
        pdf: await storedPdf(letterId),
        filename: `${r.kind}.pdf`,
        recipient,
        // Letters about a child's health and welfare are under a duty of confidentiality.
        confidential: true,
        printOnly,
        kind: r.kind,
      };
      const cancelled = Context.current().cancelled;
      let sent;
      try {
        sent = await Promise.race([svarut.send(letter), cancelled]);
      } catch (err) {
        throw permanent(err);
      }
      await pool.query(
        `UPDATE letter_deliveries SET state = CASE WHEN state IN ('pending', 'sending') THEN 'accepted' ELSE state END,
                forsendelse_id = $2, channel = $3, updated_at = now()
          WHERE letter_id = $1`,
        [letterId, sent.forsendelseId, printOnly ? 'print' : null],
      );
      log.info({ letterId, caseId: r.case_id, alreadySent: sent.alreadySent }, 'letter sent through SvarUt');
      return { skipped: false, forsendelseId: sent.forsendelseId };
    },

    /** Asks SvarUt where the letter is; records a new status, the channel and the receipt. */
    async pollDelivery({ letterId }: { letterId: string }): Promise<{ state: DeliveryState; final: boolean }> {
      if (!svarut) throw ApplicationFailure.create({ type: DeliveryFailure.Refused, message: 'SvarUt is not configured', nonRetryable: true });
      const r = await row(letterId);
      if (r.state === 'handed_over' || !r.forsendelse_id) return { state: r.state, final: r.state === 'handed_over' };
      const status = await svarut.status(r.forsendelse_id).catch((err: unknown) => {
        throw permanent(err);
      });
      const next = status.state as DeliveryState;
      await pool.query(
        `INSERT INTO letter_delivery_transitions (letter_id, svarut_status, state, changed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [letterId, status.svarutStatus, next, status.changedAt],
      );
      const receivedOn = receiptOn(next, osloDateOf(status.changedAt), { state: r.state, receivedOn: r.received_on });
      const channel = next === 'sent_to_print' ? 'print' : next === 'delivered_digitally' || next === 'read' ? 'digital' : null;
      const { rows } = await pool.query<{ state: DeliveryState }>(
        `UPDATE letter_deliveries SET state = $2, svarut_status = $3, received_on = $4, channel = coalesce($5, channel), updated_at = now()
          WHERE letter_id = $1 AND state <> 'handed_over' RETURNING state`,
        [letterId, next, status.svarutStatus, receivedOn ?? null, channel],
      );
      if (r.state !== next) log.info({ letterId, caseId: r.case_id, state: next, svarutStatus: status.svarutStatus }, 'letter delivery moved on');
      return rows[0] ? { state: rows[0].state, final: status.final } : { state: 'handed_over', final: true };
    },

    async markFailed({ letterId }: { letterId: string }): Promise<void> {
      await pool.query(
        `UPDATE letter_deliveries SET state = 'failed', updated_at = now() WHERE letter_id = $1 AND state NOT IN ('handed_over', 'read', 'delivered_digitally')`,
        [letterId],
      );
    },

    /** A reminder or escalation to KE through the reminder outbox, once per letter and kind. */
    async remindKe({ letterId, caseId, kind, level }: { letterId: string; caseId: string; kind: string; level: 'reminder' | 'escalation' }): Promise<void> {
      const now = new Date().toISOString();
      await pool.query(
        `WITH inserted AS (
           INSERT INTO reminders (key, case_id, level, kind, recipient, due_at, created_at)
           VALUES ($1, $2, $3, $4, 'ke', $5, $5) ON CONFLICT (key) DO NOTHING
           RETURNING key)
         SELECT pg_notify('${REMINDER_CHANNEL}', '') FROM inserted`,
        [`letter:${letterId}:${kind}`, caseId, level, kind, now],
      );
      if (level === 'escalation') {
        await pool.query('UPDATE letter_deliveries SET escalated_at = coalesce(escalated_at, now()) WHERE letter_id = $1', [letterId]);
      }
      log.info({ letterId, caseId, kind, alertLevel: level }, 'letter delivery reminder recorded');
    },
  };
}

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;
