/**
 * The date helpers the tests and the workflow count on, on every day of a leap year (2028) and
 * across its year ends, at the instants where a day is most easily mistaken for its neighbour:
 * Oslo's midnight, the hour after it (still the day before in UTC), noon and the last
 * millisecond. So no test that builds its dates with them can fail on some days only: the 29th
 * to 31st of a month, 29 February, the days the clocks change, or New Year's Eve.
 */
import { addDaysToDate, ageOn, birthdayAt, isValidDate, osloDateOf, osloMidnight } from '../../workflows/case/dates';
import { dateFromNow, today, yearsAgo } from '../helpers/fixtures';

/** Every date from `first` to `last`, both included. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDaysToDate(d, 1)) out.push(d);
  return out;
}

const LEAP_YEAR = days('2027-12-25', '2029-01-05');
const HOUR = 3_600_000;

/** Instants on an Oslo date: its midnight, an hour later (the day before in UTC), noon, its last millisecond. */
function instantsOn(date: string): Date[] {
  const midnight = Date.parse(osloMidnight(date));
  const next = Date.parse(osloMidnight(addDaysToDate(date, 1)));
  return [midnight, midnight + HOUR - 1, midnight + 12 * HOUR, next - 1].map((t) => new Date(t));
}

describe('the date helpers over every day of a leap year', () => {
  test('when the days from Christmas 2027 to New Year 2029 are walked, then there are 378 of them, 29 February 2028 among them', () => {
    expect(LEAP_YEAR).toHaveLength(378);
    expect(LEAP_YEAR).toContain('2028-02-29');
    expect(LEAP_YEAR.every(isValidDate)).toBe(true);
  });

  test('when today() is taken at any instant of an Oslo day, then it is that day, whatever the UTC date', () => {
    const wrong: string[] = [];
    for (const date of LEAP_YEAR) for (const at of instantsOn(date)) if (today(at) !== date || osloDateOf(at) !== date) wrong.push(`${at.toISOString()} → ${today(at)}, not ${date}`);
    expect(wrong).toEqual([]);
  });

  test('when dateFromNow() counts days forward and back on any day, then it lands that many calendar days away and back again', () => {
    const wrong: string[] = [];
    for (const date of LEAP_YEAR) {
      for (const at of instantsOn(date)) {
        for (const n of [-400, -366, -365, -31, -1, 0, 1, 28, 29, 30, 31, 365, 366]) {
          const there = dateFromNow(n, at);
          if (addDaysToDate(there, -n) !== date || Math.round((Date.parse(`${there}T12:00:00Z`) - Date.parse(`${date}T12:00:00Z`)) / (24 * HOUR)) !== n) wrong.push(`${date} ${n}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('when yearsAgo(n) is a birth date on any day, then the child is n that day, with the birthday that day (on 29 February, the day before)', () => {
    const wrong: string[] = [];
    for (const date of LEAP_YEAR) {
      const at = instantsOn(date)[1];
      for (let n = 0; n <= 20; n++) {
        const born = yearsAgo(n, at);
        const birthday = birthdayAt(born, n);
        const expected = date.endsWith('-02-29') && !isValidDate(`${born.slice(0, 4)}-02-29`) ? addDaysToDate(date, -1) : date;
        if (!isValidDate(born) || ageOn(born, date) !== n || birthday !== expected) wrong.push(`${date}: yearsAgo(${n}) = ${born}, age ${ageOn(born, date)}, birthday ${birthday}`);
        // The day before the birthday the child is still a year younger.
        if (n > 0 && ageOn(born, addDaysToDate(birthday, -1)) !== n - 1) wrong.push(`${date}: ${born} is ${n} already on ${addDaysToDate(birthday, -1)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('when a child is born on any day of a leap year, then it turns 18 on its birthday, 29 February children on 1 March, a day later than 28 February children', () => {
    const wrong: string[] = [];
    for (const born of days('2028-01-01', '2028-12-31')) {
      const eighteen = birthdayAt(born, 18);
      if (ageOn(born, eighteen) !== 18 || ageOn(born, addDaysToDate(eighteen, -1)) !== 17) wrong.push(`${born} → ${eighteen}`);
      if (!born.endsWith('-02-29') && eighteen !== `2046${born.slice(4)}`) wrong.push(`${born} → ${eighteen}, not on its birthday`);
    }
    expect(wrong).toEqual([]);
    expect(birthdayAt('2028-02-29', 18)).toBe(addDaysToDate(birthdayAt('2028-02-28', 18), 1));
  });
});
