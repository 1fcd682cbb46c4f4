/** Route parameter schemas shared by the API's routes (Fastify validates them before the handler). */

/**
 * `/…/:id`: an entity's id — a UUID or a desktop-made id (shared/model/primitives.ts `idPattern`);
 * bounded to those characters so a crafted path cannot reach the database.
 */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
} as const;
