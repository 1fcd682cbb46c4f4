import type ru from '../ru/deadlines';
import type { Translation } from '../types';

// Namespace "deadlines" (English): must have exactly the keys of the Russian file.
export default {
  warnings: {
    calendarMissing:
      'No production calendar for {{year}}: only weekends and the Labour Code art. 112 holidays were used, without transfers. Check the deadline.',
    registrationAssumed:
      'The appeal is not registered yet: the term is counted from the last lawful registration day.',
    registeredLate: 'The appeal was registered after its registration deadline ({{registrationDue}}).',
    portalCategoryDefault:
      'No term is set for the category “{{category}}”: the default of {{days}} working days was used.',
  },
  errors: {
    invalidInput: 'Not enough data to compute the deadline.',
    invalidDate: 'Field “{{field}}”: not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm±hh:mm).',
    dateOutOfRange: 'Field “{{field}}”: the date is outside the supported range ({{first}}–{{last}}).',
    unknownTimeZone: 'Unknown organisation time zone: {{timeZone}}.',
    unknownRegime: 'Unknown appeal regime: {{regime}}.',
    invalidShiftRule: 'The control-date shift rule must be “next” or “previous”.',
    invalidWorkingHours: 'Invalid working hours: use hh:mm, and a working day longer than one hour.',
    invalidSetting: 'Invalid organisation deadline setting: {{setting}}.',
    invalidCalendar: 'The organisation’s production calendar is malformed or has no working days.',
    extensionOutOfRange:
      'An extension is a whole number of days from 0 to {{max}} (given: {{extensionDays}}).',
    unknownSpecial: 'Unknown special case for the term.',
    notApplicable: 'Field “{{field}}” does not apply to the regime “{{regime}}”.',
    registeredBeforeReceived: 'The registration date is before the date the appeal was received.',
    calendarMalformed: 'The file does not look like a production calendar in the xmlcalendar format.',
    calendarTooLarge: 'The calendar file is too large (at most {{maxBytes}} bytes).',
    calendarUnsafe: 'The calendar file contains an XML DTD or entities and cannot be loaded.',
    calendarYear: 'The calendar does not name a supported year (given: {{year}}).',
    calendarDay: 'Calendar for {{year}}: invalid entry for day {{day}}.',
    calendarDuplicateDay: 'Calendar for {{year}}: day {{day}} is listed twice.',
    calendarFewWorkingDays:
      'Calendar for {{year}}: only {{workingDays}} working days (a production calendar has at least {{min}}).',
  },
} satisfies Translation<typeof ru>;
