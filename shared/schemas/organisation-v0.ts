import type { RxJsonSchema } from 'rxdb';
import type { Organisation, OrganisationSettings } from '../model/organisation';
import { deadlineShiftRules, weekdays } from '../model/vocabulary';
import { enumField, epochMsField, idField, nullableObjectField, objectField, textField } from './fields';

/**
 * HISTORY — do not edit. The organisations schema as version 0 stored it (settings without the
 * loaded production calendars), kept so that RxDB can open a desktop database written by v0 and
 * migrate it (`organisationMigrationStrategies`). Its fingerprint is pinned in
 * tests/unit/shared/schemas.history.test.ts.
 */
export type OrganisationV0 = Omit<Organisation, 'settings'> & {
  settings: Omit<OrganisationSettings, 'calendarYears'>;
};

const timeOfDay = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 } as const;
const hours = (maximum: number) => ({ type: 'integer', minimum: 1, maximum }) as const;

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
  }),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<OrganisationV0>['properties'];

export const organisationSchemaV0: RxJsonSchema<OrganisationV0> = {
  title: 'organisations',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: organisationProperties,
  required: Object.keys(organisationProperties) as (keyof OrganisationV0)[],
  additionalProperties: false,
};
