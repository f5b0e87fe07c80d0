/**
 * Calendar arithmetic. Calendar dates are ISO strings (YYYY-MM-DD) meant in Europe/Oslo;
 * instants are ISO timestamps. No Temporal import: used by the workflow and the API alike.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const osloDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Oslo at the given instant. */
export function osloDateOf(instant: string | Date): string {
  return osloDate.format(typeof instant === 'string' ? new Date(instant) : instant);
}

export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}

export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole years between a birth date and a calendar date, as people count birthdays. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
}

const osloHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' });

/** The instant a calendar day begins in Oslo (00:00 local time, UTC+1 or UTC+2). */
export function osloMidnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  for (const offsetHours of [1, 2]) {
    const t = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    if (osloDateOf(t) === date && Number(osloHour.format(t)) === 0) return t.toISOString();
  }
  throw new Error(`no Oslo midnight for ${date}`);
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The date a person born on birthDate turns `age`. Someone born on 29 February has the birthday
 * on 1 March in years without that day, the same rule ageOn follows.
 */
export function birthdayAt(birthDate: string, age: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const year = y + age;
  if (m === 2 && d === 29 && !isLeapYear(year)) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

export function addMonths(instant: string, months: number): string {
  const date = instant.slice(0, 10);
  return `${addMonthsToDate(date, months)}${instant.slice(10)}`;
}

const osloTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The instant on `date` at the Oslo wall-clock time that `instant` has (09:00 stays 09:00 across DST). */
export function atOsloTimeOf(date: string, instant: string): string {
  const [h, m] = osloTime.format(new Date(instant)).split(':').map(Number);
  return new Date(Date.parse(osloMidnight(date)) + (h * 60 + m) * 60_000).toISOString();
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
