import type { JsonSchema } from 'rxdb';
import { maxAttachmentBytes } from '../model/attachment';
import { passportMaskedPattern } from '../model/person';
import { idMaxLength, maxEpochMs } from '../model/primitives';
import { identificationMethods, nameMatchVerdicts } from '../model/vocabulary';

/**
 * Building blocks of Okno's RxDB schemas.
 *
 * RxDB advises against nullable fields; Okno uses them on purpose for lifecycle fields (`closedAt`,
 * `result`…): every document carries every field, so a sync merge and a status transition can say
 * "cleared" (null) rather than "not sent" (absent), and PostgreSQL maps null as-is. Indexed fields are
 * never nullable (RxDB needs a value to index): an absent indexed reference is `''`.
 *
 * A change to a fragment here changes every schema that uses it: bump those schemas' versions and
 * add migration strategies (tests/unit/shared/schemas.history.test.ts pins each schema's fingerprint per version).
 */

/** A primary key or indexed reference; `''` is allowed for an absent reference. */
export const idField = { type: 'string', maxLength: idMaxLength } as const satisfies JsonSchema;

export const nullableIdField = {
  type: ['string', 'null'],
  maxLength: idMaxLength,
} as const satisfies JsonSchema;

/** An instant (epoch ms). Indexable: RxDB needs minimum, maximum and multipleOf on indexed numbers. */
export const epochMsField = {
  type: 'integer',
  minimum: 0,
  maximum: maxEpochMs,
  multipleOf: 1,
} as const satisfies JsonSchema;

export const nullableEpochMsField = {
  type: ['integer', 'null'],
  minimum: 0,
  maximum: maxEpochMs,
} as const satisfies JsonSchema;

export const calendarDateField = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
} as const satisfies JsonSchema;

export const nullableCalendarDateField = {
  type: ['string', 'null'],
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
} as const satisfies JsonSchema;

export const textField = (maxLength: number) => ({ type: 'string', maxLength }) as const satisfies JsonSchema;

export const nullableTextField = (maxLength: number) =>
  ({ type: ['string', 'null'], maxLength }) as const satisfies JsonSchema;

/** A closed vocabulary. `maxLength` lets it be indexed. */
export const enumField = (values: readonly string[]) =>
  ({
    type: 'string',
    enum: [...values],
    maxLength: Math.max(...values.map((v) => v.length)),
  }) satisfies JsonSchema;

export const nullableEnumField = (values: readonly string[]) =>
  ({
    type: ['string', 'null'],
    enum: [...values, null],
    maxLength: Math.max(...values.map((v) => v.length)),
  }) satisfies JsonSchema;

export const booleanField = { type: 'boolean' } as const satisfies JsonSchema;

/** A closed object: every listed property is required, nothing else is allowed. */
export const objectField = (properties: Record<string, JsonSchema>, optional: readonly string[] = []) =>
  ({
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  }) satisfies JsonSchema;

export const nullableObjectField = (properties: Record<string, JsonSchema>) => ({
  ...objectField(properties),
  type: ['object', 'null'],
});

export const arrayField = (items: JsonSchema, maxItems: number) =>
  ({ type: 'array', items, maxItems }) satisfies JsonSchema;

/**
 * `properties` with `added` right after the property `after`: a schema version stated as the version
 * before it plus what it added. The order is kept because it is part of a stored schema (the
 * `required` list follows it, and RxDB's schema hash does not sort arrays).
 */
export function withPropertiesAfter<P extends object, A extends object>(
  properties: P,
  after: keyof P & string,
  added: A,
): P & A {
  const entries = Object.entries(properties);
  const at = entries.findIndex(([key]) => key === after) + 1;
  const spliced = [...entries.slice(0, at), ...Object.entries(added), ...entries.slice(at)];
  return Object.fromEntries(spliced) as P & A;
}

export const personNameField = objectField({
  lastName: textField(100),
  firstName: textField(100),
  patronymic: nullableTextField(100),
});

export const contactsField = objectField({
  phone: nullableTextField(32),
  email: nullableTextField(254),
  postalAddress: nullableTextField(500),
});

export const nameMatchField = objectField({
  verdict: enumField(nameMatchVerdicts),
  profileName: nullableTextField(200),
  checkedAt: nullableEpochMsField,
});

export const identificationField = enumField(identificationMethods);

/** Only the masked form may reach a desktop; the pattern makes a full passport number fail validation. */
export const passportMaskedField = {
  type: ['string', 'null'],
  pattern: passportMaskedPattern,
  maxLength: 12,
} as const satisfies JsonSchema;

export const attachmentsField = arrayField(
  objectField(
    {
      id: idField,
      name: textField(255),
      mimeType: textField(255),
      size: { type: 'integer', minimum: 0, maximum: maxAttachmentBytes },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
    },
    ['sha256'],
  ),
  100,
);
