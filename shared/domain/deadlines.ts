/**
 * The deadline engine: when an appeal must be registered and answered, in each of the three regimes
 * of docs/DOMAIN.md ("Three regimes, three clocks"). Pure: the same input gives the same dates on the
 * server (which owns deadlines) and on an offline desktop (which shows them before the next sync).
 *
 * Every computation happens on the organisation's wall calendar in its IANA time zone — Russia spans
 * UTC+2 to UTC+12, so "received on Friday evening" depends on where the office is, not on the server.
 *
 * Errors: `computeDeadlines` throws only `DeadlineInputError` (code = an i18n key in
 * `deadlines:errors.*`) for input it cannot use; `tryComputeDeadlines` returns the same as a Result.
 * Warnings — a computed deadline that a person should double-check — are i18n keys in
 * `deadlines:warnings.*`, with their parameters in `warningDetails` (same order).
 */

import { type Regime, regimes } from '../model/vocabulary';
import {
  type CalendarYear,
  calendarFor,
  DeadlineInputError,
  type WorkingCalendar,
  type WorkingHours,
} from './calendar';
import { formatIsoDate, pad2 } from './calendar/civil';
import { readMoment } from './calendar/iso';
import { addWorkingDays, addWorkingTime, nearestWorkingDay } from './calendar/terms';
import { formatOffset, type Zone, zoneNamed } from './calendar/time-zone';
import { workingMinutes } from './calendar/working-hours';
import { type DomainError, fail, ok, type Result } from './result';

export {
  type CalendarYear,
  type DeadlineErrorCode,
  DeadlineInputError,
  deadlineErrorCodes,
  isWorkingDay,
  type WorkingHours,
  workingHoursOf,
} from './calendar';

export { type Regime, regimes };

/**
 * Where a deadline that falls on a non-working day goes. The legal deadline always moves to the next
 * working day (legal commentary, by analogy with Civil Code art. 193); the organisation's internal
 * control date follows this rule — many records-management instructions demand the previous one.
 */
export const shiftRules = ['next', 'previous'] as const;
export type ShiftRule = (typeof shiftRules)[number];

/** 59-FZ art. 12 part 1.1: reports of migration-law violations addressed to a governor. */
const specialCases = ['migration-governor'] as const;
export type SpecialCase = (typeof specialCases)[number];

export interface OrgDeadlineSettings {
  /** IANA zone of the organisation, e.g. `Asia/Vladivostok`. */
  timeZone: string;
  shiftRule: ShiftRule;
  /** Office hours on a full working day; default 09:00–18:00. */
  workingHours?: WorkingHours;
  /** Official calendars the organisation loaded (`parseXmlCalendar`); they override the shipped ones. */
  calendarYears?: readonly CalendarYear[];
  /** Portal category → term in working days, over `defaultPortalTermDays`. */
  portalTermDays?: Readonly<Record<string, number>>;
  /** Incident answer term in working hours; default 8. */
  incidentSlaHours?: number;
  /** Incident answer term for urgent incidents in working hours; default 4. */
  urgentIncidentSlaHours?: number;
}

export interface DeadlineInput {
  regime: Regime;
  /** ISO date or date-time; without an offset it is read as the organisation's wall clock. */
  receivedAt: string;
  /** Formal appeals: when it was registered (ISO). */
  registeredAt?: string;
  /** Portal messages: the portal category that sets the term. */
  category?: string;
  /** Formal appeals: extension of the term by the head of the body, 0–30 days. */
  extensionDays?: number;
  special?: SpecialCase;
  /** Incidents: urgent ones get the shorter term. */
  urgent?: boolean;
  org: OrgDeadlineSettings;
}

export interface Deadlines {
  /** Formal appeals only: the last day to register (59-FZ art. 8 part 2). */
  registrationDue?: string;
  /** `YYYY-MM-DD` for the day regimes; an ISO date-time with the organisation's offset for incidents. */
  legalDeadline: string;
  /** The organisation's internal due date (see `ShiftRule`); same format as `legalDeadline`. */
  controlDate: string;
  /** i18n keys, e.g. `deadlines:warnings.calendarMissing`. */
  warnings: string[];
  /** The warnings again with their parameters, in the same order. */
  warningDetails: DomainError[];
}

/** 59-FZ art. 8 part 2: registration within 3 days of receipt. */
const registrationDays = 3;
/** 59-FZ art. 12 part 1: 30 days from registration. */
const formalTermDays = 30;
/** 59-FZ art. 12 part 1.1: 20 days for migration-law reports to a governor. */
const migrationGovernorTermDays = 20;
/** 59-FZ art. 12 part 2: one extension by up to 30 days (60 days at most in all). */
export const maxExtensionDays = 30;
/** docs/DOMAIN.md: portal terms are set per category, commonly up to 10 working days. */
export const defaultPortalTermDays = 10;
/**
 * A starting table for portal categories (the portal and ЦУР practice list). Regional regulations
 * differ, so every organisation can override it with `org.portalTermDays`; the values here are the
 * common 10 days and deliberately do not guess shorter regional terms.
 */
export const defaultPortalCategoryDays: Readonly<Record<string, number>> = {
  roads: 10,
  courtyards: 10,
  waste: 10,
  lighting: 10,
  'public-transport': 10,
  utilities: 10,
  healthcare: 10,
  education: 10,
  'social-support': 10,
};
/** docs/DOMAIN.md (practice): an incident is answered within 8–9 working hours, 4 when urgent. */
const defaultIncidentSlaHours = 8;
const defaultUrgentIncidentSlaHours = 4;
/** A sanity bound on configured incident terms (a quarter of a working year). */
const maxIncidentSlaHours = 500;

/** The dates of `Deadlines` without its warnings. */
type DeadlineDates = Omit<Deadlines, 'warnings' | 'warningDetails'>;

interface Context {
  zone: Zone;
  calendar: WorkingCalendar;
  shiftRule: ShiftRule;
  notes: Notes;
}

class Notes {
  readonly warnings: string[] = [];
  readonly warningDetails: DomainError[] = [];

  add(code: string, params?: Record<string, string | number>): void {
    if (this.warningDetails.some((w) => w.code === code && w.params?.year === params?.year)) return;
    this.warnings.push(code);
    this.warningDetails.push(params ? { code, params } : { code });
  }

  /** The art. 112 fallback was used for a day in this range: say so for each year. */
  checkCalendar(calendar: WorkingCalendar, fromDay: number, toDay: number): void {
    for (const year of calendar.missingYears(fromDay, toDay)) {
      this.add('deadlines:warnings.calendarMissing', { year });
    }
  }
}

/**
 * Computes the deadlines of one appeal. Throws `DeadlineInputError` for unusable input: a bad ISO date,
 * an unknown time zone or regime, an extension outside 0–30 days, registration before receipt, an
 * invalid organisation setting, or a formal-only field (extension, special case) on another regime.
 */
export function computeDeadlines(input: DeadlineInput): Deadlines {
  if (typeof input !== 'object' || input === null) {
    throw new DeadlineInputError('deadlines:errors.invalidInput');
  }
  if (!regimes.includes(input.regime)) {
    throw new DeadlineInputError('deadlines:errors.unknownRegime', {
      regime: String(input.regime).slice(0, 40),
    });
  }
  // An extension and the special terms are acts under 59-FZ: on another regime they are a mistake
  // upstream, refused rather than silently ignored.
  if (input.regime !== 'formal') {
    if (input.extensionDays != null) notApplicable('extensionDays', input.regime);
    if (input.special != null) notApplicable('special', input.regime);
  }
  const context = readOrg(input.org);
  const dates =
    input.regime === 'formal'
      ? formalDeadlines(input, context)
      : input.regime === 'portal'
        ? portalDeadlines(input, context)
        : incidentDeadlines(input, context);
  return { ...dates, warnings: context.notes.warnings, warningDetails: context.notes.warningDetails };
}

/** `computeDeadlines` for the edges, where errors are values: never throws for bad input. */
export function tryComputeDeadlines(input: unknown): Result<Deadlines> {
  try {
    return ok(computeDeadlines(input as DeadlineInput));
  } catch (error) {
    if (error instanceof DeadlineInputError) return fail(error.code, error.params);
    throw error;
  }
}

function readOrg(org: OrgDeadlineSettings | undefined): Context {
  if (typeof org !== 'object' || org === null) throw new DeadlineInputError('deadlines:errors.invalidInput');
  if (!shiftRules.includes(org.shiftRule)) throw new DeadlineInputError('deadlines:errors.invalidShiftRule');
  return {
    zone: zoneNamed(org.timeZone),
    calendar: calendarFor(org.calendarYears),
    shiftRule: org.shiftRule,
    notes: new Notes(),
  };
}

function notApplicable(field: string, regime: Regime): never {
  throw new DeadlineInputError('deadlines:errors.notApplicable', { field, regime });
}

// ── formal appeals (59-FZ): calendar days ─────────────────────────────────────────────────────────

function formalDeadlines(input: DeadlineInput, context: Context): DeadlineDates {
  const received = readMoment(input.receivedAt, 'receivedAt', context.zone);
  // Registration is the body's own act within 3 calendar days; this target is not moved off
  // weekends, so it is never later than the law allows under either reading.
  const registrationDue = received.day + registrationDays;
  let registeredDay = registrationDue;
  if (input.registeredAt == null) {
    // The term runs from registration; until there is one, assume the latest lawful date.
    context.notes.add('deadlines:warnings.registrationAssumed');
  } else {
    const registered = readMoment(input.registeredAt, 'registeredAt', context.zone);
    const before =
      registered.utcMs !== undefined && received.utcMs !== undefined
        ? registered.utcMs < received.utcMs
        : registered.day < received.day;
    if (before) throw new DeadlineInputError('deadlines:errors.registeredBeforeReceived');
    if (registered.day > registrationDue) {
      context.notes.add('deadlines:warnings.registeredLate', {
        registrationDue: formatIsoDate(registrationDue),
      });
    }
    registeredDay = registered.day;
  }
  if (input.special != null && !specialCases.includes(input.special)) {
    throw new DeadlineInputError('deadlines:errors.unknownSpecial');
  }
  const termDays = input.special === 'migration-governor' ? migrationGovernorTermDays : formalTermDays;
  // The term starts the day after registration, so day N of the term is registration + N. An
  // extension lengthens the term itself (its nominal end), which keeps the 60-day maximum exact.
  const nominal = registeredDay + termDays + readExtension(input.extensionDays);
  return { registrationDue: formatIsoDate(registrationDue), ...settle(nominal, registeredDay, context) };
}

function readExtension(value: unknown): number {
  if (value == null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxExtensionDays) {
    throw new DeadlineInputError('deadlines:errors.extensionOutOfRange', {
      extensionDays: String(value).slice(0, 20),
      max: maxExtensionDays,
    });
  }
  return value;
}

/**
 * Legal deadline and control date of a calendar-day term ending on `nominal`. The legal deadline
 * moves forward off non-working days; under 'previous' the control date is the last working day on
 * or before the nominal date — so never after the legal deadline — unless that would fall before the
 * term began (a short clock over long holidays), in which case the legal deadline is the control too.
 */
function settle(
  nominal: number,
  startDay: number,
  context: Context,
): { legalDeadline: string; controlDate: string } {
  const legal = nearestWorkingDay(nominal, context.calendar, 1);
  let control = legal;
  if (context.shiftRule === 'previous') {
    const previous = nearestWorkingDay(nominal, context.calendar, -1);
    if (previous >= startDay) control = previous;
  }
  context.notes.checkCalendar(context.calendar, control, legal);
  return { legalDeadline: formatIsoDate(legal), controlDate: formatIsoDate(control) };
}

/** 59-FZ clocks other than the answer term, in calendar days from their start. */
const formalClockDays = {
  /** Art. 8 part 3: forwarding to the competent body, with notice to the applicant. */
  forwardToCompetentBody: 7,
  /** Art. 11: returning an appeal that challenges a court decision, or telling the sender why no answer follows. */
  art11Notice: 7,
  /** Art. 8 part 3.1: a migration-law report goes to the МВД body and the governor. */
  migrationForwarding: 5,
  /** Art. 10 part 2: another body answers a request for documents, counted from its receipt there. */
  documentsRequest: 15,
} as const;
export type FormalClockKind = keyof typeof formalClockDays;

export interface FormalClock {
  legalDeadline: string;
  controlDate: string;
  warnings: string[];
  warningDetails: DomainError[];
}

/** One formal clock of `kind`, started at `from` (ISO), with the same shift rules as the answer term. */
export function formalClock(kind: FormalClockKind, from: string, org: OrgDeadlineSettings): FormalClock {
  if (!Object.hasOwn(formalClockDays, kind)) throw new DeadlineInputError('deadlines:errors.invalidInput');
  const days = formalClockDays[kind];
  const context = readOrg(org);
  const start = readMoment(from, 'from', context.zone).day;
  const settled = settle(start + days, start, context);
  return { ...settled, warnings: context.notes.warnings, warningDetails: context.notes.warningDetails };
}

/** The clocks that start at registration: forwarding, art. 11 notices and migration-law forwarding. */
export function formalClocks(
  registeredAt: string,
  org: OrgDeadlineSettings,
): Record<Exclude<FormalClockKind, 'documentsRequest'>, FormalClock> {
  return {
    forwardToCompetentBody: formalClock('forwardToCompetentBody', registeredAt, org),
    art11Notice: formalClock('art11Notice', registeredAt, org),
    migrationForwarding: formalClock('migrationForwarding', registeredAt, org),
  };
}

// ── portal messages: working days by category ─────────────────────────────────────────────────────

function portalDeadlines(input: DeadlineInput, context: Context): DeadlineDates {
  const received = readMoment(input.receivedAt, 'receivedAt', context.zone);
  const days = portalTermDays(input.category, input.org.portalTermDays, context.notes);
  // Counting starts on the next working day after the day of receipt, whatever the hour of receipt.
  const legal = addWorkingDays(received.day, days, context.calendar);
  context.notes.checkCalendar(context.calendar, received.day + 1, legal);
  // The result is a working day by construction, so both shift rules agree on it.
  const date = formatIsoDate(legal);
  return { legalDeadline: date, controlDate: date };
}

function portalTermDays(category: unknown, table: unknown, notes: Notes): number {
  if (category != null && (typeof category !== 'string' || category.length > 200)) {
    throw new DeadlineInputError('deadlines:errors.invalidInput', { field: 'category' });
  }
  if (table != null && typeof table !== 'object') {
    throw new DeadlineInputError('deadlines:errors.invalidSetting', { setting: 'portalTermDays' });
  }
  const own = category != null && table != null && Object.hasOwn(table, category);
  const days = own
    ? (table as Record<string, unknown>)[category as string]
    : category != null && Object.hasOwn(defaultPortalCategoryDays, category)
      ? defaultPortalCategoryDays[category as string]
      : undefined;
  if (days === undefined) {
    // Unknown or missing category: the common term, flagged so the category table gets fixed.
    notes.add('deadlines:warnings.portalCategoryDefault', {
      category: String(category ?? '').slice(0, 200),
      days: defaultPortalTermDays,
    });
    return defaultPortalTermDays;
  }
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
    throw new DeadlineInputError('deadlines:errors.invalidSetting', { setting: 'portalTermDays' });
  }
  return days;
}

// ── incidents: working hours ──────────────────────────────────────────────────────────────────────

function incidentDeadlines(input: DeadlineInput, context: Context): DeadlineDates {
  const received = readMoment(input.receivedAt, 'receivedAt', context.zone);
  const hours = workingMinutes(input.org.workingHours);
  const sla =
    input.urgent === true
      ? slaHours(input.org, 'urgentIncidentSlaHours')
      : slaHours(input.org, 'incidentSlaHours');
  const dueLocal = addWorkingTime(received.localMs, sla * 3_600_000, context.calendar, hours);
  context.notes.checkCalendar(context.calendar, received.day, Math.floor(dueLocal / 86_400_000));
  // An incident has no legal term to shift: the working-hours deadline is the control time too.
  const due = formatDateTime(dueLocal, context.zone);
  return { legalDeadline: due, controlDate: due };
}

function slaHours(org: OrgDeadlineSettings, setting: 'incidentSlaHours' | 'urgentIncidentSlaHours'): number {
  const value = org[setting];
  if (value == null)
    return setting === 'incidentSlaHours' ? defaultIncidentSlaHours : defaultUrgentIncidentSlaHours;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > maxIncidentSlaHours) {
    throw new DeadlineInputError('deadlines:errors.invalidSetting', { setting });
  }
  return value;
}

/** `2026-05-11T16:30:00+10:00` for a wall-clock moment in `zone` (milliseconds only when present). */
function formatDateTime(localMs: number, zone: Zone): string {
  const utc = zone.toUtc(localMs);
  const offset = zone.offsetAt(utc);
  const local = utc + offset * 60_000;
  const days = Math.floor(local / 86_400_000);
  const msOfDay = local - days * 86_400_000;
  const ms = msOfDay % 1000;
  const seconds = Math.floor(msOfDay / 1000);
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${formatIsoDate(days)}T${time}${fraction}${formatOffset(offset)}`;
}
