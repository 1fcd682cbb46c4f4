import type { RxJsonSchema } from 'rxdb';
import type { Department } from '../model/staff';
import { epochMsField, idField, textField } from './fields';

/**
 * HISTORY — do not edit. The departments schema as version 0 stored it (no `disabled`), kept so that
 * RxDB can open a desktop database written by v0 and migrate it (`departmentMigrationStrategies`).
 * Its fingerprint is pinned in tests/unit/shared/schemas.history.test.ts.
 */
export type DepartmentV0 = Omit<Department, 'disabled'>;

const departmentPropertiesV0 = {
  id: idField,
  orgId: idField,
  name: textField(500),
  code: textField(40),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<DepartmentV0>['properties'];

export const departmentSchemaV0: RxJsonSchema<DepartmentV0> = {
  title: 'departments',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: departmentPropertiesV0,
  required: Object.keys(departmentPropertiesV0) as (keyof DepartmentV0)[],
  additionalProperties: false,
};
