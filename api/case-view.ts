/**
 * The case view (workflows/case/messages.ts `CaseView`) as a zod schema: what GET /cases/{id}
 * and every command (POST /cases/{id}/...) answer, and the source of its OpenAPI description.
 *
 * The workflow produces the view; the API passes it on as it is (api/app.ts sends it without
 * checking it against this schema). The schema must still describe every view the service
 * produces, old cases included: it gives shapes and the closed sets of values (enums, the
 * commands' own where a command sets the value), and leaves dates and ids as strings, because their
 * forms differ between fields and over the life of a case (an individuell plan's `since` is an
 * instant at registration and may be a date later; a deadline's `since` may be an id or a
 * placeholder). Formats are given in the descriptions.
 *
 * Bound to the `CaseView` type in both directions at compile time (the end of this file): a field
 * added, removed or changed on either side is a type error.
 */
import { z } from 'zod';
import { closureReason, commandSchemas, consentScope as scope, consenterRole as role, type Equals } from '../workflows/case/commands';
import type { CaseView } from '../workflows/case/messages';
import { DEADLINE_KINDS } from './schemas';

const date = z.string().describe('Calendar date, YYYY-MM-DD (Europe/Oslo)');
const instant = z.string().describe('ISO 8601 timestamp');
const recordedAt = instant.describe('When the service recorded it (ISO 8601 timestamp)');

export const caseStatus = z
  .enum(['awaiting_consent', 'kartlegging', 'awaiting_decision', 'granted', 'refused', 'complaint_with_statsforvalteren', 'appointed', 'closed'])
  .describe(
    'Where the case stands: awaiting_consent (registered, consent to appointment missing), kartlegging (the kartleggingssamtale and the assessment of the conditions), ' +
      'awaiting_decision, granted (a coordinator is to be appointed), refused, complaint_with_statsforvalteren (a complaint forwarded to Statsforvalteren), ' +
      'appointed (a barnekoordinator follows the family up), closed',
  );

const consenterRole = role.describe('Who consents: a parent, another guardian, or the young person themself');
const consentScope = scope.describe('What a consent covers: the appointment of a barnekoordinator, or the sharing of information between services');

const child = z
  .object({
    name: z.string().describe("The child's name"),
    nationalId: z.string().optional().describe('Fødselsnummer or D-number, 11 digits; absent when not known (e.g. an unborn child)'),
    birthDate: date.optional().describe('Calendar date of birth, YYYY-MM-DD; absent for an unborn child'),
    expectedDate: date.optional().describe('Termin (expected date of birth), YYYY-MM-DD, for an unborn child; stays after the birth is registered'),
    adopted: z.boolean().describe('Whether the child is adopted'),
  })
  .describe('The child the request is about: born (birthDate) or unborn (expectedDate)');

const caseRequest = z
  .object({
    child,
    consenters: z.array(z.object({ name: z.string(), role: consenterRole })).describe('The persons whose consent the case needs'),
    channel: z.enum(['written', 'oral']).describe('How the request (ønske) came in'),
    reasons: z.string().describe("The family's reasons for the request, as KE registered them"),
    receivedOn: date.describe('The date KE (koordinerende enhet) received the request, YYYY-MM-DD'),
    caseworkerId: z.string().optional().describe("The KE caseworker following the case; without one, reminders go to KE's shared inbox"),
    caseworkerName: z.string().optional().describe("The caseworker's name as the letters to the family give it"),
  })
  .describe('The request (ønske) for a barnekoordinator as KE registered it');

const consent = z
  .object({
    id: z.string(),
    givenBy: z.string().describe('Name of the person who consented'),
    role: consenterRole,
    covers: z.array(consentScope).describe('What the consent covered when given'),
    givenOn: date.describe('The day the consent was given, YYYY-MM-DD'),
    recordedAt,
    withdrawn: z
      .array(
        z.object({
          scope: consentScope,
          on: date.describe('The day of the withdrawal, YYYY-MM-DD'),
          by: z.string().describe('Name of the person who withdrew'),
          recordedAt,
        }),
      )
      .describe('Scopes of this consent since withdrawn; a scope is in force while covered and not withdrawn'),
    youngPersonLacksCompetence: z
      .string()
      .optional()
      .describe("KE's reasons why the young person (16 or older) lacks the competence to consent, so a parent or guardian consented for them"),
    copyLettersToParents: z.boolean().optional().describe("The young person's own agreement that letters to them go in copy to the parents"),
  })
  .describe('A consent as given; withdrawals are added to it, never removed');

const condition = z.object({
  met: z.boolean().describe('Whether the condition is met'),
  text: z.string().describe("KE's assessment of the condition"),
});

const kartlegging = z
  .object({
    scheduledAt: instant.optional().describe('When the kartleggingssamtale is planned (ISO 8601 timestamp)'),
    interview: z
      .object({
        heldOn: date.describe('The day the kartleggingssamtale was held, YYYY-MM-DD'),
        participants: z.array(z.string()).describe('Who took part'),
        childParticipated: z.boolean().describe('Whether the child took part'),
        childAbsenceReason: z.string().optional().describe('Why the child did not take part'),
      })
      .optional()
      .describe('The kartleggingssamtale with the family, once held'),
    assessment: z
      .object({
        childUnder18OrExpected: condition.describe('a) the family has a child under 18 or is expecting one'),
        seriousCondition: condition.describe('b) serious illness, injury or reduced function'),
        longTermCoordinatedNeeds: condition.describe('c) long-term, composite or coordinated health and care and other welfare services'),
      })
      .optional()
      .describe('The assessment of the three conditions for the right to a barnekoordinator'),
    completedAt: instant.optional().describe('When both the interview and the assessment were in place (ISO 8601 timestamp)'),
  })
  .describe('The kartlegging: the conversation with the family and the assessment of the conditions');

const decision = z
  .object({
    letterId: z.string().describe('The id of the decision letter (skriftlig avgjørelse), under /cases/{id}/letters'),
    outcome: commandSchemas.recordDecision.shape.outcome,
    reasons: z
      .string()
      .optional()
      .describe('The grounds of the decision; kept apart from the case and filled in by GET /cases/{id}, absent from the answers of commands'),
    offeredInstead: z
      .array(z.enum(['coordinated_services', 'ordinary_coordinator']))
      .describe('What the family was offered instead of a barnekoordinator (on refusal): coordinated services, or an ordinary koordinator'),
    decidedOn: date.describe('The date of the decision, YYYY-MM-DD'),
    recordedAt,
  })
  .describe('A written decision (skriftlig avgjørelse, not an enkeltvedtak: pbrl § 2-7); a complaint reversed by KE or overturned by Statsforvalteren adds a new grant');

const complaintOutcome = commandSchemas.recordComplaintOutcome.shape.outcome.describe('reversed_by_ke (KE changes its decision), forwarded_to_statsforvalteren, upheld_by_statsforvalteren, overturned_by_statsforvalteren');

const complaint = z
  .object({
    id: z.string(),
    about: commandSchemas.registerComplaint.shape.about.describe('What the complaint is about'),
    receivedOn: date.describe('The day the complaint was received, YYYY-MM-DD'),
    familyLearnedOn: date.describe('The day the family learned of the decision; the complaint deadline runs from it, YYYY-MM-DD'),
    late: z.boolean().describe('Whether the complaint came after the complaint deadline'),
    status: z.enum(['received', 'reversed', 'forwarded', 'upheld', 'overturned']).describe('Where the complaint stands'),
    outcomes: z
      .array(
        z.object({
          outcome: complaintOutcome,
          on: date.describe('The date of the outcome, YYYY-MM-DD'),
          reasons: z
            .string()
            .optional()
            .describe('The grounds of the outcome; kept apart from the case and filled in by GET /cases/{id}, absent from the answers of commands'),
          recordedAt,
          letterId: z.string().optional().describe('The letter that told the family of this outcome, under /cases/{id}/letters'),
        }),
      )
      .describe('What KE and Statsforvalteren decided on the complaint, in order'),
  })
  .describe('A complaint (klage) on a decision');

const appointment = z
  .object({
    unitId: z.string().describe('The unit (tjeneste) the barnekoordinator belongs to'),
    coordinatorId: z.string().describe('The appointed barnekoordinator'),
    appointedOn: date.describe('The day of the appointment, YYYY-MM-DD'),
    recordedAt,
  })
  .describe('The current appointment of a barnekoordinator');

const meeting = z
  .object({
    id: z.string(),
    at: instant.describe('When the ansvarsgruppemøte is planned (ISO 8601 timestamp)'),
    status: z.enum(['planned', 'held', 'cancelled']),
    heldOn: date.optional().describe('The day it was held, YYYY-MM-DD'),
    minutesOn: date.optional().describe('The day the referat (minutes) was written, YYYY-MM-DD'),
  })
  .describe('A meeting of the ansvarsgruppe');

const followUp = z
  .object({
    kickOffHeldOn: date.optional().describe('The day of the oppstartsamtale (kick-off) with the family, YYYY-MM-DD'),
    ansvarsgruppe: z
      .object({
        establishedAt: instant.describe('When the ansvarsgruppe was established (ISO 8601 timestamp)'),
        intervalMonths: z.number().int().describe('Months between its meetings'),
      })
      .optional()
      .describe('The ansvarsgruppe (the group of services around the child), once established'),
    meetings: z.array(meeting).describe('The ansvarsgruppemøter, planned, held and cancelled'),
    individualPlan: z
      .object({
        status: z.enum(['not_started', 'in_progress', 'active', 'evaluated']),
        since: z.string().describe('When it got this status: an ISO 8601 timestamp, or a date YYYY-MM-DD'),
        lastEvaluatedOn: date.optional().describe('The day of the last evaluation, YYYY-MM-DD'),
      })
      .describe('The individuell plan'),
  })
  .describe('The follow-up after appointment');

const absence = z
  .object({
    id: z.string(),
    coordinatorId: z.string().describe('The absent barnekoordinator'),
    kind: commandSchemas.recordAbsence.shape.kind.describe('A leave (permisjon) with an end, or a departure for good'),
    from: date.describe('First day of absence, YYYY-MM-DD'),
    until: date.optional().describe('Last day of a leave, YYYY-MM-DD; absent for a departure or an open-ended leave'),
    substituteId: z.string().optional().describe('The barnekoordinator standing in meanwhile'),
    recordedAt,
  })
  .describe("The appointed coordinator's leave or departure, as it affects this case");

const task = z
  .object({
    id: z.string(),
    kind: z.enum(['inform_family', 'inform_collaborators']).describe('Inform the family, or the collaborating services, of who takes over'),
    createdAt: instant,
    dueAt: instant,
    doneOn: date.optional().describe('The day it was done, YYYY-MM-DD'),
  })
  .describe('A task the absence of the coordinator gave');

const closure = z
  .object({
    reason: closureReason.describe('Why the case closed; age_limit when the child reached 18 (or the age the case was extended to)'),
    on: date.describe('The day the case closed, YYYY-MM-DD'),
    note: z.string().optional(),
    letterId: z.string().describe('The id of the closing letter, under /cases/{id}/letters'),
    recordedAt,
  })
  .describe('How and when the case closed');

const deadline = z
  .object({
    kind: z.enum(DEADLINE_KINDS),
    since: z
      .string()
      .describe(
        "When the step began, or what it is about (a meeting, task or absence id); never a date derived from the birth date or termin: 'expected' for birth, 'age-<n>' for transition_planning",
      ),
    dueAt: instant.describe('When it is due (ISO 8601 timestamp)'),
    responsible: z.string().describe("Who is reminded: 'ke' (KE's shared inbox), 'caseworker:<id>' or 'coordinator:<id>'"),
  })
  .describe('An open deadline of the case');

/** A whole case view, made up: an appointed case with a kick-off, an ansvarsgruppe and its meetings. */
const example: CaseView = {
  id: '8d3c2f4e-1b7a-4c55-9e0d-2a6f1c9b7e41',
  municipality: '0301',
  status: 'appointed',
  version: 11,
  registeredAt: '2026-01-05T09:00:00.000Z',
  request: {
    child: { name: 'Nora Testbarn', birthDate: '2016-03-15', adopted: false },
    consenters: [
      { name: 'Per Testforelder', role: 'parent' },
      { name: 'Kari Testforelder', role: 'parent' },
    ],
    channel: 'written',
    reasons: 'Familien har mange tjenester som ikke henger sammen.',
    receivedOn: '2026-01-05',
    caseworkerId: 'ke-saksbehandler-1',
  },
  consents: [
    {
      id: '0b1e6a52-7f3d-4d8e-8c21-5e9a4f7b2c10',
      givenBy: 'Per Testforelder',
      role: 'parent',
      covers: ['appointment', 'information_sharing'],
      givenOn: '2026-01-10',
      recordedAt: '2026-01-10T10:00:00.000Z',
      withdrawn: [],
    },
  ],
  kartlegging: {
    scheduledAt: '2026-01-20T09:00:00.000Z',
    interview: { heldOn: '2026-01-20', participants: ['Per Testforelder', 'Kari Testforelder', 'KE-rådgiver'], childParticipated: true },
    assessment: {
      childUnder18OrExpected: { met: true, text: 'Barnet er under 18 år.' },
      seriousCondition: { met: true, text: 'Alvorlig nedsatt funksjonsevne.' },
      longTermCoordinatedNeeds: { met: true, text: 'Behov for helse- og omsorgstjenester og PPT over lang tid.' },
    },
    completedAt: '2026-01-22T12:00:00.000Z',
  },
  decisions: [
    {
      letterId: '5a9f0c3d-2e4b-4f61-a7d8-3c1b9e0f6a27',
      outcome: 'granted',
      reasons: 'Alle vilkår er oppfylt.',
      offeredInstead: [],
      decidedOn: '2026-02-01',
      recordedAt: '2026-02-01T13:00:00.000Z',
    },
  ],
  complaints: [],
  appointment: {
    unitId: 'c7e2b9a1-6d3f-4a08-b5c4-9f1e2d7a3b60',
    coordinatorId: 'f4a81d2c-3b9e-4e7a-8d15-6c0b2a9e5f38',
    appointedOn: '2026-02-15',
    recordedAt: '2026-02-15T09:00:00.000Z',
  },
  firstAppointedOn: '2026-02-15',
  followUp: {
    kickOffHeldOn: '2026-02-20',
    ansvarsgruppe: { establishedAt: '2026-04-01T08:00:00.000Z', intervalMonths: 3 },
    meetings: [
      { id: '2d6b8f1a-9c3e-4b7d-a0e5-7f4c1b8d2e93', at: '2026-07-01T08:00:00.000Z', status: 'held', heldOn: '2026-07-02', minutesOn: '2026-07-03' },
      { id: '9e1f3a7c-4d2b-4c8e-b6a9-0d5e8f2c1a74', at: '2026-10-02T08:00:00.000Z', status: 'planned' },
    ],
    individualPlan: { status: 'in_progress', since: '2026-07-03T13:00:00.000Z' },
  },
  tasks: [],
  deadlines: [
    {
      kind: 'meeting',
      since: '9e1f3a7c-4d2b-4c8e-b6a9-0d5e8f2c1a74@2026-10-02T08:00:00.000Z',
      dueAt: '2026-10-02T08:00:00.000Z',
      responsible: 'coordinator:f4a81d2c-3b9e-4e7a-8d15-6c0b2a9e5f38',
    },
    { kind: 'transition_planning', since: 'age-18', dueAt: '2033-09-14T22:00:00.000Z', responsible: 'coordinator:f4a81d2c-3b9e-4e7a-8d15-6c0b2a9e5f38' },
  ],
  nextDeadline: '2026-10-02T08:00:00.000Z',
};

export const caseView = z
  .object({
    id: z.string().describe('The case id (a UUID)'),
    municipality: z.string().optional().describe('Kommunenummer of the municipality that owns the case; absent in cases started before tenancy'),
    status: caseStatus,
    version: z.number().int().describe('Sequence number of the last event of the case: 1 at registration, one more with every change'),
    registeredAt: instant.describe('When the request was registered (ISO 8601 timestamp)'),
    request: caseRequest,
    consents: z.array(consent).describe('Every consent given, with its withdrawals'),
    kartlegging,
    decisions: z.array(decision).describe('Every written decision (skriftlig avgjørelse), in order'),
    complaints: z.array(complaint).describe('Every complaint (klage), in order'),
    appointment: appointment.optional(),
    firstAppointedOn: date.optional().describe('The day of the first appointment, YYYY-MM-DD; stays when the coordinator changes'),
    followUp,
    absence: absence.optional(),
    tasks: z.array(task).describe('Tasks from absences of the coordinator, done or not'),
    extendedToAge: z.number().int().optional().describe('The age past 18 (up to 25) the municipality extended the case to'),
    closure: closure.optional(),
    deadlines: z.array(deadline).describe('The open deadlines of the case'),
    nextDeadline: instant.optional().describe('The earliest open deadline (ISO 8601 timestamp); absent when none is open'),
  })
  .describe('A barnekoordinator case as the workflow holds it: the request, its consents, kartlegging, decisions, complaints, appointment and follow-up')
  .meta({ id: 'CaseView', examples: [example] });

// ---------------------------------------------------------------------------------------------
// The schema and the CaseView type must describe the same thing. Equals is true only when the two
// types are identical (the same fields, each as optional and of the same type on both sides), so
// the constant below stops compiling as soon as either side gains, loses or changes a field.
const viewMatches: Equals<z.output<typeof caseView>, CaseView> = true;
void viewMatches; // a read, for noUnusedLocals; the check is the assignment's type
