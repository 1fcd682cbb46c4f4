/**
 * The calendar used for a year with no official production calendar: Saturdays and Sundays plus the
 * fixed non-working holidays of Labour Code art. 112 part 1. The government's yearly transfers, and
 * the automatic move of a holiday that falls on a weekend (art. 112 part 2), cannot be known in
 * advance, so they are not guessed: a deadline computed on this calendar carries the warning
 * `deadlines:warnings.calendarMissing` and should be checked by a person.
 */
export const fixedHolidays: readonly string[] = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

const fixedHolidaySet = new Set(fixedHolidays);

export function isFixedHoliday(month: number, day: number): boolean {
  return fixedHolidaySet.has(`${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`);
}
