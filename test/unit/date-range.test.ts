/**
 * The plausible range of dates at the edge (the command schemas of workflows/case/commands.ts over workflows/case/date-range.ts),
 * and the date arithmetic being total: for every calendar date of the years 0000–9999 the
 * helpers answer without throwing, and for every date the edge admits they answer real dates
 * and letters write real Norwegian dates. Property-based with a fixed seed.
 */
import fc from 'fast-check';
import type { ZodType } from 'zod';
import { norwegianDate } from '../../activities/letters/text';
import { absenceBody } from '../../api/schemas';
import { caseRequest, commandSchemas as c } from '../../workflows/case/commands';
import { EARLIEST_DATE, LATEST_DATE, isPlausibleDate, isPlausibleInstant } from '../../workflows/case/date-range';
import {
  addDaysToDate,
  addMonthsToDate,
  ageOn,
  atOsloTimeOf,
  birthdayAt,
  daysAfterDate,
  isValidDate,
  osloDateOf,
  osloMidnight,
  sameOsloTimeMonthsLater,
} from '../../workflows/case/dates';
import { complaintDeadline } from '../../workflows/case/to-appointment';

const SEED = 20_261_129;
const UNIT = '00000000-0000-4000-8000-000000000001';

/** Every valid calendar date of the years 0000–9999. */
const anyDate = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T00:00:00.000Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Every date the edge admits. */
const admittedDate = fc.date({ min: new Date(`${EARLIEST_DATE}T00:00:00.000Z`), max: new Date(`${LATEST_DATE}T00:00:00.000Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const REJECTED_DATES = ['0000-01-01', '0001-01-01', '1899-12-31', '2200-01-01', '9999-12-31'];
const ADMITTED_DATES = ['1900-01-01', '2026-02-28', '2199-12-31'];
const REJECTED_INSTANTS = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+14:00', '1899-12-31T23:59:59Z', '1900-01-01T00:30:00+01:00', '2200-01-01T00:00:00Z', '2199-12-31T23:00:00-12:00', '9999-12-31T23:59:59.999+14:00'];
const ADMITTED_INSTANTS = ['1900-01-01T00:00:00Z', '1900-01-01T01:30:00+01:00', '2026-06-01T09:00:00+02:00', '2199-12-31T23:59:59.999Z'];

/** Each body with a date or time field, a valid body, and the paths of its date and time fields. */
const DATE_FIELDS: { name: string; schema: ZodType; body: Record<string, unknown>; dates: string[][]; instants: string[][] }[] = [
  {
    name: 'POST /cases (born)',
    schema: caseRequest,
    body: { child: { name: 'N', birthDate: '2019-01-01' }, consenters: [{ name: 'P', role: 'parent' }], channel: 'written', reasons: 'R', receivedOn: '2026-01-05' },
    dates: [['child', 'birthDate'], ['receivedOn']],
    instants: [],
  },
  {
    name: 'POST /cases (unborn)',
    schema: caseRequest,
    body: { child: { name: 'N', expectedDate: '2026-05-01' }, consenters: [{ name: 'P', role: 'parent' }], channel: 'written', reasons: 'R', receivedOn: '2026-01-05' },
    dates: [['child', 'expectedDate']],
    instants: [],
  },
  { name: 'consent', schema: c.recordConsent, body: { givenBy: 'P', role: 'parent', covers: ['appointment'], givenOn: '2026-01-05' }, dates: [['givenOn']], instants: [] },
  { name: 'withdrawal', schema: c.withdrawConsent, body: { scopes: ['appointment'], withdrawnBy: 'P', on: '2026-01-05' }, dates: [['on']], instants: [] },
  { name: 'schedule', schema: c.scheduleKartlegging, body: { scheduledAt: '2026-01-05T09:00:00Z' }, dates: [], instants: [['scheduledAt']] },
  { name: 'interview', schema: c.recordInterview, body: { heldOn: '2026-01-05', participants: ['P'], childParticipated: true }, dates: [['heldOn']], instants: [] },
  { name: 'decision', schema: c.recordDecision, body: { outcome: 'granted', reasons: 'R', decidedOn: '2026-01-05' }, dates: [['decidedOn']], instants: [] },
  { name: 'complaint', schema: c.registerComplaint, body: { about: 'refusal', receivedOn: '2026-01-05', familyLearnedOn: '2026-01-05' }, dates: [['receivedOn'], ['familyLearnedOn']], instants: [] },
  { name: 'complaint outcome', schema: c.recordComplaintOutcome, body: { complaintId: UNIT, outcome: 'reversed_by_ke', reasons: 'R', on: '2026-01-05' }, dates: [['on']], instants: [] },
  { name: 'appointment', schema: c.appoint, body: { unitId: UNIT, coordinatorId: UNIT, appointedOn: '2026-01-05' }, dates: [['appointedOn']], instants: [] },
  { name: 'kick-off', schema: c.recordKickOff, body: { heldOn: '2026-01-05' }, dates: [['heldOn']], instants: [] },
  { name: 'ansvarsgruppe', schema: c.establishAnsvarsgruppe, body: { firstMeetingAt: '2026-01-05T09:00:00Z' }, dates: [], instants: [['firstMeetingAt']] },
  { name: 'meeting', schema: c.planMeeting, body: { at: '2026-01-05T09:00:00Z' }, dates: [], instants: [['at']] },
  { name: 'meeting held', schema: c.recordMeeting, body: { meetingId: UNIT, heldOn: '2026-01-05' }, dates: [['heldOn']], instants: [] },
  { name: 'minutes', schema: c.recordMinutes, body: { meetingId: UNIT, writtenOn: '2026-01-05' }, dates: [['writtenOn']], instants: [] },
  { name: 'individual plan', schema: c.setIndividualPlanStatus, body: { status: 'active', on: '2026-01-05' }, dates: [['on']], instants: [] },
  { name: 'birth', schema: c.registerBirth, body: { birthDate: '2026-01-05' }, dates: [['birthDate']], instants: [] },
  { name: 'task', schema: c.completeTask, body: { taskId: UNIT, doneOn: '2026-01-05' }, dates: [['doneOn']], instants: [] },
  { name: 'closure', schema: c.closeCase, body: { reason: 'other', on: '2026-01-05' }, dates: [['on']], instants: [] },
  { name: 'departure', schema: absenceBody, body: { kind: 'departure', from: '2026-01-05' }, dates: [['from']], instants: [] },
];

function withValue(body: Record<string, unknown>, path: string[], value: string) {
  const copy = JSON.parse(JSON.stringify(body));
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  parent[path[path.length - 1]] = value;
  return copy;
}

function issuesAt(schema: ZodType, body: unknown, path: string[]) {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.filter((i) => i.path.join('.') === path.join('.')).map((i) => i.message);
}

describe('the plausible range at the edge', () => {
  test('when a date lies outside 1900-01-01 to 2199-12-31, then isPlausibleDate says no; inside, yes', () => {
    for (const d of REJECTED_DATES) expect({ d, ok: isPlausibleDate(d) }).toEqual({ d, ok: false });
    for (const d of ADMITTED_DATES) expect({ d, ok: isPlausibleDate(d) }).toEqual({ d, ok: true });
    expect(isPlausibleDate('2026-02-29')).toBe(false);
  });

  test('when an instant lies outside the range in UTC, whatever its offset, then isPlausibleInstant says no; inside, yes', () => {
    for (const t of REJECTED_INSTANTS) expect({ t, ok: isPlausibleInstant(t) }).toEqual({ t, ok: false });
    for (const t of ADMITTED_INSTANTS) expect({ t, ok: isPlausibleInstant(t) }).toEqual({ t, ok: true });
    expect(isPlausibleInstant('garbage')).toBe(false);
  });

  test.each(DATE_FIELDS.map((f) => [f.name, f] as const))('when %s carries a date or time out of range, then it is rejected at that field with the range; at the bounds it is accepted', (_name, f) => {
    expect(f.schema.safeParse(f.body).success).toBe(true);
    for (const path of f.dates) {
      for (const d of REJECTED_DATES) expect({ path, d, issues: issuesAt(f.schema, withValue(f.body, path, d), path) }).toEqual({ path, d, issues: [`must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`] });
    }
    for (const path of f.instants) {
      for (const t of REJECTED_INSTANTS) expect({ path, t, issues: issuesAt(f.schema, withValue(f.body, path, t), path) }).toEqual({ path, t, issues: [`must be a time from ${EARLIEST_DATE} to ${LATEST_DATE} (UTC)`] });
      for (const t of ADMITTED_INSTANTS) expect({ path, t, ok: f.schema.safeParse(withValue(f.body, path, t)).success }).toEqual({ path, t, ok: true });
    }
  });

  test('when a born child is registered with a birth date of 1900-01-01 or 2199-12-31, then the edge admits it (the rules judge it against the case)', () => {
    const body = DATE_FIELDS[0].body;
    expect(caseRequest.safeParse(withValue(body, ['child', 'birthDate'], '1900-01-01')).success).toBe(true);
    expect(caseRequest.safeParse(withValue(body, ['child', 'birthDate'], '2199-12-31')).success).toBe(true);
  });

  test('when an unborn child’s termin lies more than six weeks before or 300 days after receivedOn, then it is rejected at child.expectedDate', () => {
    const body = DATE_FIELDS[1].body;
    expect(issuesAt(caseRequest, withValue(body, ['child', 'expectedDate'], '2025-11-23'), ['child', 'expectedDate'])).toEqual([expect.stringMatching(/6 weeks before receivedOn/)]);
    expect(issuesAt(caseRequest, withValue(body, ['child', 'expectedDate'], '2026-11-02'), ['child', 'expectedDate'])).toEqual([expect.stringMatching(/300 days after receivedOn/)]);
    expect(caseRequest.safeParse(withValue(body, ['child', 'expectedDate'], '2025-11-24')).success).toBe(true);
    expect(caseRequest.safeParse(withValue(body, ['child', 'expectedDate'], '2026-11-01')).success).toBe(true);
  });

  test('when a leave runs until 9999-12-31 or for more than three years, then it is rejected at until; three years to the day is accepted', () => {
    const leave = { kind: 'leave', from: '2026-03-02' };
    expect(issuesAt(absenceBody, { ...leave, until: '9999-12-31' }, ['until'])).toEqual([`must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`]);
    expect(issuesAt(absenceBody, { ...leave, until: '2029-03-03' }, ['until'])).toEqual(['a leave lasts at most 3 years from its first day']);
    expect(absenceBody.safeParse({ ...leave, until: '2029-03-02' }).success).toBe(true);
    expect(issuesAt(absenceBody, { ...leave, from: '0000-01-01', until: '2026-03-02' }, ['from'])).toEqual([`must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`]);
  });
});

describe('date arithmetic is total', () => {
  const dateText = /^\d{4}-\d{2}-\d{2}$/;
  const MONTH = '(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)';

  test('when any calendar date of the years 0000–9999 is given, then no helper throws and each answers a date or an instant', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 25 }), (d, days, age) => {
        expect(isValidDate(d)).toBe(true);
        expect(osloDateOf(osloMidnight(d))).toBe(d);
        for (const x of [addDaysToDate(d, days), addMonthsToDate(d, days % 24), birthdayAt(d, age)]) expect(x).toMatch(/^([+-]\d{6}|\d{4})-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(daysAfterDate(d, days)))).toBe(false);
        expect(Number.isNaN(Date.parse(atOsloTimeOf(d, '2026-06-01T07:30:00.000Z')))).toBe(false);
        expect(Number.isInteger(ageOn(d, addDaysToDate(d, Math.abs(days))))).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  test('when a date the edge admits is given, then the arithmetic stays real: the day after is the next day, and midnight begins that day in Oslo', () => {
    fc.assert(
      fc.property(admittedDate, fc.integer({ min: 0, max: 3 * 366 }), (d, days) => {
        const later = addDaysToDate(d, days);
        expect(later).toMatch(dateText);
        expect(isValidDate(later)).toBe(true);
        expect(addDaysToDate(later, -days)).toBe(d);
        const midnight = osloMidnight(d);
        expect(osloDateOf(midnight)).toBe(d);
        expect(osloDateOf(new Date(Date.parse(midnight) - 1))).toBe(addDaysToDate(d, -1));
        expect(osloDateOf(sameOsloTimeMonthsLater(`${d}T10:00:00.000Z`, 12))).toMatch(dateText);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  test('when a decision or closure is dated on any admitted date, then its letter writes real Norwegian dates, the complaint deadline included', () => {
    fc.assert(
      fc.property(admittedDate, (d) => {
        for (const text of [norwegianDate(d), norwegianDate(complaintDeadline(d))]) {
          expect(text).toMatch(new RegExp(`^([1-9]|[12]\\d|3[01])\\. ${MONTH} \\d{4}$`));
          expect(text).not.toMatch(/undefined|NaN/);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  test('when a decision is dated 2199-12-31, then the complaint deadline is written 28. januar 2200', () => {
    expect(norwegianDate(complaintDeadline('2199-12-31'))).toBe('28. januar 2200');
  });

  test('when a date past 9999 is written, then it is written with its year, never "undefined. januar 10000"', () => {
    expect(complaintDeadline('9999-12-31')).toBe('+010000-01-28');
    expect(norwegianDate('+010000-01-28')).toBe('28. januar 10000');
    expect(norwegianDate('not a date')).toBe('not a date');
  });

  test('when the years 0–99 are given, then they are not read as 1900–1999', () => {
    expect(addDaysToDate('0001-01-01', 1)).toBe('0001-01-02');
    expect(addMonthsToDate('0050-01-31', 1)).toBe('0050-02-28');
    expect(isValidDate('0004-02-29')).toBe(true);
  });
});
