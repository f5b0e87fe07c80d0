/** Oslo midnights, birthdays and month arithmetic in workflows/case/dates.ts: pure. */
import { addDaysToDate, addMonths, addMonthsToDate, ageOn, birthdayAt, osloDateOf, osloMidnight } from '../../workflows/case/dates';

describe('osloMidnight', () => {
  test('when a winter date is given, then the Oslo day begins at 23:00 UTC the day before (UTC+1)', () => {
    expect(osloMidnight('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
  });

  test('when a summer date is given, then the Oslo day begins at 22:00 UTC the day before (UTC+2)', () => {
    expect(osloMidnight('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
  });

  test('when the clocks go forward (2026-03-29, 02:00 → 03:00), then that day still begins at 00:00 winter time, 23:00 UTC the day before', () => {
    expect(osloMidnight('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(osloMidnight('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
  });

  test('when the clocks go back (2026-10-25, 03:00 → 02:00), then that day still begins at 00:00 summer time, 22:00 UTC the day before', () => {
    expect(osloMidnight('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
    expect(osloMidnight('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
  });

  test.each(['2026-01-15', '2026-03-29', '2026-03-30', '2026-07-15', '2026-10-25', '2026-10-26', '2026-12-31'])(
    'when the midnight of %s is taken, then it is that Oslo date, and one millisecond earlier is the Oslo date before',
    (date) => {
      const midnight = osloMidnight(date);
      expect(osloDateOf(midnight)).toBe(date);
      expect(osloDateOf(new Date(Date.parse(midnight) - 1))).toBe(addDaysToDate(date, -1));
    },
  );

  test('when 1 January is given, then the day begins on 31 December UTC of the year before', () => {
    expect(osloMidnight('2027-01-01')).toBe('2026-12-31T23:00:00.000Z');
  });

  test('when the date does not exist (30 February), then it throws instead of returning another day', () => {
    expect(() => osloMidnight('2026-02-30')).toThrow('no Oslo midnight for 2026-02-30');
  });
});

describe('birthdayAt', () => {
  test('when a child born 2010-06-15 turns 18, then the birthday is 2028-06-15', () => {
    expect(birthdayAt('2010-06-15', 18)).toBe('2028-06-15');
  });

  test('when a child born on 29 February turns 18 in a year without that day (2026), then the birthday is 1 March', () => {
    expect(birthdayAt('2008-02-29', 18)).toBe('2026-03-01');
  });

  test('when a child born on 29 February turns 16 in a leap year (2024), then the birthday is 29 February', () => {
    expect(birthdayAt('2008-02-29', 16)).toBe('2024-02-29');
  });

  test('when the birthday falls in a century year, then 2000 is a leap year and 2100 is not', () => {
    expect(birthdayAt('1996-02-29', 4)).toBe('2000-02-29');
    expect(birthdayAt('2000-02-29', 100)).toBe('2100-03-01');
  });

  test('when a child is born on 28 February or 1 March, then the birthday keeps its day', () => {
    expect(birthdayAt('2008-02-28', 18)).toBe('2026-02-28');
    expect(birthdayAt('2008-03-01', 18)).toBe('2026-03-01');
  });

  test('when age 0 is asked, then the birthday is the birth date', () => {
    expect(birthdayAt('2008-02-29', 0)).toBe('2008-02-29');
  });

  test('when the 29 February child reaches the birthday birthdayAt gives, then ageOn agrees: 17 on 28 February, 18 on 1 March', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', birthdayAt('2008-02-29', 18))).toBe(18);
  });
});

describe('addMonthsToDate', () => {
  test('when one month is added to 31 January in a common year, then the date is clamped to 28 February', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
  });

  test('when one month is added to 31 January in a leap year, then the date is clamped to 29 February', () => {
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
  });

  test('when three months are added to 30 November, then the date rolls into the next year and is clamped to 28 February', () => {
    expect(addMonthsToDate('2026-11-30', 3)).toBe('2027-02-28');
  });

  test('when months are added to a day that every month has, then the day is kept', () => {
    expect(addMonthsToDate('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonthsToDate('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonthsToDate('2026-01-31', 13)).toBe('2027-02-28');
    expect(addMonthsToDate('2026-05-31', 1)).toBe('2026-06-30');
  });

  test('when zero months are added, then the date is unchanged', () => {
    expect(addMonthsToDate('2026-01-31', 0)).toBe('2026-01-31');
  });

  test('when months are subtracted, then the date goes back, across the year and clamped to the month end', () => {
    expect(addMonthsToDate('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonthsToDate('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsToDate('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsToDate('2026-03-01', -6)).toBe('2025-09-01');
    expect(addMonthsToDate('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonthsToDate('2026-01-31', -14)).toBe('2024-11-30');
  });
});

describe('addMonths', () => {
  test('when months are added to an instant, then its time part is kept and its date moved as addMonthsToDate does', () => {
    expect(addMonths('2026-04-10T08:00:00.000Z', 3)).toBe('2026-07-10T08:00:00.000Z');
    expect(addMonths('2026-01-31T10:30:15.250Z', 1)).toBe('2026-02-28T10:30:15.250Z');
    expect(addMonths('2024-01-31T23:59:59.999Z', 1)).toBe('2024-02-29T23:59:59.999Z');
  });

  test('when the instant carries an offset instead of Z, then the offset is kept too', () => {
    expect(addMonths('2026-04-10T10:00:00+02:00', 3)).toBe('2026-07-10T10:00:00+02:00');
  });

  test('when months are subtracted from an instant, then the time part is kept', () => {
    expect(addMonths('2026-03-31T12:00:00.000Z', -1)).toBe('2026-02-28T12:00:00.000Z');
  });
});
