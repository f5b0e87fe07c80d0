/** Every request and response shape of the API, in one place; also the source of the OpenAPI document. */
import { z } from 'zod';
import { CASE_STATUSES } from '../workflows/case/types';

const date = z.iso.date().describe('Calendar date, YYYY-MM-DD (Europe/Oslo)');
const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp');
const shortText = z.string().trim().min(1).max(200);
const longText = z.string().trim().min(1).max(10_000);
const id = z.uuid();

export const errorBody = z.object({ error: z.string(), message: z.string() });

export const consenterRole = z.enum(['parent', 'guardian', 'young_person']);
export const consentScope = z.enum(['appointment', 'information_sharing']);

export const caseRequestBody = z
  .strictObject({
    child: z
      .strictObject({
        name: shortText,
        nationalId: z.string().regex(/^\d{11}$/, 'must be 11 digits').optional(),
        birthDate: date.optional(),
        expectedDate: date.optional(),
        adopted: z.boolean().default(false),
      })
      .refine((c) => (c.birthDate === undefined) !== (c.expectedDate === undefined), {
        message: 'give either birthDate (born child) or expectedDate (unborn child), not both',
      }),
    consenters: z.array(z.strictObject({ name: shortText, role: consenterRole })).min(1).max(10),
    channel: z.enum(['written', 'oral']),
    reasons: longText,
    receivedOn: date,
    caseworkerId: shortText.optional(),
  })
  .describe('A request (ønske) for a barnekoordinator as KE registers it');

export const consentBody = z.strictObject({
  givenBy: shortText,
  role: consenterRole,
  covers: z.array(consentScope).min(1).max(2),
  givenOn: date,
});

export const withdrawalBody = z.strictObject({
  scopes: z.array(consentScope).min(1).max(2),
  withdrawnBy: shortText,
  on: date,
});

export const scheduleBody = z.strictObject({ scheduledAt: instant });

export const interviewBody = z.strictObject({
  heldOn: date,
  participants: z.array(shortText).min(1).max(30),
  childParticipated: z.boolean(),
  childAbsenceReason: longText.optional(),
});

const condition = z.strictObject({ met: z.boolean(), text: longText });
export const assessmentBody = z.strictObject({
  childUnder18OrExpected: condition,
  seriousCondition: condition,
  longTermCoordinatedNeeds: condition,
});

export const decisionBody = z.strictObject({
  outcome: z.enum(['granted', 'refused']),
  reasons: longText,
  offeredInstead: z.array(z.enum(['coordinated_services', 'ordinary_coordinator'])).max(2).default([]),
  decidedOn: date,
});

export const complaintBody = z.strictObject({
  about: z.enum(['refusal', 'change_or_termination', 'right_not_fulfilled']),
  receivedOn: date,
  familyLearnedOn: date.optional(),
});

export const complaintOutcomeBody = z.strictObject({
  outcome: z.enum(['reversed_by_ke', 'forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren', 'overturned_by_statsforvalteren']),
  reasons: longText,
  on: date,
});

export const appointmentBody = z.strictObject({ unitId: id, coordinatorId: id, appointedOn: date });

export const idParams = z.strictObject({ id });
export const letterParams = z.strictObject({ id, letterId: id });
export const complaintParams = z.strictObject({ id, complaintId: id });

export const caseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES as [string, ...string[]]).optional(),
  unitId: id.optional(),
  coordinatorId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Case views are produced by the workflow; the API passes them through unchanged. */
export const caseView = z.looseObject({ id, status: z.string(), version: z.number() });
export const asViewBody = (view: unknown) => view as z.infer<typeof caseView>;

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

export const coordinatorBody = z.strictObject({ unitId: id, name: shortText, email: z.email().max(200) });
export const coordinator = z.object({
  id,
  unitId: id,
  name: z.string(),
  email: z.string(),
  openCases: z.number(),
  createdAt: z.string(),
});
export const coordinatorListQuery = z.strictObject({ unitId: id.optional() });

export const meetingParams = z.strictObject({ id, meetingId: id });
export const taskParams = z.strictObject({ id, taskId: id });

export const kickOffBody = z.strictObject({ heldOn: date });
export const ansvarsgruppeBody = z.strictObject({
  intervalMonths: z.number().int().min(1).max(12).optional(),
  firstMeetingAt: instant.optional(),
});
export const meetingBody = z.strictObject({ at: instant });
export const emptyBody = z.strictObject({}).default({});
export const meetingHeldBody = z.strictObject({ heldOn: date });
export const minutesBody = z.strictObject({ writtenOn: date });
export const individualPlanBody = z.strictObject({ status: z.enum(['in_progress', 'active', 'evaluated']), on: date });
export const birthBody = z.strictObject({ birthDate: date });
export const taskDoneBody = z.strictObject({ doneOn: date });
export const extensionBody = z.strictObject({ toAge: z.number().int().min(19).max(25) });
export const closureBody = z.strictObject({
  reason: z.enum(['consent_withdrawn', 'moved_away', 'need_ended', 'child_died', 'other']),
  on: date,
  note: longText.optional(),
});

export const absenceBody = z
  .strictObject({
    kind: z.enum(['leave', 'departure']),
    from: date,
    until: date.optional(),
    substituteId: id.optional(),
  })
  .refine((a) => a.kind === 'leave' || a.until === undefined, { message: 'a departure has no end date', path: ['until'] })
  .refine((a) => a.until === undefined || a.until >= a.from, { message: 'until must not be before from', path: ['until'] });
export const absenceAccepted = z.object({ absenceId: id, coordinatorId: id, openCases: z.number() });
