/**
 * The one check of an administrator's change to the organisation's settings: the settings screen
 * (checking as the administrator types), the server API (PATCH /api/v1/admin/organisation) and the
 * admin CLI (`org-set`) all apply a change through `applyOrganisationChange`. A refusal names the
 * field it is about and is an i18n key of the `organisation` namespace (`organisation:errors.*`), or
 * of `validation` for a registration number pattern.
 */
import type { IncidentSla, OrganisationSettings, WorkingHours } from '../model/organisation';
import { type DeadlineShiftRule, deadlineShiftRules, type Weekday, weekdays } from '../model/vocabulary';
import { workingMinutes } from './calendar/working-hours';
import { validatePattern } from './registration-number';
import { type DomainError, ok, type Result } from './result';

/** What an administrator may change; absent fields keep their value. A day off is `null`. */
export interface OrganisationChange {
  name?: string;
  timeZone?: string;
  workingHours?: Partial<Record<Weekday, WorkingHours | null>>;
  deadlineShiftRule?: DeadlineShiftRule;
  incidentSla?: Partial<IncidentSla>;
  registrationNumberPattern?: string;
  retentionYears?: number;
}

/** The organisation as its settings screen edits it. */
export interface OrganisationSetup {
  name: string;
  settings: OrganisationSettings;
}

/** Why a change is refused, and which field: `name`, `workingHours.mon`, `incidentSla.answerHours`… */
export interface SettingsRefusal extends DomainError {
  field: string;
  /** The API's code for it (`{error:{code}}`): one per kind of field. */
  apiCode: OrganisationRefusalCode;
}

const organisationRefusalCodes = [
  'invalid_change',
  'invalid_name',
  'invalid_time_zone',
  'invalid_working_hours',
  'no_working_day',
  'invalid_shift_rule',
  'invalid_incident_sla',
  'invalid_registration_pattern',
  'invalid_retention_years',
] as const;
export type OrganisationRefusalCode = (typeof organisationRefusalCodes)[number];

const nameMaxLength = 300;

/** Bounds of the incident clock (docs/DOMAIN.md practice: reaction 1–3 h, answer 8–9 h, final 7 days). */
const incidentSlaBounds: Record<keyof IncidentSla, { min: number; max: number }> = {
  firstReactionHours: { min: 1, max: 24 },
  answerHours: { min: 1, max: 72 },
  urgentAnswerHours: { min: 1, max: 24 },
  finalAnswerWorkingDays: { min: 1, max: 30 },
};
const retentionBounds = { min: 1, max: 100 } as const;

const changeFields = new Set<string>([
  'name',
  'timeZone',
  'workingHours',
  'deadlineShiftRule',
  'incidentSla',
  'registrationNumberPattern',
  'retentionYears',
]);

type Refused = { ok: false; error: SettingsRefusal };
const refuse = (
  apiCode: OrganisationRefusalCode,
  field: string,
  code: string,
  params?: Record<string, string | number>,
): Refused => ({ ok: false, error: { apiCode, field, code, ...(params ? { params } : {}) } });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An IANA zone name (`Europe/Moscow`, `UTC`) that this runtime knows. Offsets and abbreviations are not. */
function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

function checkDay(day: Weekday, hours: unknown): Result<WorkingHours | null, SettingsRefusal> {
  if (hours === null) return ok(null);
  const field = `workingHours.${day}`;
  if (!isObject(hours) || typeof hours.start !== 'string' || typeof hours.end !== 'string') {
    return refuse('invalid_working_hours', field, 'organisation:errors.hoursFormat');
  }
  if (!hhmm.test(hours.start) || !hhmm.test(hours.end)) {
    return refuse('invalid_working_hours', field, 'organisation:errors.hoursFormat');
  }
  if (hours.start >= hours.end)
    return refuse('invalid_working_hours', field, 'organisation:errors.hoursOrder');
  const value = { start: hours.start, end: hours.end };
  try {
    // The deadline engine's own check: a pre-holiday day, an hour shorter, must still have working time.
    workingMinutes(value);
  } catch {
    return refuse('invalid_working_hours', field, 'organisation:errors.hoursTooShort');
  }
  return ok(value);
}

function checkWorkingHours(
  current: OrganisationSettings['workingHours'],
  change: unknown,
): Result<OrganisationSettings['workingHours'], SettingsRefusal> {
  if (!isObject(change))
    return refuse('invalid_working_hours', 'workingHours', 'organisation:errors.hoursFormat');
  const next = { ...current };
  for (const [day, hours] of Object.entries(change)) {
    if (!(weekdays as readonly string[]).includes(day)) {
      return refuse('invalid_working_hours', 'workingHours', 'organisation:errors.unknownDay', { day });
    }
    const checked = checkDay(day as Weekday, hours);
    if (!checked.ok) return checked;
    next[day as Weekday] = checked.value;
  }
  if (weekdays.every((day) => next[day] === null)) {
    return refuse('no_working_day', 'workingHours', 'organisation:errors.noWorkingDay');
  }
  return ok(next);
}

function checkIncidentSla(current: IncidentSla, change: unknown): Result<IncidentSla, SettingsRefusal> {
  if (!isObject(change)) return refuse('invalid_incident_sla', 'incidentSla', 'organisation:errors.slaRange');
  const next = { ...current };
  for (const [name, value] of Object.entries(change)) {
    const bounds = incidentSlaBounds[name as keyof IncidentSla];
    if (!Object.hasOwn(incidentSlaBounds, name)) {
      return refuse('invalid_incident_sla', 'incidentSla', 'organisation:errors.unknownField', {
        field: name,
      });
    }
    const field = `incidentSla.${name}`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
      return refuse('invalid_incident_sla', field, 'organisation:errors.slaRange', bounds);
    }
    next[name as keyof IncidentSla] = value;
  }
  if (next.firstReactionHours > next.answerHours) {
    return refuse(
      'invalid_incident_sla',
      'incidentSla.firstReactionHours',
      'organisation:errors.reactionAfterAnswer',
    );
  }
  if (next.urgentAnswerHours > next.answerHours) {
    return refuse(
      'invalid_incident_sla',
      'incidentSla.urgentAnswerHours',
      'organisation:errors.urgentAfterAnswer',
    );
  }
  return ok(next);
}

/**
 * The organisation after `change`, or the first refusal; nothing of a refused change applies.
 * `change` is untrusted input (an API body, CLI options, a form).
 */
export function applyOrganisationChange(
  current: OrganisationSetup,
  change: unknown,
): Result<OrganisationSetup, SettingsRefusal> {
  if (!isObject(change)) return refuse('invalid_change', 'body', 'organisation:errors.notAnObject');
  const unknown = Object.keys(change).find((key) => !changeFields.has(key));
  if (unknown !== undefined) {
    return refuse('invalid_change', unknown, 'organisation:errors.unknownField', { field: unknown });
  }
  let name = current.name;
  const settings: OrganisationSettings = { ...current.settings };
  if (change.name !== undefined) {
    const trimmed = typeof change.name === 'string' ? change.name.trim() : '';
    if (!trimmed) return refuse('invalid_name', 'name', 'organisation:errors.nameRequired');
    if (trimmed.length > nameMaxLength) {
      return refuse('invalid_name', 'name', 'organisation:errors.nameTooLong', { max: nameMaxLength });
    }
    name = trimmed;
  }
  if (change.timeZone !== undefined) {
    if (!isTimeZone(change.timeZone))
      return refuse('invalid_time_zone', 'timeZone', 'organisation:errors.timeZone');
    settings.timeZone = change.timeZone;
  }
  if (change.workingHours !== undefined) {
    const hours = checkWorkingHours(settings.workingHours, change.workingHours);
    if (!hours.ok) return hours;
    settings.workingHours = hours.value;
  }
  if (change.deadlineShiftRule !== undefined) {
    const rule = change.deadlineShiftRule;
    if (typeof rule !== 'string' || !(deadlineShiftRules as readonly string[]).includes(rule)) {
      return refuse('invalid_shift_rule', 'deadlineShiftRule', 'organisation:errors.shiftRule');
    }
    settings.deadlineShiftRule = rule as DeadlineShiftRule;
  }
  if (change.incidentSla !== undefined) {
    const sla = checkIncidentSla(settings.incidentSla, change.incidentSla);
    if (!sla.ok) return sla;
    settings.incidentSla = sla.value;
  }
  if (change.registrationNumberPattern !== undefined) {
    const pattern = validatePattern(change.registrationNumberPattern);
    if (!pattern.ok) {
      return refuse(
        'invalid_registration_pattern',
        'registrationNumberPattern',
        pattern.error.code,
        pattern.error.params,
      );
    }
    settings.registrationNumberPattern = change.registrationNumberPattern as string;
  }
  if (change.retentionYears !== undefined) {
    const years = change.retentionYears;
    if (
      typeof years !== 'number' ||
      !Number.isInteger(years) ||
      years < retentionBounds.min ||
      years > retentionBounds.max
    ) {
      return refuse(
        'invalid_retention_years',
        'retentionYears',
        'organisation:errors.retentionRange',
        retentionBounds,
      );
    }
    settings.retentionYears = years;
  }
  return ok({ name, settings });
}

/** A weekday's hours as the audit and the journal show them: `09:00–18:00`, or `off` for a day off. */
const dayOff = 'off';
const hoursText = (hours: WorkingHours | null | undefined) =>
  hours ? `${hours.start}–${hours.end}` : dayOff;

/**
 * What a change did, field by field, old → new, as audited: `name`, `timeZone`, `workingHours.mon`…,
 * `deadlineShiftRule`, `incidentSla.answerHours`…, `registrationNumberPattern`, `retentionYears`.
 */
export function organisationChanges(
  before: OrganisationSetup,
  after: OrganisationSetup,
): Record<string, { old: unknown; new: unknown }> {
  const fields: Record<string, { old: unknown; new: unknown }> = {};
  const note = (field: string, old: unknown, next: unknown) => {
    if (old !== next) fields[field] = { old, new: next };
  };
  note('name', before.name, after.name);
  const [a, b] = [before.settings, after.settings];
  note('timeZone', a.timeZone, b.timeZone);
  for (const day of weekdays) {
    note(`workingHours.${day}`, hoursText(a.workingHours[day]), hoursText(b.workingHours[day]));
  }
  note('deadlineShiftRule', a.deadlineShiftRule, b.deadlineShiftRule);
  for (const name of Object.keys(incidentSlaBounds) as (keyof IncidentSla)[]) {
    note(`incidentSla.${name}`, a.incidentSla[name], b.incidentSla[name]);
  }
  note('registrationNumberPattern', a.registrationNumberPattern, b.registrationNumberPattern);
  note('retentionYears', a.retentionYears, b.retentionYears);
  return fields;
}
