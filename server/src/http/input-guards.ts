/**
 * Guards every route applies to its input before its own schema or handler sees it (finding 8 of
 * the security review: 22 kinds of bad input answered 500). The JSON parser refuses nesting
 * deeper than `maxJsonDepth` before parsing and keeps Fastify's prototype-poisoning checks; route
 * parameters, the query string and JSON bodies holding U+0000 or an unpaired surrogate are refused
 * with 400 `invalid_characters`, since PostgreSQL can store neither; a query value that reads as an
 * infinite number, with 400 `invalid_number`. Two kinds of route decide
 * for themselves instead: the webhooks (their own parser keeps a citizen's message, with U+FFFD
 * in place of the bad character: channels/http.ts) and sync push, which refuses only the documents
 * that hold one (`unstorableTextPerDocument`: sync/push.ts).
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';
import { hasUnstorableText, jsonDepth, maxJsonDepth, tooDeep } from './json';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler refuses the documents of its body that hold unstorable text, one by one. */
    unstorableTextPerDocument?: boolean;
  }
}

const invalidCharacters = (where: string) =>
  new ApiError(
    400,
    'invalid_characters',
    `${where} contains U+0000 or an unpaired surrogate, which cannot be stored`,
  );

/**
 * The query keys a route's schema reads as numbers: Ajv coerces their text, and «1e999» or «Infinity»
 * becomes Infinity, which passes `integer` and reached handlers and PostgreSQL as 500s (the archive's
 * and the administrator journal's `limit`). Such a value is refused for every route, before coercion.
 */
function numericKeys(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (!properties) return [];
  return Object.entries(properties)
    .filter(([, property]) => {
      const types = Array.isArray(property.type) ? property.type : [property.type];
      return types.includes('integer') || types.includes('number');
    })
    .map(([key]) => key);
}

function hasInfiniteNumber(query: unknown, keys: readonly string[]): boolean {
  if (typeof query !== 'object' || query === null) return false;
  return keys.some((key) => {
    const value = (query as Record<string, unknown>)[key];
    return (Array.isArray(value) ? value : [value]).some(
      (item) => typeof item === 'string' && !Number.isFinite(Number(item)) && !Number.isNaN(Number(item)),
    );
  });
}

export function installInputGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepth(body as string) > maxJsonDepth) return done(tooDeep(), undefined);
    return parseJson(request, body as string, done);
  });

  app.addHook('preValidation', async (request) => {
    if (hasUnstorableText(request.params)) throw invalidCharacters('The address');
    if (hasUnstorableText(request.query)) throw invalidCharacters('The query string');
    if (hasInfiniteNumber(request.query, numericKeys(request.routeOptions.schema?.querystring)))
      throw new ApiError(400, 'invalid_number', 'The query string holds a number too large to read');
    const body = request.body;
    // Bare bytes (an answer's file, appeals/file-routes.ts) hold no text to store: walking a Buffer as an
    // object visited each of its up to 20 million bytes.
    if (Buffer.isBuffer(body)) return;
    if (typeof body === 'object' && body !== null && !request.routeOptions.config.unstorableTextPerDocument) {
      if (hasUnstorableText(body)) throw invalidCharacters('The body');
    }
  });
}
