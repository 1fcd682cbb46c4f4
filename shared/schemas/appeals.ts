import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { Appeal } from '../model/appeal';
import type { AppealV0 } from './appeals-v0';
import type { AppealV1 } from './appeals-v1';
import { type AppealV2, appealSchemaV2 } from './appeals-v2';
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
}) satisfies RxJsonSchema<Appeal>['properties'];

/**
 * Appeals, version 3: version 2 (appeals-v2.ts, which builds on v1 and v0) and the server's triage
 * suggestion. Indexes serve the inbox views without a scan (RxDB appends the primary key
 * to each index, so `['status', 'dueAt']` sorts stably by `id` within equal deadlines):
 * by status, by department, by assignee (each sorted by deadline), by regime, by channel, by arrival,
 * and the appeals of one conversation.
 */
export const appealSchema: RxJsonSchema<Appeal> = {
  ...appealSchemaV2,
  version: 3,
  primaryKey: 'id',
  properties,
  required: Object.keys(properties) as (keyof Appeal)[],
};

/**
 * v0 → v1: v0 kept one `deadline` date. 59-FZ practice needs two (docs/DOMAIN.md, "Counting days"): the
 * legal deadline and the internal control date, shifted by the organisation's rule. A migration has
 * no production calendar, so both take the old date, the only one the document knew; deadlines are
 * server-owned, and the server recomputes the control date on its next write of the appeal.
 */
export function migrateAppealV0toV1(old: AppealV0): AppealV1 {
  const { deadline, ...rest } = old;
  return { ...rest, legalDeadline: deadline, controlDate: deadline };
}

/**
 * v1 → v2: the резолюция (co-executors, internal comments, tasks), the reason of the last assignment
 * and the link to an earlier appeal this one repeats. A v1 document had none of them.
 */
export function migrateAppealV1toV2(old: AppealV1): AppealV2 {
  return { ...old, repeatOf: null, coExecutorIds: [], comments: [], tasks: [], assignmentNote: null };
}

/**
 * v2 → v3: the triage suggestion (issue 13). It is the server's; a copy made before it has none, and
 * the server's documents got none either (migration 390), so both sides keep the same document.
 */
export function migrateAppealV2toV3(old: AppealV2): Appeal {
  return { ...old, triage: null };
}

export const appealMigrationStrategies: MigrationStrategies = {
  1: migrateAppealV0toV1,
  2: migrateAppealV1toV2,
  3: migrateAppealV2toV3,
};
