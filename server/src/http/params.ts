/** Route parameter schemas shared by the API's routes (Fastify validates them before the handler). */

/** `/…/:id`: an entity's id (UUIDs here; bounded so a crafted path cannot reach the database). */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
