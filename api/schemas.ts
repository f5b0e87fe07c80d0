/** Every request and response shape of the API, in one place; also the source of the OpenAPI document. */
import { z } from 'zod';
import type { LetterBody } from '../activities/letters/text';
import type { DeadlineKind } from '../workflows/case/deadlines';
import { CASE_STATUSES, type ClosureReason, type ComplaintOutcome } from '../workflows/case/types';
import { LONGEST_LEAVE_YEARS, isPlausibleDate, latestLeaveEnd } from '../workflows/case/date-range';
import { date, id, shortText } from '../workflows/case/commands';
import { pageFields, pageQuery } from './paging';
import { DELIVERY_STATES, HAND_OVER_HOW } from '../workflows/delivery/messages';

export const idParams = z.strictObject({ id });
export const letterParams = z.strictObject({ id, letterId: id });

/** Asks a list for the child of each case, which makes each case shown a read in its access log. */
const withChildQuery = z
  .enum(['true', 'false'])
  .optional()
  .describe(
    "true: each case carries its child's name and birth date, and each case shown is written to its access log as read with the reason 'liste' (once per case, caller and day)",
  );

/** Who the case is about, as a list shows it (withChild=true). */
export const listedChild = z
  .object({
    name: z.string().describe("The child's name"),
    birthDate: date.nullable().describe('Calendar date of birth, YYYY-MM-DD; null for an unborn child'),
    expectedDate: date.optional().describe('Termin (expected date of birth), YYYY-MM-DD, when the request gave one'),
  })
  .describe("The child of the case: given only with withChild=true, and then written to the case's access log");

export const caseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES as [string, ...string[]]).optional(),
  unitId: id.optional(),
  coordinatorId: id.optional(),
  q: z
    .string()
    .trim()
    .min(2, 'at least 2 characters of the child\'s name')
    .max(100)
    .optional()
    .describe("Part of the child's name, any case; each case a search finds is written to its access log"),
  birthDate: date.optional().describe("The child's birth date, YYYY-MM-DD (an unborn child has none); each case found is written to its access log"),
  withChild: withChildQuery,
  ...pageQuery(100, 500),
});

/** Made-up ids the examples share, so they read as one municipality's data. */
const EXAMPLE = {
  caseId: '8d3c2f4e-1b7a-4c55-9e0d-2a6f1c9b7e41',
  otherCaseId: '3b6e1d9a-7c2f-4e80-a1d4-5f9c0b2e8a63',
  unitId: 'c7e2b9a1-6d3f-4a08-b5c4-9f1e2d7a3b60',
  coordinatorId: 'f4a81d2c-3b9e-4e7a-8d15-6c0b2a9e5f38',
  substituteId: '0e9d4b7a-2c1f-4a63-8b5e-d7f2a1c6e904',
  letterId: '5a9f0c3d-2e4b-4f61-a7d8-3c1b9e0f6a27',
  absenceId: 'a1c5e8f2-6b3d-4d97-9e04-2f7b8c1a5d36',
} as const;

export const caseSummary = z
  .object({
    id,
    status: z.string().describe('The phase of the case, e.g. awaiting_consent, granted, appointed, closed'),
    unitId: id.nullable().describe('The appointed service unit; null before the appointment'),
    coordinatorId: id.nullable().describe('The appointed barnekoordinator; null before the appointment'),
    receivedOn: z.string().describe('The day the request was received, YYYY-MM-DD'),
    nextDeadline: z.string().nullable().describe('The earliest open deadline (ISO 8601 timestamp); null when none is open'),
    updatedAt: z.string().describe('When the case last changed (ISO 8601 timestamp)'),
    child: listedChild.optional(),
  })
  .describe('A case in a list: its phase, who has it and its next deadline; no personal data unless withChild=true');

export const caseEvent = z
  .object({
    seq: z.number().describe('The position of the event in the case, from 1; the case version after it'),
    type: z.string().describe('What happened, e.g. RequestRegistered, ConsentRecorded, DecisionRecorded, CoordinatorAppointed'),
    actor: z.string().describe("The token subject of who did it (a pseudonymous id, never a name), or 'system' for the service itself"),
    occurredAt: z.string().describe('When it was recorded (ISO 8601 timestamp)'),
    data: z.record(z.string(), z.unknown()).describe("The event's facts; long texts (reasons) are in the case view, not here"),
  })
  .describe('One entry of the event log of a case');

export const letterDelivery = z
  .object({
    state: z
      .enum(DELIVERY_STATES)
      .describe(
        'pending (not started), by_hand (KE must hand it over), sending, accepted (SvarUt has it), delivered_digitally, sent_to_print, read, failed (KE must hand it over), handed_over (KE did)',
      ),
    byHandReason: z.enum(['not_configured', 'no_address']).nullable().describe('Why the letter is to be handed over by hand'),
    channel: z.enum(['digital', 'print']).nullable().describe('The channel SvarUt took, when known'),
    svarutStatus: z.string().nullable().describe("SvarUt's own status (MOTTATT, AKSEPTERT, VARSLET, LEST, SENDT_PRINT, …)"),
    receivedOn: z.string().nullable().describe('The receipt (YYYY-MM-DD): delivered digitally or read, printed plus the days post takes, or handed over'),
    handedOver: z
      .object({ on: z.string(), how: z.enum(HAND_OVER_HOW), by: z.string(), note: z.string().nullable() })
      .nullable()
      .describe('KE\'s record of handing it over'),
    escalated: z.boolean().describe('KE has been told the letter did not reach the family in time, or failed'),
    updatedAt: z.string(),
  })
  .meta({ id: 'LetterDelivery' });

export const letterSummary = z
  .object({
    id,
    kind: z
      .string()
      .describe(
        'decision, complaint_reversal, closure, appointment, coordinator_change, complaint_forwarded (to Statsforvalteren), statsforvalteren_decision, coordinator_absence (leave or departure) or coordinator_return',
      ),
    title: z.string().describe('The heading of the letter'),
    createdAt: z.string().describe('When the letter was written (ISO 8601 timestamp)'),
    delivery: letterDelivery.nullable().describe('Where the letter is on its way to the family; null for letters written before deliveries were recorded'),
    complaintDeadline: z
      .object({
        date: z.string().describe('The last day a complaint is on time (YYYY-MM-DD): four weeks, moved to the next working day'),
        from: z.enum(['receipt', 'letter_date']).describe('Counted from the receipt once one is recorded, else from the letter\'s date'),
      })
      .nullable()
      .describe('For a letter about a decision the family may complain about (decision, complaint_reversal, closure); null for others'),
  })
  .describe('A letter to the family; GET /cases/{id}/letters/{letterId} gives it as HTML, PDF or JSON');

export const handOverBody = z
  .strictObject({
    on: date.describe('The day the letter was handed over to the family (not after today)'),
    how: z.enum(HAND_OVER_HOW).describe('personlig: in person; post: posted by KE; annet: some other way (say how in note)'),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .describe('KE handed the letter over itself');

export const unitBody = z.strictObject({ name: shortText, sector: z.enum(['health', 'childhood', 'welfare', 'other']) });
export const unit = z
  .object({
    id,
    name: z.string(),
    sector: z.string().describe('health, childhood, welfare or other'),
    createdAt: z.string().describe('When it was registered (ISO 8601 timestamp)'),
  })
  .describe('A service unit (tjenestested) of the municipality')
  .meta({ examples: [{ id: EXAMPLE.unitId, name: 'Helsestasjon Sentrum', sector: 'health', createdAt: '2026-01-02T08:15:00.000Z' }] });

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
const coordinatorExample = {
  id: EXAMPLE.coordinatorId,
  unitId: EXAMPLE.unitId,
  name: 'Kim Eksempelsen',
  email: 'kim.eksempelsen@kommune.example',
  subject: 'kim-eksempelsen',
  openCases: 7,
  createdAt: '2026-01-02T08:20:00.000Z',
};
export const coordinator = z
  .object({
    id,
    unitId: id.describe('The unit the coordinator works in'),
    name: z.string(),
    email: z.string().describe('Where reminders are sent, in lower case'),
    subject: z.string().nullable().describe("The coordinator's sign-in subject (the token's sub); null when they cannot sign in yet"),
    openCases: z.number().describe('Open cases where this is the appointed coordinator'),
    createdAt: z.string().describe('When it was registered (ISO 8601 timestamp)'),
  })
  .describe('A barnekoordinator in the registry, with their open caseload')
  .meta({ examples: [coordinatorExample] });
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
export const absenceAccepted = z
  .object({
    absenceId: id.describe('The recorded absence'),
    coordinatorId: id,
    openCases: z.number().describe('Appointed cases of the coordinator that are being told, one by one, in the background'),
  })
  .describe('The absence is recorded; its cases are told durably after the answer')
  .meta({ examples: [{ absenceId: EXAMPLE.absenceId, coordinatorId: EXAMPLE.coordinatorId, openCases: 7 }] });

export const ABSENCE_EFFECTS = ['substitute_holds', 'substitute_holds_until_reassigned', 'ke_must_reassign'] as const;

export const absencePreview = z
  .object({
    coordinatorId: id,
    kind: z.enum(['leave', 'departure']),
    cases: z
      .array(
        z.object({
          caseId: id,
          status: z.string().describe('The phase of the case now (appointed)'),
          holderAfter: z
            .object({ coordinatorId: id, name: z.string() })
            .nullable()
            .describe('Who holds the coordinator role of the case after the absence is recorded: the substitute; null when nobody does'),
          effect: z
            .enum(ABSENCE_EFFECTS)
            .describe(
              'substitute_holds: a leave with a substitute; the substitute sees the case and gets its reminders until the leave ends (the day after until), then the coordinator has it again. ' +
                'substitute_holds_until_reassigned: a departure with a substitute; the substitute stands in, and KE must appoint a new coordinator (a reassignment deadline). ' +
                "ke_must_reassign: no substitute; nobody holds the role, the case's reminders go to KE and KE must appoint a new coordinator (a reassignment deadline).",
            ),
        }),
      )
      .describe("The coordinator's open appointed cases, each of which the absence reaches; every one also gets a task to inform the family"),
  })
  .describe('What recording this absence would do; nothing is recorded')
  .meta({
    examples: [
      {
        coordinatorId: EXAMPLE.coordinatorId,
        kind: 'leave',
        cases: [
          {
            caseId: EXAMPLE.caseId,
            status: 'appointed',
            holderAfter: { coordinatorId: EXAMPLE.substituteId, name: 'Sam Stedfortreder' },
            effect: 'substitute_holds',
          },
        ],
      },
    ],
  });

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
  'own_consent',
  'unrecorded_meeting',
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
  withChild: withChildQuery,
});

export const worklistDeadline = z
  .object({
    caseId: id,
    kind: z.string().describe('The deadline, e.g. consent, decision, appointment, meeting, minutes'),
    since: z.string().describe('When the step began, or the id of what it is about; with caseId and kind the key of the deadline'),
    dueAt: z.string().describe('When it falls due (ISO 8601 timestamp)'),
    responsible: z.string().describe("Who must act: 'ke', 'caseworker:<id>' or 'coordinator:<uuid>'"),
    overdue: z.boolean().describe('Its time has passed'),
    caseStatus: z.string(),
    unitId: id.nullable(),
    coordinatorId: id.nullable(),
    child: listedChild.optional(),
  })
  .describe('An open deadline of an open case');

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
  child: listedChild.optional(),
}).describe('An open case in which nobody holds the coordinator role');

export const letterToDeliver = z
  .object({
    caseId: id,
    letterId: id,
    letterKind: z.string().describe('The kind of letter, e.g. decision, appointment, closure'),
    title: z.string().describe("The letter's title, in the letter's målform"),
    writtenAt: z.string().describe('When the letter was written (ISO 8601 timestamp)'),
    reason: z
      .enum(['by_hand', 'failed', 'not_delivered'])
      .describe('to be handed over by hand; failed in SvarUt; or not delivered within the delivery deadline (escalated)'),
    byHandReason: z.enum(['not_configured', 'no_address']).nullable().describe('For by_hand: SvarUt is not configured, or no addressee has a postal address'),
    since: z.string().describe('Since when it waits for KE (the escalation, or the last change of its delivery)'),
    caseStatus: z.string(),
    child: listedChild.optional(),
  })
  .describe("A letter to the family that KE must see delivered: it leaves the list when delivered, read, sent to print or handed over");

export const worklist = z
  .object({
    asOf: z.string().describe('When the worklist was read (ISO 8601 timestamp)'),
    until: z.string().describe('Deadlines due before this instant are listed'),
    deadlines: z.array(worklistDeadline),
    casesWithoutCoordinator: z.array(caseWithoutCoordinator),
    lettersToDeliver: z
      .array(letterToDeliver)
      .describe("Letters of open and closed cases that KE must see delivered; listed unless the worklist is filtered by a kind or by a responsible other than 'ke'"),
    truncated: z
      .object({ deadlines: z.boolean(), casesWithoutCoordinator: z.boolean(), lettersToDeliver: z.boolean() })
      .describe('A list was cut at limit'),
  })
  .describe('KE worklist: what is overdue or due soon across all open cases; no personal data unless withChild=true')
  .meta({
    examples: [
      {
        asOf: '2026-03-02T08:00:00.000Z',
        until: '2026-03-09T23:00:00.000Z',
        deadlines: [
          {
            caseId: EXAMPLE.caseId,
            kind: 'decision',
            since: '2026-02-01T10:00:00.000Z',
            dueAt: '2026-03-01T10:00:00.000Z',
            responsible: 'ke',
            overdue: true,
            caseStatus: 'awaiting_decision',
            unitId: null,
            coordinatorId: null,
          },
        ],
        casesWithoutCoordinator: [
          {
            caseId: EXAMPLE.otherCaseId,
            caseStatus: 'granted',
            reason: 'not_appointed',
            unitId: null,
            coordinatorId: null,
            dueAt: '2026-03-05T10:00:00.000Z',
            overdue: false,
          },
        ],
        lettersToDeliver: [
          {
            caseId: EXAMPLE.otherCaseId,
            letterId: EXAMPLE.letterId,
            letterKind: 'decision',
            title: 'Avgjørelse om barnekoordinator',
            writtenAt: '2026-02-20T09:00:00.000Z',
            reason: 'by_hand',
            byHandReason: 'no_address',
            since: '2026-02-20T09:00:05.000Z',
            caseStatus: 'granted',
          },
        ],
        truncated: { deadlines: false, casesWithoutCoordinator: false, lettersToDeliver: false },
      },
    ],
  });

export const caseload = z
  .object({
    coordinators: z.array(
      z.object({
        coordinatorId: id,
        name: z.string(),
        unitId: id,
        appointed: z.number().describe('Open cases where this is the appointed coordinator'),
        substituting: z.number().describe('Open cases where this coordinator stands in for an absent one'),
      }),
    ),
    units: z.array(z.object({ unitId: id, name: z.string(), sector: z.string(), openCases: z.number().describe('Open cases appointed to the unit') })),
    totals: z
      .object({ openCases: z.number(), appointed: z.number().describe('Open cases with a coordinator'), notAppointed: z.number().describe('Open cases without one') })
      .describe("Every open case of the municipality"),
  })
  .describe('Open cases per coordinator and per unit, including those with none')
  .meta({
    examples: [
      {
        coordinators: [{ coordinatorId: EXAMPLE.coordinatorId, name: 'Kim Eksempelsen', unitId: EXAMPLE.unitId, appointed: 7, substituting: 1 }],
        units: [{ unitId: EXAMPLE.unitId, name: 'Helsestasjon Sentrum', sector: 'health', openCases: 8 }],
        totals: { openCases: 12, appointed: 8, notAppointed: 4 },
      },
    ],
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
    from: z.string().describe('The first day of the year, YYYY-MM-DD'),
    to: z.string().describe('The last day of the year, YYYY-MM-DD'),
    requestsReceived: count.describe('Requests received in the year'),
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
  .describe('Yearly figures for the report to the sector heads')
  .meta({
    examples: [
      {
        year: 2026,
        from: '2026-01-01',
        to: '2026-12-31',
        requestsReceived: 41,
        decisions: { granted: 33, refused: 5 },
        complaints: {
          received: 3,
          late: 0,
          outcomes: { reversed_by_ke: 1, forwarded_to_statsforvalteren: 2, upheld_by_statsforvalteren: 1, overturned_by_statsforvalteren: 0 },
        },
        daysToFirstDecision: { cases: 38, medianDays: 21.5, p90Days: 34 },
        daysToFirstAppointment: { cases: 30, medianDays: 35, p90Days: 52.4 },
        openAtYearEnd: {
          total: 27,
          byUnit: [
            { unitId: EXAMPLE.unitId, name: 'Helsestasjon Sentrum', sector: 'health', cases: 19 },
            { unitId: null, name: null, sector: null, cases: 8 },
          ],
          bySector: [
            { sector: 'health', cases: 19 },
            { sector: null, cases: 8 },
          ],
        },
        closures: { total: 6, byReason: { age_limit: 1, consent_withdrawn: 1, moved_away: 2, need_ended: 2, child_died: 0, other: 0 } },
        casesExtended: 1,
      },
    ],
  });

/** Reading a closed case needs a reason; any read may give one, and the access log keeps it. */
export const reasonHeaders = z.looseObject({
  'x-access-reason': z.string().max(300).optional().describe('Why the case is read (required for a closed case); kept in the access log'),
});

export const accessLogQuery = z.strictObject(pageQuery(500, 1000));

export const accessLogEntry = z
  .object({
    at: z.iso.datetime({ offset: true }).describe('When (ISO 8601 timestamp)'),
    subject: z.string().describe("The identity provider's subject of the person"),
    roles: z.array(z.string()).describe("The caller's roles"),
    municipality: z.string().nullable().describe("The caller's municipality"),
    action: z.enum(['read', 'change']),
    method: z.string().describe('The HTTP method'),
    endpoint: z.string().describe('The route, e.g. /cases/:id/letters'),
    granted: z.boolean().describe('false for a refused attempt'),
    reason: z.string().nullable().describe('The reason the caller gave (x-access-reason), when access was granted'),
    requestId: z.string().nullable().describe('The x-request-id of the request, to find it in the logs'),
  })
  .describe('One read or change of the case, or a refused attempt');

/** A client's key for a request it may repeat: a repeat gets the first answer and changes nothing. */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters').optional(),
});

export const eventListQuery = z.strictObject(pageQuery(1000, 1000));
export const letterListQuery = z.strictObject(pageQuery(100, 500));

const instant = z.iso.datetime({ offset: true });

export const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().describe('true: only the messages not yet read'),
  ...pageQuery(100, 500),
});

/** A reminder's key as the inbox shows it ('reminder:<case>:<kind>:<since>[:ke]'); URL-encode it in a path. */
const reminderKey = z
  .string()
  .regex(/^[\w:.#+-]{1,300}$/, "a reminder key as the inbox shows it, e.g. 'reminder:<case id>:minutes:<id>' (URL-encoded)")
  .describe("The message's reminderKey as the inbox lists it, URL-encoded (its ':' as %3A)");
export const keReminderParams = z.strictObject({ reminderKey });
export const coordinatorReminderParams = z.strictObject({ id, reminderKey });

export const inboxItem = z
  .object({
    reminderKey: z.string().describe('Unique per message; carries no date that reveals a birth, a pregnancy or a birthday'),
    caseId: z.uuid(),
    recipient: z.string().describe("'ke', 'caseworker:<id>' or 'coordinator:<id>'"),
    level: z.enum(['reminder', 'escalation']),
    kind: z.string().describe('The deadline: consent, kartlegging, decision, appointment, meeting, minutes, …'),
    subject: z.string().describe('The subject line, the same as the e-mail'),
    body: z.string().describe('Plain text with a link to the case'),
    dueAt: instant.describe('When the deadline falls due'),
    createdAt: instant.describe('When it reached the inbox'),
    readAt: instant.nullable().describe('When it was read; null while unread'),
    status: z.enum(['pending', 'sending', 'sent', 'failed']).describe('Delivery of the message (e-mail when configured)'),
    channel: z.enum(['email', 'inbox']).nullable().describe('How it was delivered: by e-mail (and the inbox), or the inbox only'),
    attempts: z.number().int().describe('Delivery attempts so far'),
    sentAt: instant.nullable().describe('When it was delivered; null until then'),
  })
  .describe('A reminder or escalation in an inbox; no personal data');

const caseSummaryExample = {
  id: EXAMPLE.caseId,
  status: 'appointed',
  unitId: EXAMPLE.unitId,
  coordinatorId: EXAMPLE.coordinatorId,
  receivedOn: '2026-01-05',
  nextDeadline: '2026-10-02T08:00:00.000Z',
  updatedAt: '2026-07-03T13:00:00.000Z',
};

export const caseList = z
  .object({ cases: z.array(caseSummary).describe('This page, newest registration first'), ...pageFields })
  .describe("A page of the cases the caller may see: KE the municipality's, a coordinator their own")
  .meta({ examples: [{ cases: [caseSummaryExample], total: 42, next: '/cases?status=appointed&limit=1&offset=1' }] });

export const eventList = z
  .object({ events: z.array(caseEvent).describe('This page, in seq order'), ...pageFields })
  .describe('A page of the event log of a case')
  .meta({
    examples: [
      {
        events: [
          { seq: 1, type: 'RequestRegistered', actor: 'ke-saksbehandler-17', occurredAt: '2026-01-05T09:00:00.000Z', data: { channel: 'paper', receivedOn: '2026-01-05' } },
          {
            seq: 2,
            type: 'ConsentRecorded',
            actor: 'ke-saksbehandler-17',
            occurredAt: '2026-01-09T10:30:00.000Z',
            data: { consentId: '7c4e2a9d-1f3b-4e86-b0a5-9d2c6f1e8b47', role: 'parent', covers: ['information_sharing'], givenOn: '2026-01-09' },
          },
        ],
        total: 11,
        next: `/cases/${EXAMPLE.caseId}/events?limit=2&offset=2`,
      },
    ],
  });

export const letterList = z
  .object({ letters: z.array(letterSummary).describe('This page, oldest first'), ...pageFields })
  .describe('A page of the letters sent to the family in a case')
  .meta({
    examples: [
      {
        letters: [
          {
            id: EXAMPLE.letterId,
            kind: 'decision',
            title: 'Avgjørelse om barnekoordinator',
            createdAt: '2026-02-01T13:00:00.000Z',
            delivery: {
              state: 'read',
              byHandReason: null,
              channel: 'digital',
              svarutStatus: 'LEST',
              receivedOn: '2026-02-03',
              handedOver: null,
              escalated: false,
              updatedAt: '2026-02-03T18:02:11.000Z',
            },
            complaintDeadline: { date: '2026-03-03', from: 'receipt' },
          },
        ],
        total: 1,
        next: null,
      },
    ],
  });

export const unitList = z
  .object({ units: z.array(unit).describe('By name') })
  .describe("The municipality's service units")
  .meta({ examples: [{ units: [{ id: EXAMPLE.unitId, name: 'Helsestasjon Sentrum', sector: 'health', createdAt: '2026-01-02T08:15:00.000Z' }] }] });

export const coordinatorList = z
  .object({ coordinators: z.array(coordinator).describe('This page, by name'), ...pageFields })
  .describe("A page of the municipality's coordinators, optionally of one unit")
  .meta({ examples: [{ coordinators: [coordinatorExample], total: 1, next: null }] });

export const accessLog = z
  .object({ entries: z.array(accessLogEntry).describe('This page, oldest first'), ...pageFields })
  .describe('A page of the access log of a case: the log the family may see')
  .meta({
    examples: [
      {
        entries: [
          {
            at: '2026-03-02T08:05:00.000Z',
            subject: 'ke-saksbehandler-17',
            roles: ['ke'],
            municipality: '0301',
            action: 'read',
            method: 'GET',
            endpoint: '/cases/:id',
            granted: true,
            reason: null,
            requestId: 'b2f9e4c1-8a7d-4e35-9c60-1d3f5a8e2b74',
          },
        ],
        total: 23,
        next: `/cases/${EXAMPLE.caseId}/access-log?limit=1&offset=1`,
      },
    ],
  });

export const inbox = z
  .object({
    reminders: z.array(inboxItem).describe('This page, newest first'),
    ...pageFields,
    unread: z.number().int().min(0).describe('How many messages of the whole inbox are unread, whatever the filter'),
  })
  .describe('A page of an inbox of reminders and escalations')
  .meta({
    examples: [
      {
        reminders: [
          {
            reminderKey: `reminder:${EXAMPLE.caseId}:minutes:9e1f3a7c-4d2b-4c8e-b6a9-0d5e8f2c1a74`,
            caseId: EXAMPLE.caseId,
            recipient: `coordinator:${EXAMPLE.coordinatorId}`,
            level: 'reminder',
            kind: 'minutes',
            subject: 'Påminnelse: referat fra ansvarsgruppemøte',
            body: 'Påminnelse\n\nReferatet fra ansvarsgruppemøtet er ikke registrert.\n\nÅpne saken: https://barnekoordinator.kommune.example/cases/8d3c2f4e-1b7a-4c55-9e0d-2a6f1c9b7e41',
            dueAt: '2026-10-09T08:00:00.000Z',
            createdAt: '2026-10-09T08:00:04.000Z',
            readAt: null,
            status: 'sent',
            channel: 'email',
            attempts: 1,
            sentAt: '2026-10-09T08:00:06.000Z',
          },
        ],
        total: 3,
        next: null,
        unread: 1,
      },
    ],
  });

const partState = z.enum(['up', 'down']);
export const health = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('ok when every part is up'),
    parts: z
      .object({
        postgres: partState,
        temporal: partState,
        worker: partState.describe('up when a worker polled the case task queue within the last 70 s'),
      })
      .describe('The state of each part the service needs'),
  })
  .describe('The state of the service and its parts')
  .meta({ examples: [{ status: 'ok', parts: { postgres: 'up', temporal: 'up', worker: 'up' } }] });

/** A letter's content as JSON: what the HTML and the PDF are rendered from. */
export const letterBody = z
  .object({
    title: z.string(),
    date: z.string().describe('The letter date, written out in Norwegian (e.g. "29. november 2026")'),
    to: z
      .array(z.string())
      .describe('The addressees: the parents and guardians under 16, the young person from 16 (with the parents where KE recorded that they lack the competence to consent), the adult from 18'),
    copyTo: z.array(z.string()).optional().describe('Who gets a copy: the parents, where the young person has agreed'),
    reference: z.string().optional().describe('The case reference (saksnummer): the case id; absent in letters written before it was printed'),
    sections: z.array(z.object({ heading: z.string().optional(), text: z.string() })),
    signature: z.string(),
    malform: z.enum(['nb', 'nn']).optional().describe('The målform the letter is written in: nynorsk (nn), or bokmål (nb, also when absent)'),
    letterhead: z.string().optional().describe("The name at the head of the letter, from the municipality's register entry"),
  })
  .describe('A letter to the family, in Norwegian bokmål or nynorsk')
  .meta({
    examples: [
      {
        title: 'Avgjørelse om barnekoordinator',
        date: '29. november 2026',
        to: ['Per Testforelder'],
        sections: [{ text: 'Vi viser til ønsket om barnekoordinator for Nora Testbarn.' }, { heading: 'Avgjørelse', text: 'Dere får barnekoordinator.' }],
        signature: 'Koordinerende enhet, Testkommune',
      },
    ],
  }) satisfies z.ZodType<LetterBody>;
