/**
 * Calendar arithmetic. Calendar dates are ISO strings (YYYY-MM-DD) meant in Europe/Oslo;
 * instants are ISO timestamps. No Temporal import: used by the workflow and the API alike.
 *
 * Every helper is total over valid calendar dates of any year 0000–9999 (and over the dates it
 * computes from them): nothing here throws "Invalid time value" or gives a date of another day.
 * Date.UTC is never used, since it reads the years 0–99 as 1900–1999, and results are formatted
 * by hand, since toISOString writes years past 9999 as "+010000". A result outside 0000–9999 is
 * written in the ISO 8601 expanded form (±YYYYYY-MM-DD) and read back by these helpers.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const DATE_TEXT = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/;

/** Year, month and day of a date text; undefined for anything else. */
function partsOf(date: string): [number, number, number] | undefined {
  const m = DATE_TEXT.exec(date);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function partsOrThrow(date: string): [number, number, number] {
  const p = partsOf(date);
  if (!p) throw new Error(`not a calendar date: ${date}`);
  return p;
}

/** Milliseconds of 00:00 UTC on the given day; months and days outside their range roll over. */
function utcDay(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function yearText(y: number): string {
  return y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : `${y < 0 ? '-' : '+'}${String(Math.abs(y)).padStart(6, '0')}`;
}

/** The UTC calendar date of a millisecond value, as date text. */
function dateText(ms: number): string {
  const t = new Date(ms);
  return `${yearText(t.getUTCFullYear())}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

const osloWall = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Oslo',
  era: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/**
 * The Oslo wall-clock time at instant `t`, as milliseconds of a UTC clock showing the same
 * time. Through the era, so that 1 BC (year 0) and local mean time before 1895 come out right.
 */
function osloWallClock(t: number): number {
  const p: Record<string, string> = {};
  for (const part of osloWall.formatToParts(new Date(t))) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const ms = ((t % 1000) + 1000) % 1000;
  return utcDay(year, Number(p.month), Number(p.day)) + Number(p.hour) * HOUR_MS + Number(p.minute) * 60_000 + Number(p.second) * 1000 + ms;
}

/** How far Oslo's clocks are ahead of UTC at instant `t` (one or two hours since 1895). */
const osloOffset = (t: number) => osloWallClock(t) - t;

const msOf = (instant: string | Date): number => (typeof instant === 'string' ? Date.parse(instant) : instant.getTime());

/** The calendar date in Oslo at the given instant. */
export function osloDateOf(instant: string | Date): string {
  const t = msOf(instant);
  if (!Number.isFinite(t)) throw new Error(`not an instant: ${String(instant)}`);
  return dateText(osloWallClock(t));
}

export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}

export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = partsOrThrow(date);
  return dateText(utcDay(y, m, d + days));
}

/** Whole years between a birth date and a calendar date, as people count birthdays. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = partsOrThrow(birthDate);
  const [y, m, d] = partsOrThrow(onDate);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = partsOrThrow(date);
  return dateText(utcDay(y, m, d)) === date;
}

/** The instant a calendar day begins in Oslo (00:00 local time; UTC+1 or UTC+2 since 1895). */
export function osloMidnight(date: string): string {
  const p = partsOf(date);
  if (!p || dateText(utcDay(...p)) !== date) throw new Error(`no Oslo midnight for ${date}`);
  // The wall-clock midnight read as UTC; the instant lies one or two hours (the offset) before it.
  const local = utcDay(...p);
  const guess = local - osloOffset(local);
  // Exact, and an hour earlier it was still the day before (no fold that shows midnight twice).
  if (osloWallClock(guess) === local && osloWallClock(guess - HOUR_MS) < local) return new Date(guess).toISOString();
  // Around a change of the clocks the offset differs a few hours apart: try each one seen.
  const candidates = [...new Set([-6, -3, 0, 3, 6].map((h) => local - osloOffset(local + h * HOUR_MS)))].sort((a, b) => a - b);
  const exact = candidates.find((t) => osloWallClock(t) === local);
  if (exact !== undefined) return new Date(exact).toISOString();
  // Midnight was skipped (clocks put forward at 00:00): the day begins when they jumped.
  const first = candidates.find((t) => dateText(osloWallClock(t)) === date);
  return new Date(first ?? guess).toISOString();
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The date a person born on birthDate turns `age`. Someone born on 29 February has the birthday
 * on 1 March in years without that day, the same rule ageOn follows.
 */
export function birthdayAt(birthDate: string, age: number): string {
  const [y, m, d] = partsOrThrow(birthDate);
  const year = y + age;
  if (m === 2 && d === 29 && !isLeapYear(year)) return `${yearText(year)}-03-01`;
  return `${yearText(year)}-${pad2(m)}-${pad2(d)}`;
}

/** The same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = partsOrThrow(date);
  const first = new Date(utcDay(y, m + months, 1));
  const fy = first.getUTCFullYear();
  const fm = first.getUTCMonth() + 1;
  const last = new Date(utcDay(fy, fm + 1, 0)).getUTCDate();
  return dateText(utcDay(fy, fm, Math.min(d, last)));
}

export function addMonths(instant: string, months: number): string {
  const date = /^([+-]\d{6}|\d{4})-\d{2}-\d{2}/.exec(instant)?.[0] ?? instant.slice(0, 10);
  return `${addMonthsToDate(date, months)}${instant.slice(date.length)}`;
}

/** The instant on `date` at the Oslo wall-clock time that `instant` has (09:00 stays 09:00 across DST). */
export function atOsloTimeOf(date: string, instant: string): string {
  const minutes = Math.floor((((osloWallClock(msOf(instant)) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return new Date(Date.parse(osloMidnight(date)) + minutes * 60_000).toISOString();
}

/** The same Oslo wall-clock time, `months` calendar months later. */
export function sameOsloTimeMonthsLater(instant: string, months: number): string {
  return atOsloTimeOf(addMonthsToDate(osloDateOf(instant), months), instant);
}

/**
 * The start of the Oslo day `days` after `date`: a deadline counted in calendar days. Fractions
 * of a day (used by tests) are counted in hours instead.
 */
export function daysAfterDate(date: string, days: number): string {
  return Number.isInteger(days) ? osloMidnight(addDaysToDate(date, days)) : addDays(osloMidnight(date), days);
}
