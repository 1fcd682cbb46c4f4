import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { Appeal } from '../model/appeal';
import { channels, citizenVerdicts, verdictDecisions } from '../model/vocabulary';
import type { AppealV0 } from './appeals-v0';
import type { AppealV1 } from './appeals-v1';
import type { AppealV2 } from './appeals-v2';
import { type AppealV3, appealSchemaV3 } from './appeals-v3';
import {
  enumField,
  epochMsField,
  nullableEnumField,
  nullableEpochMsField,
  nullableIdField,
  nullableObjectField,
  nullableTextField,
  textField,
  withPropertiesAfter,
} from './fields';

/**
 * v4 = v3 + four server-owned fields: the problem group a person put the appeal in and the community
 * post it came from (issue 13), its territory and the citizen's verdict on the answer (issue 14).
 */
const properties = withPropertiesAfter(appealSchemaV3.properties, 'triage', {
  problemId: nullableIdField,
  sourcePost: nullableObjectField({
    network: enumField(channels),
    postId: textField(100),
    commentId: nullableTextField(100),
    url: nullableTextField(500),
  }),
  territoryId: nullableIdField,
  verdict: nullableObjectField({
    value: enumField(citizenVerdicts),
    comment: nullableTextField(2000),
    at: epochMsField,
    decision: nullableEnumField(verdictDecisions),
    decidedById: nullableIdField,
    decidedAt: nullableEpochMsField,
  }),
}) satisfies RxJsonSchema<Appeal>['properties'];

/**
 * Appeals, version 4: version 3 (appeals-v3.ts, which builds on v2, v1 and v0) and the four fields
 * above. Indexes serve the inbox views without a scan (RxDB appends the primary key
 * to each index, so `['status', 'dueAt']` sorts stably by `id` within equal deadlines):
 * by status, by department, by assignee (each sorted by deadline), by regime, by channel, by arrival,
 * and the appeals of one conversation.
 */
export const appealSchema: RxJsonSchema<Appeal> = {
  ...appealSchemaV3,
  version: 4,
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
export function migrateAppealV2toV3(old: AppealV2): AppealV3 {
  return { ...old, triage: null };
}

/**
 * v3 → v4: problem group, source post, territory and verdict (issues 13 and 14). All four are the
 * server's; a copy made before them has none, and so have the server's documents (migration 475).
 */
export function migrateAppealV3toV4(old: AppealV3): Appeal {
  return { ...old, problemId: null, sourcePost: null, territoryId: null, verdict: null };
}

export const appealMigrationStrategies: MigrationStrategies = {
  1: migrateAppealV0toV1,
  2: migrateAppealV1toV2,
  3: migrateAppealV2toV3,
  4: migrateAppealV3toV4,
};
