/**
 * What people ask of a case: each command defined once, as a zod schema of its fields. The schema
 * is the HTTP body the API validates (less the ids that come from the path), the command type the
 * workflow's rules take, and the OpenAPI description; so a body that does not match its command is
 * a type error, not drift. Each command is one workflow update and one event.
 *
 * The workflow imports only the types from here (`import type`), so zod stays out of its bundle.
 */
import { z } from 'zod';
import type { CaseRequest } from './types';
import {
  DATE_RANGE_MESSAGE,
  EARLIEST_DATE,
  INSTANT_RANGE_MESSAGE,
  LATEST_DATE,
  TERMIN_AFTER_REQUEST_DAYS,
  TERMIN_BEFORE_REQUEST_DAYS,
  daysAfter,
  daysBefore,
  isPlausibleDate,
  isPlausibleInstant,
} from './date-range';

// Every date and time a command takes in lies in one plausible range (date-range.ts); the rules
// then hold it to the case (409). The range keeps out years such as 0000 (which PostgreSQL cannot
// store) and 9999 (whose arithmetic leaves the calendar).
export const date = z.iso
  .date({ abort: true })
  .refine(isPlausibleDate, DATE_RANGE_MESSAGE)
  .meta({ id: 'CalendarDate', description: `Calendar date, YYYY-MM-DD (Europe/Oslo), from ${EARLIEST_DATE} to ${LATEST_DATE}` });
export const instant = z.iso
  .datetime({ offset: true, abort: true })
  .refine(isPlausibleInstant, INSTANT_RANGE_MESSAGE)
  .meta({ id: 'Instant', description: `ISO 8601 timestamp with offset, from ${EARLIEST_DATE} to ${LATEST_DATE}` });
export const shortText = z.string().trim().min(1).max(200);
export const longText = z.string().trim().min(1).max(10_000);
export const id = z.uuid().meta({ id: 'Uuid' });

export const consenterRole = z.enum(['parent', 'guardian', 'young_person']);
export const consentScope = z.enum(['appointment', 'information_sharing']);
export const closureReason = z.enum(['age_limit', 'consent_withdrawn', 'moved_away', 'need_ended', 'child_died', 'other']);
const condition = z.strictObject({ met: z.boolean(), text: longText });

/** A request whose termin and receipt are both plausible dates, so that they can be compared. */
const termin = (r: { child: { expectedDate?: string }; receivedOn: string }) =>
  r.child.expectedDate !== undefined && isPlausibleDate(r.child.expectedDate) && isPlausibleDate(r.receivedOn);

/** The registration that starts a case (update `registerRequest`). */
export const caseRequest = z
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
    caseworkerName: shortText.optional().describe("The caseworker's name as the letters to the family give it; without it they name KE alone"),
  })
  .refine((r) => !termin(r) || r.child.expectedDate! >= daysBefore(r.receivedOn, TERMIN_BEFORE_REQUEST_DAYS), {
    message: `an expected date more than ${TERMIN_BEFORE_REQUEST_DAYS / 7} weeks before receivedOn: the child is born; give birthDate`,
    path: ['child', 'expectedDate'],
  })
  .refine((r) => !termin(r) || r.child.expectedDate! <= daysAfter(r.receivedOn, TERMIN_AFTER_REQUEST_DAYS), {
    message: `an expected date more than ${TERMIN_AFTER_REQUEST_DAYS} days after receivedOn: a pregnancy lasts about 280 days`,
    path: ['child', 'expectedDate'],
  })
  .describe('A request (ønske) for a barnekoordinator as KE registers it');

/** The fields of every command, keyed by its type (and its workflow update's name). */
export const commandSchemas = {
  recordConsent: z.strictObject({
    givenBy: shortText,
    role: consenterRole,
    covers: z.array(consentScope).min(1).max(2),
    givenOn: date,
    youngPersonLacksCompetence: longText
      .optional()
      .describe('From 16 the young person consents personally (pbrl § 4-3); a parent or guardian consents for them only with KE\'s reasons why they lack the competence to'),
    addAsConsenter: z
      .boolean()
      .optional()
      .describe('Adds givenBy to the case\'s consenters with this role; without it a consent from someone not among them is refused'),
    copyLettersToParents: z
      .boolean()
      .optional()
      .describe('With the young person\'s own consent (from 16): whether letters to them go in copy to the parents'),
  }).refine((c) => c.copyLettersToParents === undefined || c.role === 'young_person', {
    message: 'copyLettersToParents is the young person\'s own choice: give it with their own consent (role young_person)',
    path: ['copyLettersToParents'],
  }),
  withdrawConsent: z.strictObject({
    scopes: z.array(consentScope).min(1).max(2),
    withdrawnBy: shortText,
    on: date,
  }),
  scheduleKartlegging: z.strictObject({ scheduledAt: instant }),
  recordInterview: z.strictObject({
    heldOn: date,
    participants: z.array(shortText).min(1).max(30),
    childParticipated: z.boolean(),
    childAbsenceReason: longText.optional(),
  }),
  recordAssessment: z.strictObject({
    childUnder18OrExpected: condition,
    seriousCondition: condition,
    longTermCoordinatedNeeds: condition,
  }),
  recordDecision: z.strictObject({
    outcome: z.enum(['granted', 'refused']),
    reasons: longText,
    offeredInstead: z.array(z.enum(['coordinated_services', 'ordinary_coordinator'])).max(2).default([]),
    decidedOn: date,
  }),
  registerComplaint: z.strictObject({
    about: z.enum(['refusal', 'change_or_termination', 'right_not_fulfilled']),
    receivedOn: date,
    familyLearnedOn: date.optional().describe('When the family learned of the decision; when not given, the API takes the day the family received the letter about it (its delivery receipt), else the decision date'),
  }),
  recordComplaintOutcome: z.strictObject({
    complaintId: id,
    outcome: z.enum(['reversed_by_ke', 'forwarded_to_statsforvalteren', 'upheld_by_statsforvalteren', 'overturned_by_statsforvalteren']),
    reasons: longText,
    on: date,
  }),
  appoint: z.strictObject({ unitId: id, coordinatorId: id, appointedOn: date }),
  recordKickOff: z.strictObject({ heldOn: date }),
  establishAnsvarsgruppe: z.strictObject({
    intervalMonths: z.number().int().min(1).max(12).optional(),
    firstMeetingAt: instant.optional(),
  }),
  planMeeting: z.strictObject({ at: instant }),
  moveMeeting: z.strictObject({ meetingId: id, at: instant }),
  cancelMeeting: z.strictObject({ meetingId: id }),
  recordMeeting: z.strictObject({ meetingId: id, heldOn: date }),
  recordMinutes: z.strictObject({ meetingId: id, writtenOn: date }),
  setIndividualPlanStatus: z.strictObject({ status: z.enum(['in_progress', 'active', 'evaluated']), on: date }),
  registerBirth: z.strictObject({ birthDate: date }),
  completeTask: z.strictObject({ taskId: id, doneOn: date }),
  extendCase: z.strictObject({ toAge: z.number().int().min(19).max(25) }),
  closeCase: z.strictObject({ reason: closureReason, on: date, note: longText.optional() }),
  /** Arrives by signal from the absence fan-out, not from a caller. */
  recordAbsence: z.strictObject({
    absenceId: id,
    coordinatorId: id,
    kind: z.enum(['leave', 'departure']),
    from: date,
    until: date.optional(),
    substituteId: id.optional(),
  }),
  /** Applied by the workflow itself when a leave's last day has passed. */
  endLeave: z.strictObject({ absenceId: id }),
} as const;

export type CommandType = keyof typeof commandSchemas;

/** A command's own fields, as its schema gives them after validation (defaults filled in). */
export type CommandFields<K extends CommandType> = z.output<(typeof commandSchemas)[K]>;

/** A command as the rules take it: its fields, tagged with its type. */
export type Command<K extends CommandType> = { type: K } & CommandFields<K>;

export type CaseCommand = { [K in CommandType]: Command<K> }[CommandType];

export type RecordConsent = Command<'recordConsent'>;
export type WithdrawConsent = Command<'withdrawConsent'>;
export type ScheduleKartlegging = Command<'scheduleKartlegging'>;
export type RecordInterview = Command<'recordInterview'>;
export type RecordAssessment = Command<'recordAssessment'>;
export type RecordDecision = Command<'recordDecision'>;
export type RegisterComplaint = Command<'registerComplaint'>;
export type RecordComplaintOutcome = Command<'recordComplaintOutcome'>;
export type Appoint = Command<'appoint'>;
export type RecordKickOff = Command<'recordKickOff'>;
export type EstablishAnsvarsgruppe = Command<'establishAnsvarsgruppe'>;
export type PlanMeeting = Command<'planMeeting'>;
export type MoveMeeting = Command<'moveMeeting'>;
export type CancelMeeting = Command<'cancelMeeting'>;
export type RecordMeeting = Command<'recordMeeting'>;
export type RecordMinutes = Command<'recordMinutes'>;
export type SetIndividualPlanStatus = Command<'setIndividualPlanStatus'>;
export type RegisterBirth = Command<'registerBirth'>;
export type RecordAbsence = Command<'recordAbsence'>;
export type CompleteTask = Command<'completeTask'>;
export type ExtendCase = Command<'extendCase'>;
export type CloseCase = Command<'closeCase'>;
export type EndLeave = Command<'endLeave'>;

/** Exactly the same type, in both directions: a field added, dropped or changed on either side fails. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The registration's schema and the request the case keeps are one shape.
const requestMatches: Equals<z.output<typeof caseRequest>, CaseRequest> = true;
void requestMatches;
