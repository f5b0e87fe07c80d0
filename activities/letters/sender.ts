/**
 * Who a letter is from and in which målform, per case (issue #16): the case's municipality as
 * the register has it (name, KE's address and contact, where complaints go, the letterhead and
 * the målform), and the målform the family chose for the case, if any (table case_language).
 * A municipality without a register entry, or a case from before cases knew their municipality,
 * is written for with the deployment's settings (`fallback`).
 */
import type { Malform } from '../../lib/i18n';
import type { Municipality } from './text';

/** Anything that runs a query: a pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface LetterSender {
  municipality: Municipality;
  malform: Malform;
  /** Whether the målform is the municipality's, not one chosen for the case. */
  municipalityDefault: boolean;
}

interface SenderRow extends Record<string, unknown> {
  name: string | null;
  ke_postal_address: string | null;
  ke_email: string | null;
  ke_phone: string | null;
  complaint_address: string | null;
  letterhead_name: string | null;
  municipality_malform: Malform | null;
  case_malform: Malform | null;
}

export async function letterSender(db: Queryable, caseId: string, municipalityNumber: string | undefined, fallback: Municipality): Promise<LetterSender> {
  const { rows } = await db.query<SenderRow>(
    `SELECT m.name, m.ke_postal_address, m.ke_email, m.ke_phone, m.complaint_address, m.letterhead_name,
            m.malform AS municipality_malform,
            (SELECT l.malform FROM case_language l WHERE l.case_id = $1::uuid) AS case_malform
       FROM (SELECT 1) one LEFT JOIN municipalities m ON m.number = $2`,
    [caseId, municipalityNumber ?? null],
  );
  const row = rows[0];
  const municipality: Municipality = row?.name
    ? {
        name: row.name,
        keAddress: row.ke_postal_address ?? fallback.keAddress,
        ...(row.ke_email ? { keEmail: row.ke_email } : {}),
        ...(row.ke_phone ? { kePhone: row.ke_phone } : {}),
        complaintAddress: row.complaint_address ?? row.ke_postal_address ?? fallback.keAddress,
        letterheadName: row.letterhead_name ?? row.name,
        malform: row.municipality_malform ?? 'nb',
      }
    : fallback;
  const own = municipality.malform ?? 'nb';
  const chosen = row?.case_malform ?? undefined;
  return { municipality, malform: chosen ?? own, municipalityDefault: chosen === undefined };
}
