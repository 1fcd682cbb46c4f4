import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { supportedYears } from '../domain/calendar/civil';
import type { Organisation } from '../model/organisation';
import type { Department, UserProfile } from '../model/staff';
import { deadlineShiftRules, roles, weekdays } from '../model/vocabulary';
import { type DepartmentV0, departmentSchemaV0 } from './departments-v0';
import {
  arrayField,
  enumField,
  epochMsField,
  idField,
  nullableObjectField,
  objectField,
  textField,
} from './fields';
import type { OrganisationV0 } from './organisation-v0';

const timeOfDay = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 } as const;
const hours = (maximum: number) => ({ type: 'integer', minimum: 1, maximum }) as const;
const monthDay = { type: 'string', pattern: '^\\d{2}-\\d{2}$', maxLength: 5 } as const;
const monthDays = arrayField(monthDay, 366);

/** One year of a production calendar (shared/domain/calendar/types.ts CalendarYear). */
const calendarYearField = objectField(
  {
    year: { type: 'integer', minimum: supportedYears.first, maximum: supportedYears.last },
    edition: { type: 'string', pattern: '^\\d{4}\\.\\d{2}\\.\\d{2}$', maxLength: 10 },
    dayOffs: monthDays,
    shortened: monthDays,
    workingWeekends: monthDays,
    transfers: {
      type: 'object',
      patternProperties: { '^\\d{2}-\\d{2}$': monthDay },
      additionalProperties: false,
      maxProperties: 366,
    },
  },
  ['edition'],
);

const organisationProperties = {
  id: idField,
  name: textField(500),
  settings: objectField({
    timeZone: textField(64),
    registrationNumberPattern: textField(100),
    deadlineShiftRule: enumField(deadlineShiftRules),
    workingHours: objectField(
      Object.fromEntries(
        weekdays.map((day) => [day, nullableObjectField({ start: timeOfDay, end: timeOfDay })]),
      ),
    ),
    incidentSla: objectField({
      firstReactionHours: hours(72),
      answerHours: hours(240),
      urgentAnswerHours: hours(240),
      finalAnswerWorkingDays: hours(60),
    }),
    // Keyed by category code (kebab-case, never containing a dot).
    portalTermDays: {
      type: 'object',
      patternProperties: { '^[a-z0-9-]{1,100}$': { type: 'integer', minimum: 1, maximum: 60 } },
      additionalProperties: false,
      maxProperties: 500,
    },
    retentionYears: { type: 'integer', minimum: 1, maximum: 100 },
    calendarYears: arrayField(calendarYearField, supportedYears.last - supportedYears.first + 1),
  }),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<Organisation>['properties'];

/**
 * The user's own organisation and its settings (deadline rules, working hours, portal terms, loaded
 * production calendars), version 1.
 */
export const organisationSchema: RxJsonSchema<Organisation> = {
  title: 'organisations',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: organisationProperties,
  required: Object.keys(organisationProperties) as (keyof Organisation)[],
  additionalProperties: false,
};

/**
 * v0 → v1: settings gain `calendarYears`, the production calendars the organisation loaded. A v0
 * document predates them: none, until the server's copy (which has them) arrives with the next pull.
 */
export function migrateOrganisationV0toV1(old: OrganisationV0): Organisation {
  return { ...old, settings: { ...old.settings, calendarYears: [] } };
}

export const organisationMigrationStrategies: MigrationStrategies = {
  1: migrateOrganisationV0toV1,
};

const departmentProperties = {
  ...departmentSchemaV0.properties,
  disabled: { type: 'boolean' },
} as const satisfies RxJsonSchema<Department>['properties'];

/** v1: `disabled`, so desktops hide a department the administrator disabled from their pickers. */
export const departmentSchema: RxJsonSchema<Department> = {
  ...departmentSchemaV0,
  version: 1,
  properties: departmentProperties,
  required: Object.keys(departmentProperties) as (keyof Department)[],
};

/** v0 → v1: a v0 department was in use; the server's copy says otherwise with the next pull. */
export function migrateDepartmentV0toV1(old: DepartmentV0): Department {
  return { ...old, disabled: false };
}

export const departmentMigrationStrategies: MigrationStrategies = {
  1: migrateDepartmentV0toV1,
};

const userProperties = {
  id: idField,
  orgId: idField,
  displayName: textField(200),
  role: enumField(roles),
  departmentIds: arrayField(idField, 200),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<UserProfile>['properties'];

/** Public profiles of the organisation's staff: names for assignees, roles for the UI. No credentials. */
export const userSchema: RxJsonSchema<UserProfile> = {
  title: 'users',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: userProperties,
  required: Object.keys(userProperties) as (keyof UserProfile)[],
  additionalProperties: false,
};
