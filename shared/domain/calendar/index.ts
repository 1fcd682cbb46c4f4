// The working-day calendar behind the deadline engine (shared/domain/deadlines.ts).

export { isWorkingDay, workingHoursOf } from './days';
export { type DeadlineErrorCode, DeadlineInputError, deadlineErrorCodes } from './errors';
export { fixedHolidays } from './fallback';
export { calendarFor, checkCalendarYear, minWorkingDaysPerYear } from './org-calendar';
export { ruCalendars } from './ru-calendars.generated';
export type { CalendarYear, DayKind } from './types';
export { russianCalendar, WorkingCalendar } from './working-calendar';
export type { WorkingHours } from './working-hours';
export { parseXmlCalendar } from './xml';
