import type { OrgDeadlineSettings } from '../../../../shared/domain/deadlines';

export const moscowNext: OrgDeadlineSettings = { timeZone: 'Europe/Moscow', shiftRule: 'next' };
export const moscowPrevious: OrgDeadlineSettings = { timeZone: 'Europe/Moscow', shiftRule: 'previous' };
export const vladivostok: OrgDeadlineSettings = { timeZone: 'Asia/Vladivostok', shiftRule: 'next' };

/** The zones of Russia from UTC+2 to UTC+12. */
export const russianZones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
] as const;
