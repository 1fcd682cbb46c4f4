import {
  answerTemplateSchemaV0,
  appealSchemaV0,
  appealSchemaV1,
  appealSchemaV2,
  appealSchemaV3,
  departmentSchemaV0,
  messageSchemaV0,
  messageSchemaV1,
  oknoCollections,
  organisationSchemaV0,
} from '../../../shared/schemas';

/**
 * A stored schema must not change without a version bump: RxDB refuses to open a collection whose
 * schema differs from the stored one at the same version (error DB6), which on a desktop means the
 * local truth — unsynced work included — becomes unreadable.
 *
 * When a fingerprint below fails: bump that schema's `version`, add a migration strategy for the new
 * version (with a test like migration.test.ts), keep the old schema under shared/schemas as history,
 * and only then record the new version and fingerprint here.
 */
const pinned: Record<string, { version: number; fingerprint: string }> = {
  appealsV0: { version: 0, fingerprint: '044f806c' },
  appealsV1: { version: 1, fingerprint: '67519703' },
  appealsV2: { version: 2, fingerprint: '10c6d38b' },
  appealsV3: { version: 3, fingerprint: '9e8a17af' },
  appeals: { version: 4, fingerprint: '8b1ee98d' },
  messagesV0: { version: 0, fingerprint: 'a1a2d51c' },
  messagesV1: { version: 1, fingerprint: '26badf45' },
  messages: { version: 2, fingerprint: '65d6f449' },
  conversations: { version: 0, fingerprint: '6df7d6b4' },
  departmentsV0: { version: 0, fingerprint: 'd87336aa' },
  departments: { version: 1, fingerprint: 'e373026b' },
  users: { version: 0, fingerprint: '72aaaff7' },
  organisationsV0: { version: 0, fingerprint: '4ce523d8' },
  organisations: { version: 1, fingerprint: '88ffc547' },
  answerTemplatesV0: { version: 0, fingerprint: 'feb7850c' },
  answerTemplates: { version: 1, fingerprint: 'c97a0675' },
  refusedChanges: { version: 0, fingerprint: '3996656a' },
};

/** FNV-1a (32 bit) over the schema's JSON with sorted keys: stable across key order. */
function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(canonical(value))) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const current: Record<string, { version: number; schema: unknown }> = {
  appealsV0: { version: appealSchemaV0.version, schema: appealSchemaV0 },
  appealsV1: { version: appealSchemaV1.version, schema: appealSchemaV1 },
  appealsV2: { version: appealSchemaV2.version, schema: appealSchemaV2 },
  appealsV3: { version: appealSchemaV3.version, schema: appealSchemaV3 },
  messagesV0: { version: messageSchemaV0.version, schema: messageSchemaV0 },
  messagesV1: { version: messageSchemaV1.version, schema: messageSchemaV1 },
  organisationsV0: { version: organisationSchemaV0.version, schema: organisationSchemaV0 },
  departmentsV0: { version: departmentSchemaV0.version, schema: departmentSchemaV0 },
  answerTemplatesV0: { version: answerTemplateSchemaV0.version, schema: answerTemplateSchemaV0 },
  ...Object.fromEntries(
    Object.entries(oknoCollections).map(([name, { schema }]) => [name, { version: schema.version, schema }]),
  ),
};

describe('schema history', () => {
  it.each(Object.keys(current))('%s has not changed at its version', (name) => {
    const { version, schema } = current[name]!;
    expect({ version, fingerprint: fingerprint(schema) }).toEqual(pinned[name]);
  });
});
