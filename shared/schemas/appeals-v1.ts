import type { RxJsonSchema } from 'rxdb';
import type { Appeal } from '../model/appeal';
import { appealSchemaV0 } from './appeals-v0';
import { nullableCalendarDateField, withPropertiesAfter } from './fields';

/**
 * HISTORY — do not edit. The appeals schema as version 1 stored it, kept so that RxDB can open a
 * desktop database written by v1 and migrate it (`appealMigrationStrategies`). Its fingerprint is
 * pinned in tests/unit/shared/schemas.history.test.ts.
 */
export type AppealV1 = Omit<
  Appeal,
  | 'repeatOf'
  | 'coExecutorIds'
  | 'comments'
  | 'tasks'
  | 'assignmentNote'
  | 'triage'
  | 'problemId'
  | 'sourcePost'
  | 'territoryId'
  | 'verdict'
>;

/** v1 = v0 with its one `deadline` date split into the legal deadline and the control date, in its place. */
const { deadline: _deadline, ...v0Kept } = appealSchemaV0.properties;
const properties = withPropertiesAfter(v0Kept, 'dueAt', {
  legalDeadline: nullableCalendarDateField,
  controlDate: nullableCalendarDateField,
}) satisfies RxJsonSchema<AppealV1>['properties'];

export const appealSchemaV1: RxJsonSchema<AppealV1> = {
  ...appealSchemaV0,
  description: 'Citizens’ appeals in the three regimes: incidents, portal messages, formal 59-FZ appeals',
  version: 1,
  primaryKey: 'id',
  properties,
  required: Object.keys(properties) as (keyof AppealV1)[],
};
