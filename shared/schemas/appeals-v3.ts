import type { RxJsonSchema } from 'rxdb';
import type { Appeal } from '../model/appeal';
import { appealSchemaV2 } from './appeals-v2';
import {
  arrayField,
  booleanField,
  epochMsField,
  idField,
  nullableObjectField,
  nullableTextField,
  objectField,
  textField,
  withPropertiesAfter,
} from './fields';

/**
 * HISTORY — do not edit. The appeals schema as version 3 stored it, kept so that RxDB can open a
 * desktop database written by v3 and migrate it (`appealMigrationStrategies`). Its fingerprint is
 * pinned in tests/unit/shared/schemas.history.test.ts.
 */
export type AppealV3 = Omit<Appeal, 'problemId' | 'sourcePost' | 'territoryId' | 'verdict'>;

const confidenceField = { type: 'number', minimum: 0, maximum: 1 } as const;
const becauseField = arrayField(textField(100), 10);

/** v3 = v2 + the server's triage suggestion. */
const properties = withPropertiesAfter(appealSchemaV2.properties, 'assignmentNote', {
  triage: nullableObjectField({
    at: epochMsField,
    incident: objectField({ value: booleanField, confidence: confidenceField, because: becauseField }),
    category: arrayField(
      objectField({
        value: textField(300),
        confidence: confidenceField,
        because: becauseField,
        category: nullableTextField(100),
        subcategory: nullableTextField(100),
      }),
      3,
    ),
    department: arrayField(
      objectField({ value: idField, confidence: confidenceField, because: becauseField }),
      3,
    ),
    urgency: objectField({
      urgent: booleanField,
      confidence: confidenceField,
      signs: arrayField(textField(40), 20),
      because: becauseField,
    }),
  }),
}) satisfies RxJsonSchema<AppealV3>['properties'];

export const appealSchemaV3: RxJsonSchema<AppealV3> = {
  ...appealSchemaV2,
  version: 3,
  primaryKey: 'id',
  properties,
  required: Object.keys(properties) as (keyof AppealV3)[],
};
