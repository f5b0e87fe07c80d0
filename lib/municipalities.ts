/**
 * The municipality register (issue #16): per kommunenummer the name, KE's addresses, the
 * letterhead, the målform, where complaints are sent and the case policy. One deployment can
 * serve many municipalities; a municipality without an entry is written for with the
 * deployment's environment settings, and the deployment's own municipality gets its entry from
 * them at the API's start. Every change is kept in municipality_changes with who and when.
 */
import type { Pool } from 'pg';
import { DEFAULT_POLICY, type Policy } from '../workflows/case/policy';

export type Malform = 'nb' | 'nn';

export interface MunicipalityFields {
  name: string;
  kePostalAddress: string;
  keVisitingAddress: string | null;
  keEmail: string | null;
  kePhone: string | null;
  letterheadName: string;
  /** An image as a data: URL (PNG, JPEG or SVG), or none. */
  letterheadLogo: string | null;
  malform: Malform;
  /** Where a complaint is sent: to KE, which decided (fvl § 32), unless the municipality says otherwise. */
  complaintAddress: string;
  casePolicy: Policy;
}

export interface Municipality extends MunicipalityFields {
  number: string;
  /** 0 for the environment's defaults, which are not in the register. */
  version: number;
  updatedAt: string | null;
  updatedBy: string;
}

/** The environment's settings (lib/config.ts), the defaults of a municipality without an entry. */
export interface MunicipalityDefaults {
  name: string;
  kePostalAddress: string;
  keEmail?: string;
  kePhone?: string;
  malform: Malform;
  policy: Policy;
}

export const ENVIRONMENT = 'environment';

export function defaultsFor(number: string, d: MunicipalityDefaults): Municipality {
  return {
    number,
    name: d.name,
    kePostalAddress: d.kePostalAddress,
    keVisitingAddress: null,
    keEmail: d.keEmail ?? null,
    kePhone: d.kePhone ?? null,
    letterheadName: d.name,
    letterheadLogo: null,
    malform: d.malform,
    complaintAddress: d.kePostalAddress,
    casePolicy: d.policy,
    version: 0,
    updatedAt: null,
    updatedBy: ENVIRONMENT,
  };
}

const fromRow = (r: Record<string, unknown>): Municipality => ({
  number: r.number as string,
  name: r.name as string,
  kePostalAddress: r.ke_postal_address as string,
  keVisitingAddress: (r.ke_visiting_address as string | null) ?? null,
  keEmail: (r.ke_email as string | null) ?? null,
  kePhone: (r.ke_phone as string | null) ?? null,
  letterheadName: r.letterhead_name as string,
  letterheadLogo: (r.letterhead_logo as string | null) ?? null,
  malform: r.malform as Malform,
  complaintAddress: r.complaint_address as string,
  // A policy saved before a new deadline existed gets that deadline's default.
  casePolicy: { ...DEFAULT_POLICY, ...(r.case_policy as Partial<Policy>) },
  version: r.version as number,
  updatedAt: (r.updated_at as Date).toISOString(),
  updatedBy: r.updated_by as string,
});

const fieldsOf = (m: Municipality): MunicipalityFields => ({
  name: m.name,
  kePostalAddress: m.kePostalAddress,
  keVisitingAddress: m.keVisitingAddress,
  keEmail: m.keEmail,
  kePhone: m.kePhone,
  letterheadName: m.letterheadName,
  letterheadLogo: m.letterheadLogo,
  malform: m.malform,
  complaintAddress: m.complaintAddress,
  casePolicy: m.casePolicy,
});

export interface MunicipalityChange {
  version: number;
  settings: MunicipalityFields;
  changedBy: string;
  changedAt: string;
}

/** The version an If-Match named is not the register's: someone else changed it meanwhile. */
export class StaleMunicipality extends Error {
  constructor(readonly current: number) {
    super(`the municipality's settings are at version ${current}`);
  }
}

export function municipalityRegister(db: Pool, defaults: MunicipalityDefaults) {
  async function find(number: string): Promise<Municipality | null> {
    const { rows } = await db.query('SELECT * FROM municipalities WHERE number = $1', [number]);
    return rows.length === 1 ? fromRow(rows[0]) : null;
  }

  /** Writes `fields` as the next version, if the entry is still at `expected` (0: no entry yet). */
  async function write(number: string, fields: MunicipalityFields, by: string, expected?: number): Promise<Municipality> {
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const current = await client.query<{ version: number }>('SELECT version FROM municipalities WHERE number = $1 FOR UPDATE', [number]);
      const version = current.rows[0]?.version ?? 0;
      if (expected !== undefined && expected !== version) throw new StaleMunicipality(version);
      const values = [
        number,
        fields.name,
        fields.kePostalAddress,
        fields.keVisitingAddress,
        fields.keEmail,
        fields.kePhone,
        fields.letterheadName,
        fields.letterheadLogo,
        fields.malform,
        fields.complaintAddress,
        JSON.stringify(fields.casePolicy),
        version + 1,
        by,
      ];
      const { rows } = await client.query(
        `INSERT INTO municipalities (number, name, ke_postal_address, ke_visiting_address, ke_email, ke_phone, letterhead_name,
                                     letterhead_logo, malform, complaint_address, case_policy, version, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (number) DO UPDATE SET name = $2, ke_postal_address = $3, ke_visiting_address = $4, ke_email = $5, ke_phone = $6,
           letterhead_name = $7, letterhead_logo = $8, malform = $9, complaint_address = $10, case_policy = $11, version = $12,
           updated_by = $13, updated_at = now()
         RETURNING *`,
        values,
      );
      await client.query('INSERT INTO municipality_changes (municipality, version, settings, changed_by) VALUES ($1, $2, $3, $4)', [
        number,
        version + 1,
        JSON.stringify(fields),
        by,
      ]);
      await client.query('COMMIT');
      return fromRow(rows[0]);
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }

  return {
    find,

    /** The entry, or the environment's defaults for a municipality without one. */
    async settings(number: string): Promise<Municipality> {
      return (await find(number)) ?? defaultsFor(number, defaults);
    },

    /** Creates the entry from the environment's defaults unless it exists; true when it did. */
    async ensure(number: string): Promise<boolean> {
      if (await find(number)) return false;
      try {
        await write(number, fieldsOf(defaultsFor(number, defaults)), ENVIRONMENT, 0);
        return true;
      } catch (err) {
        // Another API process created it at the same moment.
        if (err instanceof StaleMunicipality || (err as { code?: string }).code === '23505') return false;
        throw err;
      }
    },

    /** Replaces the settings; with `expected`, only if the entry is still at that version. */
    put: write,

    async changes(number: string): Promise<MunicipalityChange[]> {
      const { rows } = await db.query('SELECT * FROM municipality_changes WHERE municipality = $1 ORDER BY version DESC', [number]);
      return rows.map((r) => ({
        version: r.version as number,
        settings: r.settings as MunicipalityFields,
        changedBy: r.changed_by as string,
        changedAt: (r.changed_at as Date).toISOString(),
      }));
    },
  };
}

export type MunicipalityRegister = ReturnType<typeof municipalityRegister>;
