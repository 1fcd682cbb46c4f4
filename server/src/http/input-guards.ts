/**
 * Guards every route applies to its input before its own schema or handler sees it (finding 8 of
 * the security review: 22 kinds of bad input answered 500). The JSON parser refuses nesting
 * deeper than `maxJsonDepth` before parsing and keeps Fastify's prototype-poisoning checks; route
 * parameters, the query string and JSON bodies holding U+0000 or an unpaired surrogate are refused
 * with 400 `invalid_characters`, since PostgreSQL can store neither. Two kinds of route decide
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
    const body = request.body;
    if (typeof body === 'object' && body !== null && !request.routeOptions.config.unstorableTextPerDocument) {
      if (hasUnstorableText(body)) throw invalidCharacters('The body');
    }
  });
}
