import type { RxJsonSchema } from 'rxdb';
import type { Appeal } from '../model/appeal';
import { appealSchemaV1 } from './appeals-v1';
import {
  arrayField,
  calendarDateField,
  epochMsField,
  idField,
  nullableEpochMsField,
  nullableIdField,
  nullableObjectField,
  objectField,
  textField,
  withPropertiesAfter,
} from './fields';

/**
 * HISTORY — do not edit. The appeals schema as version 2 stored it, kept so that RxDB can open a
 * desktop database written by v2 and migrate it (`appealMigrationStrategies`). Its fingerprint is
 * pinned in tests/unit/shared/schemas.history.test.ts.
 */
export type AppealV2 = Omit<Appeal, 'triage' | 'problemId' | 'sourcePost' | 'territoryId' | 'verdict'>;

/** v2 = v1 + the резолюция (co-executors, comments, tasks), the last assignment's note and `repeatOf`. */
const properties = withPropertiesAfter(appealSchemaV1.properties, 'convertedToId', {
  repeatOf: nullableIdField,
  coExecutorIds: arrayField(idField, 20),
  comments: arrayField(
    objectField({ id: idField, authorId: idField, text: textField(4000), at: epochMsField }),
    500,
  ),
  tasks: arrayField(
    objectField({
      id: idField,
      setById: idField,
      assigneeId: idField,
      text: textField(2000),
      dueDate: calendarDateField,
      setAt: epochMsField,
      doneAt: nullableEpochMsField,
    }),
    200,
  ),
  assignmentNote: nullableObjectField({ byId: idField, reason: textField(1000), at: epochMsField }),
}) satisfies RxJsonSchema<AppealV2>['properties'];

export const appealSchemaV2: RxJsonSchema<AppealV2> = {
  ...appealSchemaV1,
  version: 2,
  primaryKey: 'id',
  properties,
  required: Object.keys(properties) as (keyof AppealV2)[],
};
