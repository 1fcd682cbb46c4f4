import type { RxJsonSchema } from 'rxdb';
import type { RefusedChange } from '../model/refused-change';
import { epochMsField, idField, objectField, textField } from './fields';

const properties = {
  id: idField,
  collectionName: textField(40),
  documentId: idField,
  reason: objectField(
    {
      code: textField(200),
      params: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
    },
    ['params'],
  ),
  // Whatever the user had written; it is the document of another collection, validated there.
  content: { type: 'object' },
  at: epochMsField,
} as const satisfies RxJsonSchema<RefusedChange>['properties'];

/**
 * Local-only: changes the server refused, kept until the user acts on them. The conflict handler
 * writes here with upsert (its `resolve` may run more than once), keyed by a deterministic id.
 */
export const refusedChangeSchema: RxJsonSchema<RefusedChange> = {
  title: 'refused changes',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties,
  required: ['id', 'collectionName', 'documentId', 'reason', 'content', 'at'],
  additionalProperties: false,
  indexes: ['at', ['documentId', 'at']],
};
