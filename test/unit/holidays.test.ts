/** The Norwegian holiday calendar of workflows/case/holidays.ts against the maintained calendar of date-holidays. */
import Holidays from 'date-holidays';
import { easterSunday, nextWorkingDayFrom, norwegianHolidays } from '../../workflows/case/holidays';

const maintained = new Holidays('NO');

describe('norwegian holidays', () => {
  test('when the years 2020–2060 are computed, then the public holidays are exactly those of date-holidays', () => {
    for (let year = 2020; year <= 2060; year++) {
      const theirs = maintained
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10));
      expect({ year, days: norwegianHolidays(year) }).toEqual({ year, days: [...new Set(theirs)].sort() });
    }
  });

  test('when Easter is computed, then it falls on known dates', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  test('when a deadline ends on Christmas Day 2026 (a Friday), then it runs over 26 December and the weekend to Monday 28 December', () => {
    expect(nextWorkingDayFrom('2026-12-25')).toBe('2026-12-28');
    expect(nextWorkingDayFrom('2026-12-24')).toBe('2026-12-24');
    expect(nextWorkingDayFrom('2026-04-02')).toBe('2026-04-07');
  });
});
