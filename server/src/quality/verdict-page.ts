/**
 * The citizen's «Помог ли ответ?» page (issue 14), opened from the links of the question letter
 * (./verdict-email.ts). No login: the signed one-use token in the address is the key.
 * - `GET  /verdict?t=<token>&v=yes|partly|no` (the token in the query: it is longer than a path
 *   parameter may be): the appeal's number (nothing else of the appeal or the
 *   applicant), the three choices with the link's one marked, an optional comment and «Отправить»;
 *   after the verdict was given: «Ваш ответ уже получен».
 * - `POST /verdict?t=<token>` (a form: `value`, `comment`): records it once, through the bot's code
 *   (./verdict-store.ts: audited, «Нет» → «Ответ не помог»), and thanks; a second time 409.
 * A forged token, or one naming no question of its recipient: 404; an expired one: 410; a missing
 * choice or a comment over 2000 characters: 400 with the form again. Pages are in Russian, or in English
 * when the browser prefers it (Accept-Language), plain HTML
 * without scripts (CSP `default-src 'none'`), never cached or indexed.
 * POSTs spend a per-address budget (`verdictPostBudget`, the login throttle's buckets: auth/throttle.ts)
 * before the token is read: beyond it, 429 with Retry-After and a page saying when to try again. The
 * address is the client's, behind a load balancer too when it is in OKNO_TRUSTED_PROXIES.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type pg from 'pg';
import { type CitizenVerdict, citizenVerdicts } from '../../../shared/model/vocabulary';
import { type Budget, spendRequest } from '../auth/throttle';
import { type BotLanguage, languageOf, t } from '../bot/texts';
import type { ServerConfig } from '../config';
import { inTransaction } from '../db/pool';
import { questionOfToken, readToken, recordLinkVerdict } from './verdict-email';

const maxComment = 2000;

/**
 * POSTs of the page from one client address: ten at once, then one every six seconds (ten a
 * minute) — a household or an office behind one address sends a few; a script trying tokens or
 * flooding the form waits.
 */
export const verdictPostBudget: Budget = { capacity: 10, refillSeconds: 6 };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's language: English when the citizen's browser prefers it, Russian otherwise. */
function languageOfRequest(acceptLanguage: string | string[] | undefined): BotLanguage {
  const first = (Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage)?.split(',')[0] ?? '';
  return languageOf(first.trim().slice(0, 2).toLowerCase());
}

/** The page's pieces in one language. */
function pagesIn(language: BotLanguage) {
  const tr = (key: string, params: Record<string, string> = {}) =>
    t(language, `quality:verdictEmail.${key}`, params);

  const page = (body: string) => `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(tr('pageTitle'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.4rem}label{display:block;margin:.5rem 0}textarea{width:100%;min-height:6rem}
button{margin-top:1rem;padding:.5rem 1.5rem;font-size:1rem}.note{color:#b3261e}</style></head>
<body>${body}</body></html>`;

  const send = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-language', language)
      .header('vary', 'accept-language')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .send(page(body));

  const message = (number: string | null, text: string) =>
    `${number ? `<h1>${escapeHtml(tr('appeal', { number }))}</h1>` : ''}<p role="status">${escapeHtml(text)}</p>`;

  const form = (number: string, chosen: CitizenVerdict | null, comment: string, note: string | null) => {
    const choices = citizenVerdicts
      .map(
        (value) =>
          `<label><input type="radio" name="value" value="${value}"${value === chosen ? ' checked' : ''}> ${escapeHtml(
            t(language, `quality:verdict.${value}`),
          )}</label>`,
      )
      .join('');
    return `<h1>${escapeHtml(tr('appeal', { number }))}</h1>
<form method="post"><fieldset><legend>${escapeHtml(tr('question'))}</legend>${choices}</fieldset>
<label for="comment">${escapeHtml(tr('comment'))}</label>
<textarea id="comment" name="comment" maxlength="${maxComment}">${escapeHtml(comment)}</textarea>
${note ? `<p class="note" role="alert">${escapeHtml(note)}</p>` : ''}<button type="submit">${escapeHtml(tr('send'))}</button></form>`;
  };
  return { tr, send, message, form };
}

const asVerdict = (value: unknown): CitizenVerdict | null => citizenVerdicts.find((v) => v === value) ?? null;

export async function verdictPageRoutes(
  app: FastifyInstance,
  options: { db: pg.Pool; config: ServerConfig; now?: () => number },
): Promise<void> {
  const { db, config } = options;
  const now = options.now ?? Date.now;
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  /** The question a token opens, or the page that says why not (already sent). */
  async function open(token: string, reply: FastifyReply, { send, message, tr }: ReturnType<typeof pagesIn>) {
    const check = readToken(config.tokenSecret, token, now());
    if (check.kind === 'forged') {
      await send(reply, 404, message(null, tr('invalid')));
      return null;
    }
    if (check.kind === 'expired') {
      await send(reply, 410, message(null, tr('expired')));
      return null;
    }
    const question = await questionOfToken(db, token, check.claims);
    if (!question) {
      await send(reply, 404, message(null, tr('invalid')));
      return null;
    }
    return question;
  }

  const querystring = {
    type: 'object',
    properties: { t: { type: 'string', maxLength: 2000 }, v: { type: 'string', maxLength: 20 } },
  } as const;

  app.get<{ Querystring: { t?: string; v?: string } }>(
    '/verdict',
    { schema: { querystring } },
    async (request, reply) => {
      const pages = pagesIn(languageOfRequest(request.headers['accept-language']));
      const { send, message, form, tr } = pages;
      const question = await open(request.query.t ?? '', reply, pages);
      if (!question) return reply;
      if (question.value !== null) return send(reply, 200, message(question.number, tr('already')));
      return send(reply, 200, form(question.number, asVerdict(request.query.v), '', null));
    },
  );

  app.post<{ Querystring: { t?: string; v?: string }; Body: Record<string, unknown> | undefined }>(
    '/verdict',
    { schema: { querystring } },
    async (request, reply) => {
      const token = request.query.t ?? '';
      const pages = pagesIn(languageOfRequest(request.headers['accept-language']));
      const { send, message, form, tr } = pages;
      const budget = await spendRequest(db, `verdict:${request.ip}`, verdictPostBudget, now());
      if (!budget.allowed) {
        const seconds = String(budget.retryAfterSeconds);
        reply.header('retry-after', seconds);
        return send(reply, 429, message(null, tr('tooMany', { seconds })));
      }
      const question = await open(token, reply, pages);
      if (!question) return reply;
      if (question.value !== null) return send(reply, 409, message(question.number, tr('already')));
      const body = request.body && typeof request.body === 'object' ? request.body : {};
      const value = asVerdict(body.value);
      const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
      if (!value || comment.length > maxComment)
        return send(
          reply,
          400,
          form(question.number, value, comment.slice(0, maxComment), tr(value ? 'tooLong' : 'chooseValue')),
        );
      const recorded = await inTransaction(db, (tx) =>
        recordLinkVerdict(tx, token, question, value, comment === '' ? null : comment, now()),
      );
      if (!recorded) return send(reply, 409, message(question.number, tr('already')));
      return send(reply, 200, message(question.number, tr(value === 'yes' ? 'thanks' : 'thanksNo')));
    },
  );
}
