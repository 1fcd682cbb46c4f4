import type { WorkingHours } from '../domain/calendar/working-hours';
import type { CalendarYear, OrgDeadlineSettings } from '../domain/deadlines';
import { defaultRegistrationPattern } from '../domain/registration-number';
import type { EpochMs } from './primitives';
import { type DeadlineShiftRule, type Weekday, weekdays } from './vocabulary';

/** Working time of one weekday in the organisation's time zone, `HH:MM`–`HH:MM` (the deadline engine's type). */
export type { WorkingHours };

/** Incident clock (practice, docs/DOMAIN.md): configurable per organisation. */
export interface IncidentSla {
  /** First reaction, working hours (practice: 1–3). */
  firstReactionHours: number;
  /** Answer, working hours (practice: 8–9). */
  answerHours: number;
  /** Answer to an urgent incident, working hours (practice: 4). */
  urgentAnswerHours: number;
  /** Final answer after an interim one, working days (practice: up to 7). */
  finalAnswerWorkingDays: number;
}

export interface OrganisationSettings {
  /** IANA time zone, e.g. `Europe/Moscow`, `Asia/Yekaterinburg`. */
  timeZone: string;
  /** Template of formal registration numbers; its syntax belongs to shared/domain/registration-number.ts. */
  registrationNumberPattern: string;
  /** A deadline on a non-working day moves to the next or the previous working day. */
  deadlineShiftRule: DeadlineShiftRule;
  /** Per weekday; null is a day off. Holidays come from the production calendar. */
  workingHours: Record<Weekday, WorkingHours | null>;
  incidentSla: IncidentSla;
  /** Portal category code → term in working days, over the defaults (shared/domain/deadlines.ts). */
  portalTermDays: Record<string, number>;
  /** Years an appeal file is kept before destruction (practice: 5). */
  retentionYears: number;
  /**
   * Official production calendars the organisation's administrator loaded (server/src/calendars),
   * by year; each overrides the calendar shipped for its year. On the server they live in
   * `organisation_calendars` and are merged into the settings the engine and replication see.
   */
  calendarYears: CalendarYear[];
}

export interface Organisation {
  id: string;
  name: string;
  settings: OrganisationSettings;
  updatedAt: EpochMs;
}

const weekday: WorkingHours = { start: '09:00', end: '18:00' };

/**
 * Settings of a new organisation: Moscow time, legal deadline moved to the next working day,
 * a five-day week, the incident clock of common practice, default portal terms, five-year retention.
 * and registration numbers like `ОГ-2026-000123` (the pattern syntax is registration-number.ts's).
 */
export const defaultOrganisationSettings: OrganisationSettings = {
  timeZone: 'Europe/Moscow',
  registrationNumberPattern: defaultRegistrationPattern,
  deadlineShiftRule: 'next',
  workingHours: {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: null,
    sun: null,
  },
  incidentSla: { firstReactionHours: 2, answerHours: 8, urgentAnswerHours: 4, finalAnswerWorkingDays: 7 },
  portalTermDays: {},
  retentionYears: 5,
  calendarYears: [],
};

/**
 * The years an organisation keeps personal data (its retention job deletes by them, its bot's consent
 * text states them): `retentionYears` when it is a whole number the schema allows (1–100), the
 * default otherwise (settings stored before a value was validated).
 */
export function retentionYearsOf(settings: unknown): number {
  const years = (settings as { retentionYears?: unknown } | null)?.retentionYears;
  return typeof years === 'number' && Number.isInteger(years) && years >= 1 && years <= 100
    ? years
    : defaultOrganisationSettings.retentionYears;
}

/**
 * The deadline engine's view of an organisation's settings. The engine knows one set of office hours
 * for every working day (which days work comes from the production calendar), so it gets the hours of
 * the first working weekday.
 */
export function deadlineSettingsOf(settings: OrganisationSettings): OrgDeadlineSettings {
  const hours = weekdays.map((day) => settings.workingHours[day]).find((day) => day !== null);
  return {
    timeZone: settings.timeZone,
    shiftRule: settings.deadlineShiftRule,
    ...(hours ? { workingHours: hours } : {}),
    portalTermDays: settings.portalTermDays,
    incidentSlaHours: settings.incidentSla.answerHours,
    urgentIncidentSlaHours: settings.incidentSla.urgentAnswerHours,
    // Only loaded years: without them the engine keeps its shared, already warmed-up calendar.
    ...(settings.calendarYears?.length ? { calendarYears: settings.calendarYears } : {}),
  };
}
