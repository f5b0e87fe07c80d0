/** Every request and response shape of the API, in one place; also the source of the OpenAPI document. */
import { z } from 'zod';
import type { DeadlineKind } from '../workflows/case/deadlines';
import { CASE_STATUSES, type ClosureReason, type ComplaintOutcome } from '../workflows/case/types';
import { LONGEST_LEAVE_YEARS, isPlausibleDate, latestLeaveEnd } from '../workflows/case/date-range';
import { date, id, shortText } from '../workflows/case/commands';
import { pageFields, pageQuery } from './paging';

export const idParams = z.strictObject({ id });
export const letterParams = z.strictObject({ id, letterId: id });

export const caseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES as [string, ...string[]]).optional(),
  unitId: id.optional(),
  coordinatorId: id.optional(),
  ...pageQuery(100, 500),
});

export const caseSummary = z.object({
  id,
  status: z.string(),
  unitId: id.nullable(),
  coordinatorId: id.nullable(),
  receivedOn: z.string(),
  nextDeadline: z.string().nullable(),
  updatedAt: z.string(),
});

export const caseEvent = z.object({
  seq: z.number(),
  type: z.string(),
  actor: z.string(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const letterSummary = z.object({ id, kind: z.string(), title: z.string(), createdAt: z.string() });

export const unitBody = z.strictObject({ name: shortText, sector: z.enum(['health', 'childhood', 'welfare', 'other']) });
export const unit = z.object({ id, name: z.string(), sector: z.string(), createdAt: z.string() });

export const coordinatorBody = z.strictObject({
  unitId: id,
  name: shortText,
  email: z.email().max(200),
  subject: z
    .string()
    .regex(/^[\w.@:|-]{1,200}$/, 'the sign-in subject: letters, digits and . @ : | - _')
    .optional()
    .describe("The coordinator's subject at the identity provider (the token's sub), which gives them their own cases"),
});
export const coordinator = z.object({
  id,
  unitId: id,
  name: z.string(),
  email: z.string(),
  subject: z.string().nullable(),
  openCases: z.number(),
  createdAt: z.string(),
});
export const coordinatorListQuery = z.strictObject({ unitId: id.optional(), ...pageQuery(200, 1000) });

export const absenceBody = z
  .strictObject({
    kind: z.enum(['leave', 'departure']),
    from: date,
    until: date.optional(),
    substituteId: id.optional(),
  })
  .refine((a) => a.kind === 'leave' || a.until === undefined, { message: 'a departure has no end date', path: ['until'] })
  .refine((a) => a.until === undefined || a.until >= a.from, { message: 'until must not be before from', path: ['until'] })
  .refine((a) => a.until === undefined || !isPlausibleDate(a.until) || !isPlausibleDate(a.from) || a.until <= latestLeaveEnd(a.from), {
    message: `a leave lasts at most ${LONGEST_LEAVE_YEARS} years from its first day`,
    path: ['until'],
  });
export const absenceAccepted = z.object({ absenceId: id, coordinatorId: id, openCases: z.number() });

export const DEADLINE_KINDS = [
  'consent',
  'kartlegging',
  'decision',
  'appointment',
  'birth',
  'kick_off',
  'meeting',
  'minutes',
  'plan_evaluation',
  'inform_family',
  'inform_collaborators',
  'reassignment',
  'transition_planning',
] as const satisfies readonly DeadlineKind[];

export const worklistQuery = z.strictObject({
  dueWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(366)
    .default(7)
    .describe('Deadlines due up to the end of this many days from today (Oslo); overdue ones are always included'),
  responsible: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Only deadlines of this recipient: 'ke', 'caseworker:<id>' or 'coordinator:<uuid>'"),
  kind: z.enum(DEADLINE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200).describe('At most this many rows in each list'),
});

export const worklistDeadline = z.object({
  caseId: id,
  kind: z.string(),
  since: z.string().describe('When the step began, or the id of what it is about; with caseId and kind the key of the deadline'),
  dueAt: z.string(),
  responsible: z.string(),
  overdue: z.boolean(),
  caseStatus: z.string(),
  unitId: id.nullable(),
  coordinatorId: id.nullable(),
});

export const caseWithoutCoordinator = z.object({
  caseId: id,
  caseStatus: z.string(),
  reason: z
    .enum(['not_appointed', 'coordinator_absent'])
    .describe('granted but no coordinator appointed yet, or the coordinator left or is on leave without a substitute'),
  unitId: id.nullable(),
  coordinatorId: id.nullable().describe('The absent coordinator, for coordinator_absent'),
  dueAt: z.string().nullable().describe('When KE must have appointed (anew)'),
  overdue: z.boolean(),
});

export const worklist = z
  .object({
    asOf: z.string(),
    until: z.string().describe('Deadlines due before this instant are listed'),
    deadlines: z.array(worklistDeadline),
    casesWithoutCoordinator: z.array(caseWithoutCoordinator),
    truncated: z.object({ deadlines: z.boolean(), casesWithoutCoordinator: z.boolean() }).describe('A list was cut at limit'),
  })
  .describe('KE worklist: what is overdue or due soon across all open cases; no personal data');

export const caseload = z.object({
  coordinators: z.array(
    z.object({
      coordinatorId: id,
      name: z.string(),
      unitId: id,
      appointed: z.number().describe('Open cases where this is the appointed coordinator'),
      substituting: z.number().describe('Open cases where this coordinator stands in for an absent one'),
    }),
  ),
  units: z.array(z.object({ unitId: id, name: z.string(), sector: z.string(), openCases: z.number() })),
  totals: z.object({ openCases: z.number(), appointed: z.number(), notAppointed: z.number() }),
});

export const yearlyReportQuery = z.strictObject({
  year: z.coerce.number({ error: 'must be a year, e.g. 2026' }).int().min(2000).max(2100),
  format: z.enum(['json', 'csv']).optional().describe('Overrides the Accept header'),
});

const count = z.number();
const durationStats = z.object({
  cases: count,
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
});
const complaintOutcomes = {
  reversed_by_ke: count,
  forwarded_to_statsforvalteren: count,
  upheld_by_statsforvalteren: count,
  overturned_by_statsforvalteren: count,
} satisfies Record<ComplaintOutcome, typeof count>;
const closureReasons = {
  age_limit: count,
  consent_withdrawn: count,
  moved_away: count,
  need_ended: count,
  child_died: count,
  other: count,
} satisfies Record<ClosureReason, typeof count>;

export const yearlyReport = z
  .object({
    year: z.number(),
    from: z.string(),
    to: z.string(),
    requestsReceived: count,
    decisions: z.object({ granted: count, refused: count }).describe('Written decisions (DecisionRecorded) dated in the year'),
    complaints: z.object({
      received: count,
      late: count,
      outcomes: z.object(complaintOutcomes).describe('Outcomes dated in the year, whenever the complaint came'),
    }),
    daysToFirstDecision: durationStats.describe('From the request to the first decision, for cases first decided in the year'),
    daysToFirstAppointment: durationStats.describe('From the request to the first appointment, for cases first appointed in the year'),
    openAtYearEnd: z.object({
      total: count,
      byUnit: z.array(z.object({ unitId: id.nullable(), name: z.string().nullable(), sector: z.string().nullable(), cases: count })),
      bySector: z.array(z.object({ sector: z.string().nullable(), cases: count })),
    }),
    closures: z.object({ total: count, byReason: z.object(closureReasons) }),
    casesExtended: count.describe('Cases extended past 18 in the year (CaseExtended events recorded in the year)'),
  })
  .describe('Yearly figures for the report to the sector heads');

/** Reading a closed case needs a reason; any read may give one, and the access log keeps it. */
export const reasonHeaders = z.looseObject({
  'x-access-reason': z.string().max(300).optional().describe('Why the case is read (required for a closed case); kept in the access log'),
});

export const accessLogQuery = z.strictObject(pageQuery(500, 1000));

export const accessLogEntry = z.object({
  at: z.iso.datetime({ offset: true }),
  subject: z.string().describe("The identity provider's subject of the person"),
  roles: z.array(z.string()),
  municipality: z.string().nullable(),
  action: z.enum(['read', 'change']),
  method: z.string(),
  endpoint: z.string().describe('The route, e.g. /cases/:id/letters'),
  granted: z.boolean().describe('false for a refused attempt'),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});

/** A client's key for a request it may repeat: a repeat gets the first answer and changes nothing. */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters').optional(),
});

export const eventListQuery = z.strictObject(pageQuery(1000, 1000));
export const letterListQuery = z.strictObject(pageQuery(100, 500));

const instant = z.iso.datetime({ offset: true });

export const inboxQuery = z.strictObject(pageQuery(100, 500));

export const inboxItem = z.object({
  reminderKey: z.string().describe('Unique per message; carries no date that reveals a birth, a pregnancy or a birthday'),
  caseId: z.uuid(),
  recipient: z.string().describe("'ke', 'caseworker:<id>' or 'coordinator:<id>'"),
  level: z.enum(['reminder', 'escalation']),
  kind: z.string().describe('The deadline: consent, kartlegging, decision, appointment, meeting, minutes, …'),
  subject: z.string(),
  body: z.string(),
  dueAt: instant,
  createdAt: instant.describe('When it reached the inbox'),
  readAt: instant.nullable(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']).describe('Delivery of the message (e-mail when configured)'),
  channel: z.enum(['email', 'inbox']).nullable().describe('How it was delivered: by e-mail (and the inbox), or the inbox only'),
  attempts: z.number().int(),
  sentAt: instant.nullable(),
});

export const caseList = z.object({ cases: z.array(caseSummary), ...pageFields });
export const eventList = z.object({ events: z.array(caseEvent), ...pageFields });
export const letterList = z.object({ letters: z.array(letterSummary), ...pageFields });
export const unitList = z.object({ units: z.array(unit) });
export const coordinatorList = z.object({ coordinators: z.array(coordinator), ...pageFields });
export const accessLog = z.object({ entries: z.array(accessLogEntry), ...pageFields });
export const inbox = z.object({ reminders: z.array(inboxItem), ...pageFields });
