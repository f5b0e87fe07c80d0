/** Calendar arithmetic in workflows/case/dates.ts: pure, no Temporal, no database. */
import { addDays, addDaysToDate, ageOn, isValidDate, osloDateOf } from '../../workflows/case/dates';

describe('osloDateOf', () => {
  test('when an instant is at midday UTC, then the Oslo date is the same calendar date', () => {
    expect(osloDateOf('2026-01-10T12:00:00.000Z')).toBe('2026-01-10');
  });

  test('when an instant is 23:30 UTC in winter (Oslo is UTC+1), then the Oslo date is the next day', () => {
    expect(osloDateOf('2026-01-09T23:30:00.000Z')).toBe('2026-01-10');
  });

  test('when an instant is 22:59:59 UTC in winter, then it is still the same day in Oslo (23:59:59 local)', () => {
    expect(osloDateOf('2026-01-09T22:59:59.000Z')).toBe('2026-01-09');
  });

  test('when an instant is exactly 23:00 UTC in winter, then it is midnight of the next day in Oslo', () => {
    expect(osloDateOf('2026-01-09T23:00:00.000Z')).toBe('2026-01-10');
  });

  test('when an instant is 22:30 UTC in summer (Oslo is UTC+2), then the Oslo date is the next day', () => {
    expect(osloDateOf('2026-07-09T22:30:00.000Z')).toBe('2026-07-10');
  });

  test('when an instant is 21:59:59 UTC in summer, then it is still the same day in Oslo (23:59:59 local)', () => {
    expect(osloDateOf('2026-07-09T21:59:59.000Z')).toBe('2026-07-09');
  });

  test('when 31 December 23:30 UTC is given, then the Oslo date is 1 January of the next year', () => {
    expect(osloDateOf('2025-12-31T23:30:00.000Z')).toBe('2026-01-01');
  });

  test('when a Date object is given instead of a string, then the Oslo date is the same as for its ISO string', () => {
    expect(osloDateOf(new Date('2026-07-09T22:30:00.000Z'))).toBe('2026-07-10');
  });
});

describe('addDays', () => {
  test('when 14 days are added to an instant, then the instant is exactly 14 × 24 hours later, as ISO UTC', () => {
    expect(addDays('2026-01-10T10:00:00.000Z', 14)).toBe('2026-01-24T10:00:00.000Z');
  });

  test('when 0 days are added, then the same instant comes back normalised to ISO with milliseconds', () => {
    expect(addDays('2026-01-10T10:00:00Z', 0)).toBe('2026-01-10T10:00:00.000Z');
  });

  test('when a negative number of days is added, then the instant moves back', () => {
    expect(addDays('2026-03-01T00:00:00.000Z', -1)).toBe('2026-02-28T00:00:00.000Z');
  });

  test('when days are added across the spring DST change in Oslo, then the UTC time of day is kept (24-hour days)', () => {
    expect(addDays('2026-03-20T10:00:00.000Z', 14)).toBe('2026-04-03T10:00:00.000Z');
  });

  test('when days are added across a year end, then the year rolls over', () => {
    expect(addDays('2025-12-25T08:30:00.000Z', 10)).toBe('2026-01-04T08:30:00.000Z');
  });
});

describe('addDaysToDate', () => {
  test('when 1 day is added to 31 January, then it is 1 February', () => {
    expect(addDaysToDate('2026-01-31', 1)).toBe('2026-02-01');
  });

  test('when 28 days are added to 1 February in a common year, then it is 1 March', () => {
    expect(addDaysToDate('2026-02-01', 28)).toBe('2026-03-01');
  });

  test('when 28 days are added to 1 February in a leap year, then it is 29 February', () => {
    expect(addDaysToDate('2024-02-01', 28)).toBe('2024-02-29');
  });

  test('when 1 day is added to 28 February in a leap year, then it is 29 February', () => {
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
  });

  test('when 1 day is added to 28 February in a common year, then it is 1 March', () => {
    expect(addDaysToDate('2023-02-28', 1)).toBe('2023-03-01');
  });

  test('when 1 day is added to 28 February 2000 (a leap century), then it is 29 February', () => {
    expect(addDaysToDate('2000-02-28', 1)).toBe('2000-02-29');
  });

  test('when 1 day is added to 28 February 1900 (not a leap year), then it is 1 March', () => {
    expect(addDaysToDate('1900-02-28', 1)).toBe('1900-03-01');
  });

  test('when 1 day is added to 31 December, then it is 1 January of the next year', () => {
    expect(addDaysToDate('2025-12-31', 1)).toBe('2026-01-01');
  });

  test('when 28 days are added to 20 December, then it is 17 January of the next year', () => {
    expect(addDaysToDate('2025-12-20', 28)).toBe('2026-01-17');
  });

  test('when a negative number of days is added to 1 March in a leap year, then it is 29 February', () => {
    expect(addDaysToDate('2024-03-01', -1)).toBe('2024-02-29');
  });

  test('when 0 days are added, then the same date comes back', () => {
    expect(addDaysToDate('2026-06-15', 0)).toBe('2026-06-15');
  });

  test('when 366 days are added across a leap year, then the same day of the next year comes back', () => {
    expect(addDaysToDate('2024-01-01', 366)).toBe('2025-01-01');
  });
});

describe('ageOn', () => {
  test('when the birthday is today, then the new age counts', () => {
    expect(ageOn('2010-05-20', '2026-05-20')).toBe(16);
  });

  test('when it is the day before the birthday, then the child is still the younger age', () => {
    expect(ageOn('2010-05-20', '2026-05-19')).toBe(15);
  });

  test('when the birthday was yesterday, then the new age counts', () => {
    expect(ageOn('2010-05-20', '2026-05-21')).toBe(16);
  });

  test('when the birth month is later in the year, then the birthday has not come yet', () => {
    expect(ageOn('2010-11-01', '2026-05-20')).toBe(15);
  });

  test('when the date is the birth date itself, then the age is 0', () => {
    expect(ageOn('2026-01-10', '2026-01-10')).toBe(0);
  });

  test('when a child born 29 February 2008 is counted on 28 February 2026 (common year), then the child is still 17', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  test('when a child born 29 February 2008 is counted on 1 March 2026 (common year), then the child is 18 — the birthday is taken as 1 March', () => {
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  test('when a child born 29 February 2008 is counted on 29 February 2028 (leap year), then the child is 20 that day', () => {
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  test('when a child born 29 February 2008 is counted on 28 February 2028 (leap year), then the child is still 19', () => {
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
  });
});

describe('isValidDate', () => {
  test('when 29 February is given in a common year (2023), then it is not valid', () => {
    expect(isValidDate('2023-02-29')).toBe(false);
  });

  test('when 29 February is given in a leap year (2024), then it is valid', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
  });

  test('when 29 February 1900 is given (century, not leap), then it is not valid', () => {
    expect(isValidDate('1900-02-29')).toBe(false);
  });

  test('when 29 February 2000 is given (leap century), then it is valid', () => {
    expect(isValidDate('2000-02-29')).toBe(true);
  });

  test('when 31 April is given, then it is not valid', () => {
    expect(isValidDate('2026-04-31')).toBe(false);
  });

  test('when month 13 or month 00 is given, then it is not valid', () => {
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-00-10')).toBe(false);
  });

  test('when day 00 is given, then it is not valid', () => {
    expect(isValidDate('2026-01-00')).toBe(false);
  });

  test('when the date is not zero-padded YYYY-MM-DD, then it is not valid', () => {
    expect(isValidDate('2026-1-05')).toBe(false);
    expect(isValidDate('05.01.2026')).toBe(false);
    expect(isValidDate('2026-01-05T00:00:00Z')).toBe(false);
    expect(isValidDate('')).toBe(false);
  });

  test('when an ordinary date is given, then it is valid', () => {
    expect(isValidDate('2026-12-31')).toBe(true);
  });
});
