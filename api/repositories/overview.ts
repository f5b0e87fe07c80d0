/**
 * The KE overview's reads: one grouped query per figure, never one query per case or per
 * coordinator, so they stay fast with tens of thousands of cases. All values are parameters.
 */
import type { Pool, PoolClient } from 'pg';
import { osloMidnight } from '../../workflows/case/dates';
import { opaqueSince, type DeadlineKind } from '../../workflows/case/deadlines';
import type { ClosureReason, ComplaintOutcome } from '../../workflows/case/types';

type Db = Pool | PoolClient;

const iso = (v: unknown) => (v as Date).toISOString();
const num = (v: unknown) => Number(v ?? 0);
/** Days to one decimal: percentile_cont interpolates, and floating point adds noise. */
const daysOrNull = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export interface WorklistFilter {
  /** Kommunenummer: every figure is of one municipality's cases. */
  municipality: string;
  asOf: Date;
  until: Date;
  responsible?: string;
  kind?: string;
  limit: number;
}

/**
 * Open deadlines due before `until` (overdue ones included), earliest first. `since` of a
 * deadline derived from the birth date or the termin is the opaque value the workflow writes
 * (deadlines.ts opaqueSince), even for a row written before it did.
 */
export async function worklistDeadlines(db: Db, f: WorklistFilter) {
  const { rows } = await db.query(
    `SELECT d.case_id, d.kind, d.since, d.due_at, d.responsible, d.due_at < $1 AS overdue,
            c.status, c.unit_id, c.coordinator_id, c.extended_to_age
       FROM case_deadlines d
       JOIN cases c ON c.id = d.case_id
      WHERE d.due_at < $2
        AND c.municipality = $6
        AND c.status <> 'closed'
        AND ($3::text IS NULL OR d.responsible = $3)
        AND ($4::text IS NULL OR d.kind = $4)
      ORDER BY d.due_at, d.case_id, d.kind, d.since
      LIMIT $5`,
    [f.asOf, f.until, f.responsible ?? null, f.kind ?? null, f.limit + 1, f.municipality],
  );
  return {
    truncated: rows.length > f.limit,
    rows: rows.slice(0, f.limit).map((r) => ({
      caseId: r.case_id as string,
      kind: r.kind as string,
      since: opaqueSince(r.kind as DeadlineKind, { extendedToAge: r.extended_to_age ?? undefined }) ?? (r.since as string),
      dueAt: iso(r.due_at),
      responsible: r.responsible as string,
      overdue: r.overdue as boolean,
      caseStatus: r.status as string,
      unitId: r.unit_id as string | null,
      coordinatorId: r.coordinator_id as string | null,
    })),
  };
}

/**
 * Cases where nobody holds the coordinator role: granted but not yet appointed, or appointed
 * with the coordinator gone or on leave without a substitute (the open 'reassignment' deadline).
 */
export async function casesWithoutCoordinator(db: Db, municipality: string, asOf: Date, limit: number) {
  const { rows } = await db.query(
    `SELECT id, status, unit_id, coordinator_id, reason, due_at, due_at < $1 AS overdue
       FROM (SELECT c.id, c.status, c.unit_id, c.coordinator_id, 'not_appointed' AS reason, d.due_at
               FROM cases c
               LEFT JOIN case_deadlines d ON d.case_id = c.id AND d.kind = 'appointment'
              WHERE c.status = 'granted' AND c.municipality = $3
             UNION ALL
             SELECT c.id, c.status, c.unit_id, c.coordinator_id, 'coordinator_absent', d.due_at
               FROM case_deadlines d
               JOIN cases c ON c.id = d.case_id
              WHERE d.kind = 'reassignment' AND c.status <> 'closed' AND c.municipality = $3) w
      ORDER BY due_at NULLS LAST, id
      LIMIT $2`,
    [asOf, limit + 1, municipality],
  );
  return {
    truncated: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      caseId: r.id as string,
      caseStatus: r.status as string,
      reason: r.reason as 'not_appointed' | 'coordinator_absent',
      unitId: r.unit_id as string | null,
      coordinatorId: r.coordinator_id as string | null,
      dueAt: r.due_at ? iso(r.due_at) : null,
      overdue: r.overdue === true,
    })),
  };
}

/**
 * Letters KE must act on (issue #17), of open and closed cases alike, since a closure letter
 * must reach the family too: to be handed over by hand (SvarUt not configured, or no address),
 * failed in SvarUt, or escalated because not delivered within the policy's deadline. A letter
 * leaves the list when it is delivered, read, sent to print or handed over. Oldest first.
 */
export async function lettersToDeliver(db: Db, municipality: string, limit: number) {
  const { rows } = await db.query(
    `SELECT d.letter_id, d.case_id, l.kind, l.title, l.created_at, d.state, d.by_hand_reason,
            coalesce(d.escalated_at, d.updated_at) AS since, c.status
       FROM letter_deliveries d
       JOIN cases c ON c.id = d.case_id
       JOIN letters l ON l.id = d.letter_id
      WHERE c.municipality = $1
        AND (d.state IN ('by_hand', 'failed')
             OR (d.escalated_at IS NOT NULL AND d.state IN ('pending', 'sending', 'accepted')))
      ORDER BY l.created_at, d.letter_id
      LIMIT $2`,
    [municipality, limit + 1],
  );
  return {
    truncated: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      caseId: r.case_id as string,
      letterId: r.letter_id as string,
      letterKind: r.kind as string,
      title: r.title as string,
      writtenAt: iso(r.created_at),
      reason: (r.state === 'by_hand' ? 'by_hand' : r.state === 'failed' ? 'failed' : 'not_delivered') as 'by_hand' | 'failed' | 'not_delivered',
      byHandReason: (r.by_hand_reason ?? null) as 'not_configured' | 'no_address' | null,
      since: iso(r.since),
      caseStatus: r.status as string,
    })),
  };
}

/** Open cases per coordinator (appointed and substituting) and per unit, zeros included. */
export async function caseload(db: Db, municipality: string) {
  const [coordinators, units, totals] = await Promise.all([
    db.query(
      `WITH appointed AS (
              SELECT coordinator_id AS id, count(*) AS n FROM cases
               WHERE municipality = $1 AND status <> 'closed' AND coordinator_id IS NOT NULL GROUP BY coordinator_id),
            substituting AS (
              SELECT substitute_id AS id, count(*) AS n FROM cases
               WHERE municipality = $1 AND status <> 'closed' AND substitute_id IS NOT NULL GROUP BY substitute_id)
       SELECT co.id, co.name, co.unit_id, coalesce(a.n, 0) AS appointed, coalesce(s.n, 0) AS substituting
         FROM coordinators co
         LEFT JOIN appointed a ON a.id = co.id
         LEFT JOIN substituting s ON s.id = co.id
        WHERE co.municipality = $1
        ORDER BY co.name, co.id`,
      [municipality],
    ),
    db.query(
      `WITH open AS (
              SELECT unit_id AS id, count(*) AS n FROM cases
               WHERE municipality = $1 AND status <> 'closed' AND unit_id IS NOT NULL GROUP BY unit_id)
       SELECT u.id, u.name, u.sector, coalesce(o.n, 0) AS open_cases
         FROM units u LEFT JOIN open o ON o.id = u.id
        WHERE u.municipality = $1
        ORDER BY u.name, u.id`,
      [municipality],
    ),
    db.query(
      `SELECT count(*) AS open_cases, count(*) FILTER (WHERE coordinator_id IS NOT NULL) AS appointed
         FROM cases WHERE municipality = $1 AND status <> 'closed'`,
      [municipality],
    ),
  ]);
  const open = num(totals.rows[0].open_cases);
  const appointed = num(totals.rows[0].appointed);
  return {
    coordinators: coordinators.rows.map((r) => ({
      coordinatorId: r.id as string,
      name: r.name as string,
      unitId: r.unit_id as string,
      appointed: num(r.appointed),
      substituting: num(r.substituting),
    })),
    units: units.rows.map((r) => ({ unitId: r.id as string, name: r.name as string, sector: r.sector as string, openCases: num(r.open_cases) })),
    totals: { openCases: open, appointed, notAppointed: open - appointed },
  };
}

const COMPLAINT_OUTCOMES = ['reversed_by_ke', 'forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren', 'overturned_by_statsforvalteren'] as const satisfies readonly ComplaintOutcome[];
const CLOSURE_REASONS = ['age_limit', 'consent_withdrawn', 'moved_away', 'need_ended', 'child_died', 'other'] as const satisfies readonly ClosureReason[];

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The yearly figures, read in one repeatable-read snapshot so they add up.
 *
 * Counting rules:
 * - decisions: every DecisionRecorded event whose decidedOn is in the year. The workflow allows
 *   one written decision per case (only from awaiting_decision), so this is the first decision;
 *   a refusal reversed on complaint is not a new decision here but a complaint outcome.
 * - complaints: received = ComplaintReceived with receivedOn in the year (late as recorded);
 *   outcomes = ComplaintOutcomeRecorded dated in the year, whenever the complaint came, so a
 *   finished year's figures do not change afterwards.
 * - durations: cases whose first decision (first appointment) is dated in the year, from
 *   received_on, in calendar days; percentile_cont (interpolating, so a median may fall between
 *   two cases), rounded to one decimal.
 * - open at year end: received by 31 December and not closed by then; the unit is the one of
 *   the latest appointment dated by 31 December (none if not yet appointed then).
 * - casesExtended: cases with a CaseExtended event recorded in the year (Oslo time), the year
 *   the municipality chose to continue past 18, not the year the case reaches 18.
 */
export async function yearlyReport(pool: Pool, municipality: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const requests = await client.query('SELECT count(*) AS n FROM cases WHERE municipality = $3 AND received_on BETWEEN $1::date AND $2::date', [from, to, municipality]);
    const durations = await client.query(
      `SELECT 'decision' AS step, count(*) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY first_decided_on - received_on) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY first_decided_on - received_on) AS p90
         FROM cases WHERE municipality = $3 AND first_decided_on BETWEEN $1::date AND $2::date
       UNION ALL
       SELECT 'appointment', count(*),
              percentile_cont(0.5) WITHIN GROUP (ORDER BY first_appointed_on - received_on),
              percentile_cont(0.9) WITHIN GROUP (ORDER BY first_appointed_on - received_on)
         FROM cases WHERE municipality = $3 AND first_appointed_on BETWEEN $1::date AND $2::date`,
      [from, to, municipality],
    );
    const events = await client.query(
      `SELECT type, data->>'outcome' AS outcome, count(*) AS n, count(*) FILTER (WHERE data->>'late' = 'true') AS late
         FROM case_events
        WHERE ((type = 'DecisionRecorded' AND data->>'decidedOn' BETWEEN $1::text AND $2::text)
            OR (type = 'ComplaintReceived' AND data->>'receivedOn' BETWEEN $1::text AND $2::text)
            OR (type = 'ComplaintOutcomeRecorded' AND data->>'on' BETWEEN $1::text AND $2::text))
          AND case_id IN (SELECT id FROM cases WHERE municipality = $3)
        GROUP BY type, data->>'outcome'`,
      [from, to, municipality],
    );
    const openByUnit = await client.query(
      `SELECT o.unit_id, u.name, u.sector, o.n
         FROM (SELECT a.unit_id, count(*) AS n
                 FROM cases c
                 LEFT JOIN LATERAL (
                        SELECT (e.data->>'unitId')::uuid AS unit_id
                          FROM case_events e
                         WHERE e.case_id = c.id
                           AND e.type IN ('CoordinatorAppointed', 'CoordinatorChanged')
                           AND e.data->>'appointedOn' <= $2::text
                         ORDER BY e.seq DESC
                         LIMIT 1) a ON true
                WHERE c.municipality = $3 AND c.received_on <= $1::date AND (c.closed_on IS NULL OR c.closed_on > $1::date)
                GROUP BY a.unit_id) o
         LEFT JOIN units u ON u.id = o.unit_id
        ORDER BY u.name NULLS LAST, o.unit_id NULLS LAST`,
      [to, to, municipality],
    );
    const closures = await client.query(
      'SELECT closure_reason, count(*) AS n FROM cases WHERE municipality = $3 AND closed_on BETWEEN $1::date AND $2::date GROUP BY closure_reason',
      [from, to, municipality],
    );
    const extended = await client.query(
      `SELECT count(DISTINCT case_id) AS n FROM case_events
        WHERE type = 'CaseExtended' AND occurred_at >= $1 AND occurred_at < $2
          AND case_id IN (SELECT id FROM cases WHERE municipality = $3)`,
      [osloMidnight(from), osloMidnight(`${year + 1}-01-01`), municipality],
    );
    await client.query('COMMIT');

    const decisions = { granted: 0, refused: 0 };
    const complaints = { received: 0, late: 0, outcomes: zeros(COMPLAINT_OUTCOMES) };
    for (const r of events.rows) {
      if (r.type === 'DecisionRecorded' && (r.outcome === 'granted' || r.outcome === 'refused')) decisions[r.outcome as 'granted' | 'refused'] += num(r.n);
      if (r.type === 'ComplaintReceived') {
        complaints.received += num(r.n);
        complaints.late += num(r.late);
      }
      if (r.type === 'ComplaintOutcomeRecorded' && r.outcome in complaints.outcomes) complaints.outcomes[r.outcome as (typeof COMPLAINT_OUTCOMES)[number]] += num(r.n);
    }
    const duration = (step: string) => {
      const r = durations.rows.find((d) => d.step === step);
      return { cases: num(r?.n), medianDays: daysOrNull(r?.median), p90Days: daysOrNull(r?.p90) };
    };
    const byUnit = openByUnit.rows.map((r) => ({
      unitId: r.unit_id as string | null,
      name: r.name as string | null,
      sector: r.sector as string | null,
      cases: num(r.n),
    }));
    const sectors = new Map<string | null, number>();
    for (const u of byUnit) sectors.set(u.sector, (sectors.get(u.sector) ?? 0) + u.cases);
    const byReason = zeros(CLOSURE_REASONS);
    for (const r of closures.rows) if (r.closure_reason in byReason) byReason[r.closure_reason as (typeof CLOSURE_REASONS)[number]] += num(r.n);

    return {
      year,
      from,
      to,
      requestsReceived: num(requests.rows[0].n),
      decisions,
      complaints,
      daysToFirstDecision: duration('decision'),
      daysToFirstAppointment: duration('appointment'),
      openAtYearEnd: {
        total: byUnit.reduce((sum, u) => sum + u.cases, 0),
        byUnit,
        bySector: [...sectors].map(([sector, cases]) => ({ sector, cases })).sort((a, b) => (a.sector ?? '\uffff').localeCompare(b.sector ?? '\uffff')),
      },
      closures: { total: closures.rows.reduce((sum, r) => sum + num(r.n), 0), byReason },
      casesExtended: num(extended.rows[0].n),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export type YearlyReport = Awaited<ReturnType<typeof yearlyReport>>;

/** The overview's reads, bound to the pool. */
export function overviewRepository(db: Pool) {
  return {
    worklistDeadlines: (f: WorklistFilter) => worklistDeadlines(db, f),
    casesWithoutCoordinator: (municipality: string, asOf: Date, limit: number) => casesWithoutCoordinator(db, municipality, asOf, limit),
    lettersToDeliver: (municipality: string, limit: number) => lettersToDeliver(db, municipality, limit),
    caseload: (municipality: string) => caseload(db, municipality),
    yearlyReport: (municipality: string, year: number) => yearlyReport(db, municipality, year),
  };
}

export type OverviewRepository = ReturnType<typeof overviewRepository>;
