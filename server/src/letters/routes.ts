/**
 * Letters of an appeal, for whoever may see the appeal (../appeals/in-scope.ts: 404 outside the
 * organisation, 403 outside the caller's departments):
 *
 * - `GET  /api/v1/appeals/:id/letters` — the issued letters with their outgoing numbers;
 * - `POST /api/v1/appeals/:id/letters` `{kind, messageId?}` — issues a letter (draws its outgoing
 *   number) or returns the one issued before: an answer letter for a staff answer of the appeal, or
 *   a notice the appeal's state calls for (an extension, forwarding, an art. 11 outcome, a receipt);
 * - `GET  /api/v1/appeals/:id/letters/:letterId/:format` — the letter as `pdf` or `docx`.
 *
 * Issues and downloads are audited (`letter.issue`, `letter.download`), and so is a download refused
 * for scope (`letter.download_denied`): a letter holds the applicant's name and address.
 */
import type { FastifyInstance } from 'fastify';
import { type LetterFormat, type LetterKind, letterFormats, letterKinds } from '../../../shared/model/letter';
import { appealInScope } from '../appeals/in-scope';
import { appendAudit } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import { requireAuth } from '../auth/require-auth';
import { inTransaction, type Queryable } from '../db/pool';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import { issueLetter, letterOf, lettersOf } from './issue';
import { letterMimeTypes, renderLetter } from './render';

type Doc = Record<string, unknown>;

const id = idParams.properties.id;
const letterParams = {
  type: 'object',
  required: ['id', 'letterId', 'format'],
  additionalProperties: false,
  properties: { id, letterId: id, format: { type: 'string', enum: letterFormats } },
} as const;
const issueBody = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: letterKinds }, messageId: id },
} as const;

const notApplicable = (message: string) => new ApiError(409, 'letter_not_applicable', message);

/** Why the appeal cannot have this letter now, or null when it can. */
async function problemOf(db: Queryable, orgId: string, appeal: Doc, kind: LetterKind, messageId: string) {
  switch (kind) {
    case 'answer': {
      if (!messageId) return 'An answer letter names the answer (messageId)';
      const answer = await db.query(
        `SELECT 1 FROM sync_messages WHERE org_id = $1 AND id = $2 AND appeal_id = $3
            AND doc->>'direction' = 'out' AND doc->'author'->>'kind' = 'staff'
            AND NOT coalesce((doc->>'_deleted')::boolean, false)`,
        [orgId, messageId, appeal.id],
      );
      return answer.rowCount ? null : 'No such staff answer of this appeal';
    }
    case 'extension':
      return appeal.extension ? null : 'The appeal has not been extended';
    case 'forwarding':
      return appeal.forwardedTo ? null : 'The appeal has not been forwarded';
    case 'art11':
      return appeal.art11Outcome ? null : 'The appeal has no art. 11 outcome';
    case 'receipt':
      // The receipt is handed to an applicant who filed in person (59-FZ art. 8: registration proven on the spot).
      if (appeal.channel !== 'reception') return 'A receipt is for an appeal filed in person';
      return appeal.registrationNumber ? null : 'The appeal is not registered yet';
  }
}

/** The appeal in the caller's scope; a refusal is audited before it is thrown. */
async function appealFor(db: Queryable, auth: AuthContext, appealId: string, action: string): Promise<Doc> {
  try {
    return await appealInScope(db, auth, appealId);
  } catch (error) {
    if (error instanceof ApiError) {
      await appendAudit(db, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action,
        entity: 'appeal',
        entityId: appealId,
        details: { reason: error.statusCode === 403 ? 'not_visible' : 'not_found' },
      });
    }
    throw error;
  }
}

export async function letterRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;

  app.get<{ Params: { id: string } }>(
    '/appeals/:id/letters',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request) => {
      await appealInScope(db, request.auth, request.params.id);
      return { letters: await lettersOf(db, request.auth.orgId, request.params.id) };
    },
  );

  app.post<{ Params: { id: string }; Body: { kind: LetterKind; messageId?: string } }>(
    '/appeals/:id/letters',
    { preHandler: requireAuth, schema: { params: idParams, body: issueBody } },
    async (request, reply) => {
      const { auth } = request;
      const { kind } = request.body;
      const messageId = kind === 'answer' ? (request.body.messageId ?? '') : '';
      const { letter, issued } = await inTransaction(db, async (tx) => {
        const appeal = await appealInScope(tx, auth, request.params.id);
        const problem = await problemOf(tx, auth.orgId, appeal, kind, messageId);
        if (problem) throw notApplicable(problem);
        const result = await issueLetter(tx, {
          orgId: auth.orgId,
          appealId: request.params.id,
          kind,
          messageId,
          now: app.okno.now(),
        });
        if (result.issued) {
          await appendAudit(tx, {
            orgId: auth.orgId,
            actorUserId: auth.userId,
            deviceId: auth.deviceId,
            action: 'letter.issue',
            entity: 'appeal',
            entityId: request.params.id,
            details: { letterId: result.letter.id, kind, outgoingNumber: result.letter.outgoingNumber },
          });
        }
        return result;
      });
      reply.code(issued ? 201 : 200);
      return { letter };
    },
  );

  app.get<{ Params: { id: string; letterId: string; format: LetterFormat } }>(
    '/appeals/:id/letters/:letterId/:format',
    { preHandler: requireAuth, schema: { params: letterParams } },
    async (request, reply) => {
      const { auth } = request;
      const { id: appealId, letterId, format } = request.params;
      const appeal = await appealFor(db, auth, appealId, 'letter.download_denied');
      const letter = await letterOf(db, auth.orgId, appealId, letterId);
      if (!letter) throw new ApiError(404, 'not_found', 'No such letter of this appeal');
      const file = await renderLetter(db, auth.orgId, appeal, letter, format);
      await appendAudit(db, {
        orgId: auth.orgId,
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action: 'letter.download',
        entity: 'appeal',
        entityId: appealId,
        details: { letterId, kind: letter.kind, format },
      });
      const name = `${letter.outgoingNumber.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.${format}`;
      reply
        .header('content-type', letterMimeTypes[format])
        .header(
          'content-disposition',
          `attachment; filename="letter.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store');
      return file;
    },
  );
}
