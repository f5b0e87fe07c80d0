/**
 * Norwegian public holidays (helligdager and the two høytidsdager, 1 and 17 May), computed
 * rather than looked up, so that the rules stay pure and deterministic inside the workflow
 * sandbox. test/unit/holidays.test.ts checks them against the maintained calendar of
 * `date-holidays` for 2020–2060. Pure.
 */
import { addDaysToDate } from './dates';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The public holidays of a year, as dates, in order. */
export function norwegianHolidays(year: number): string[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  // Skjærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag.
  const movable = [-3, -2, 0, 1, 39, 49, 50].map((days) => addDaysToDate(easter, days));
  const fixed = ['01-01', '05-01', '05-17', '12-25', '12-26'].map((md) => `${y}-${md}`);
  return [...new Set([...fixed, ...movable])].sort();
}

/** Whether the day is a Saturday, a Sunday or a public holiday. */
export function isNonWorkingDay(date: string): boolean {
  // Years written in the expanded form (±YYYYYY) lie far outside every date the service believes.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  const weekday = t.getUTCDay();
  return weekday === 0 || weekday === 6 || norwegianHolidays(y).includes(date);
}

/**
 * A deadline that ends on a Saturday, Sunday or public holiday runs to the next working day
 * (domstolloven § 149, followed for the deadlines of forvaltningsloven).
 */
export function nextWorkingDayFrom(date: string): string {
  let day = date;
  while (isNonWorkingDay(day)) day = addDaysToDate(day, 1);
  return day;
}
