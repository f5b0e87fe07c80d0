/**
 * Which dates the service believes, in one place: the absolute range every date and instant must
 * lie in when it enters the API (api/schemas.ts, 400), and the bounds the rules hold a date to
 * against the case and the command's time (rules.ts, 409). None of them reads the
 * clock: the absolute range is fixed, and the rules measure from the case's own dates and from
 * the time the workflow applies the command. Pure, no Temporal import.
 */
import { addDaysToDate, addMonthsToDate, isValidDate } from './dates';

/**
 * Calendar dates from 1 January 1900 to 31 December 2199. Wide enough for every birth date of a
 * child, parent or case the service can have (a case lasts at most to 25) and for every date a
 * case computes from them, and narrow enough that the arithmetic, PostgreSQL (which has no year
 * 0) and Temporal's timers and search attributes (1678–2262) hold everything that follows.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
/** Instants in the same range, measured in UTC. */
export const EARLIEST_INSTANT = `${EARLIEST_DATE}T00:00:00.000Z`;
export const LATEST_INSTANT = `${LATEST_DATE}T23:59:59.999Z`;

export const DATE_RANGE_MESSAGE = `must be a date from ${EARLIEST_DATE} to ${LATEST_DATE}`;
export const INSTANT_RANGE_MESSAGE = `must be a time from ${EARLIEST_DATE} to ${LATEST_DATE} (UTC)`;

export function isPlausibleDate(date: string): boolean {
  return isValidDate(date) && date >= EARLIEST_DATE && date <= LATEST_DATE;
}

export function isPlausibleInstant(instant: string): boolean {
  const t = Date.parse(instant);
  return Number.isFinite(t) && t >= Date.parse(EARLIEST_INSTANT) && t <= Date.parse(LATEST_INSTANT);
}

// ----- bounds relative to the case -----

/** How far ahead a meeting or the kartleggingssamtale may be planned: a year's interval and room to move it. */
export const PLANNING_HORIZON_MONTHS = 18;

/** The longest leave a coordinator can take that a case waits out (a year's parental leave and more, but not a lifetime). */
export const LONGEST_LEAVE_YEARS = 3;

/** The last day of the longest leave from `from`. */
export const latestLeaveEnd = (from: string) => addMonthsToDate(from, LONGEST_LEAVE_YEARS * 12);

/** A termin lies at most this many days after the request: a pregnancy lasts about 280 days from its start. */
export const TERMIN_AFTER_REQUEST_DAYS = 300;

/** A termin more than six weeks before the request means the child is born; it is registered with its birth date. */
export const TERMIN_BEFORE_REQUEST_DAYS = 42;

/** A birth comes at most 26 weeks before the termin (a birth in week 22 is 18 weeks early). */
export const BIRTH_BEFORE_TERMIN_DAYS = 26 * 7;

/** The consent form comes with the request (seed 004): one signed more than 90 days before it was received is not for this request. */
export const CONSENT_BEFORE_REQUEST_DAYS = 90;

/** A request is registered within a year of its receipt, or it is not the request of this case. */
export const REGISTRATION_AFTER_RECEIPT_DAYS = 366;

export const daysBefore = (date: string, days: number) => addDaysToDate(date, -days);
export const daysAfter = (date: string, days: number) => addDaysToDate(date, days);
