import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import type { AnswerTemplate } from '../model/answer-template';
import { booleanField, epochMsField, idField, nullableIdField, nullableTextField, textField } from './fields';

/** A template as version 0 stored it: organisation-wide, no author, no department. */
export type AnswerTemplateV0 = Omit<AnswerTemplate, 'departmentId' | 'authorId' | 'personal'>;

const answerTemplatePropertiesV0 = {
  id: idField,
  orgId: idField,
  title: textField(300),
  body: textField(50_000),
  categoryCode: nullableTextField(100),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<AnswerTemplateV0>['properties'];

/**
 * HISTORY — do not edit. Version 0, kept so that RxDB can open a desktop database written by it and
 * migrate it; its fingerprint is pinned in tests/unit/shared/schemas.history.test.ts.
 */
export const answerTemplateSchemaV0: RxJsonSchema<AnswerTemplateV0> = {
  title: 'answer templates',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: answerTemplatePropertiesV0,
  required: Object.keys(answerTemplatePropertiesV0) as (keyof AnswerTemplateV0)[],
  additionalProperties: false,
};

const answerTemplateProperties = {
  id: idField,
  orgId: idField,
  title: textField(300),
  body: textField(50_000),
  categoryCode: nullableTextField(100),
  departmentId: nullableIdField,
  authorId: nullableIdField,
  personal: booleanField,
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<AnswerTemplate>['properties'];

/** Version 1: a template belongs to the organisation or one department, has an author, may be personal. */
export const answerTemplateSchema: RxJsonSchema<AnswerTemplate> = {
  ...answerTemplateSchemaV0,
  version: 1,
  properties: answerTemplateProperties,
  required: Object.keys(answerTemplateProperties) as (keyof AnswerTemplate)[],
};

/** Version 0's templates were all the organisation's and shared; their author is not known. */
export function migrateAnswerTemplateV0toV1(old: AnswerTemplateV0): AnswerTemplate {
  return { ...old, departmentId: null, authorId: null, personal: false };
}

export const answerTemplateMigrationStrategies: MigrationStrategies = {
  1: migrateAnswerTemplateV0toV1,
};
