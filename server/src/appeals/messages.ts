/**
 * Messages pushed from a desktop are staff answers into an appeal the user can see. They are
 * created once and never edited or deleted from a desktop; delivery fields belong to the server's
 * delivery job (a new message starts `pending`). Inbound messages are written by the channels.
 * The one exception: whoever can see the appeal marks a pending postal answer mailed
 * (./postal-mailing.ts) — no delivery job will ever learn that a paper letter left the office.
 *
 * The answer's route, `replyVia`, must be one the appeal can take: `channel` needs the appeal's
 * conversation (and the message must name that conversation), `email` the applicant's e-mail
 * address, `post` a postal address. The message names the appeal's conversation or `''` (e-mail and
 * post answers of v0 desktops). The outbox trigger (migration 260) sends by `replyVia`; a postal
 * answer is never sent, it is stored `pending` with the reason `postalPrintRequired`. An answer the
 * organisation puts under a head's approval is stored `pending` with `awaitingApproval` and waits
 * (../quality/approval.ts).
 */
import type { AttachmentMeta } from '../../../shared/model/attachment';
import { postalPrintRequired } from '../../../shared/model/conversation';
import { awaitingApproval } from '../../../shared/quality/approval';
import { messageSchema } from '../../../shared/schemas/messages';
import { approvalRequired } from '../quality/approval';
import { boundedEditTime, type SyncDoc, sameState } from '../sync/docs';
import { visibleTo } from '../sync/push';
import { type RefusalCode, refusalCodes } from '../sync/refusal';
import type { ReplayRule } from '../sync/replay';
import type { CollectionWriter, MasterRow, PushContext, PushRow, WriteDecision } from '../sync/types';
import { schemaValidator } from '../sync/validation';
import { refuse } from '../sync/writers';
import { answerFilesRefusal } from './answer-files';
import { isPostalMailing, mailedState, mailingAuditFields } from './postal-mailing';

const validate = schemaValidator(messageSchema);

/** Fields of messages schema v2 only the channels write (shared/model/conversation.ts). */
const networkOwnedFields = ['editedAt', 'earlierVersions', 'postedInNetwork'] as const;

interface AppealTarget {
  department_ids: string[];
  conversation_id: string;
  email: string | null;
  postal_address: string | null;
}

/** Why the appeal cannot take this route, or null when it can. */
function replyRouteProblem(
  replyVia: unknown,
  conversationId: unknown,
  target: AppealTarget,
): { code: RefusalCode; fields: string[] } | null {
  const hasText = (value: string | null) => typeof value === 'string' && value.trim() !== '';
  if (conversationId !== '' && conversationId !== target.conversation_id) {
    return { code: refusalCodes.replyViaChannel, fields: ['conversationId'] };
  }
  switch (replyVia) {
    case 'channel':
      return target.conversation_id !== '' && conversationId === target.conversation_id
        ? null
        : { code: refusalCodes.replyViaChannel, fields: ['replyVia', 'conversationId'] };
    case 'email':
      return hasText(target.email) ? null : { code: refusalCodes.replyViaEmail, fields: ['replyVia'] };
    case 'post':
      return hasText(target.postal_address)
        ? null
        : { code: refusalCodes.replyViaPost, fields: ['replyVia'] };
    default:
      return { code: refusalCodes.replyViaMissing, fields: ['replyVia'] };
  }
}

/** The appeal a message belongs to, in the caller's organisation. */
async function appealTarget(ctx: PushContext, appealId: unknown): Promise<AppealTarget | null> {
  const appeal = await ctx.tx.query<AppealTarget>(
    `SELECT department_ids, conversation_id,
            doc->'applicant'->'contacts'->>'email' AS email,
            doc->'applicant'->'contacts'->>'postalAddress' AS postal_address
       FROM sync_appeals WHERE org_id = $1 AND id = $2`,
    [ctx.auth.orgId, appealId],
  );
  return appeal.rows[0] ?? null;
}

/** A stored message may change only by being marked mailed (./postal-mailing.ts). */
async function decideExisting(ctx: PushContext, row: PushRow, master: MasterRow): Promise<WriteDecision> {
  if (sameState(row.newDoc, master.doc)) return { store: null, reply: null, refusal: null };
  if (!isPostalMailing(master.doc, row.newDoc)) return refuse(row, master, { code: refusalCodes.immutable });
  const problem = validate(row.newDoc);
  if (problem) return refuse(row, master, { code: refusalCodes.invalidDocument, params: { problem } });
  const target = await appealTarget(ctx, master.doc.appealId);
  if (!target || !visibleTo(ctx.auth, target.department_ids)) {
    return refuse(row, master, { code: refusalCodes.outOfScope, fields: ['appealId'] });
  }
  const doc = mailedState(master.doc, row.newDoc, ctx.now);
  return stored(doc, target, {
    action: 'message.postalMailed',
    fields: mailingAuditFields(master.doc, doc),
    details: { appealId: doc.appealId, conversationId: doc.conversationId },
  });
}

/** Stores `doc` in its appeal's scope with this audit entry. */
function stored(
  doc: SyncDoc,
  target: AppealTarget,
  audit: NonNullable<WriteDecision['store']>['audit'],
): WriteDecision {
  return {
    store: {
      doc,
      columns: {
        departmentIds: target.department_ids,
        appealId: String(doc.appealId),
        conversationId: String(doc.conversationId),
      },
      audit,
    },
    reply: null,
    refusal: null,
  };
}

/**
 * A re-sent answer (../sync/replay.ts) is compared without what the server sets when it stores it
 * and what the delivery job changes afterwards.
 */
const messageReplay: ReplayRule = {
  filledOnCreation: ['orgId', 'createdAt', 'deliveryStatus', 'deliveryError'],
};

export const messagesWriter: CollectionWriter = {
  replay: messageReplay,
  async decide(ctx, row, master) {
    if (master) return decideExisting(ctx, row, master);
    if (row.newDoc._deleted) return refuse(row, null, { code: refusalCodes.immutable });
    const problem = validate(row.newDoc);
    if (problem) return refuse(row, null, { code: refusalCodes.invalidDocument, params: { problem } });
    const author = row.newDoc.author as { kind?: unknown; userId?: unknown };
    if (row.newDoc.direction !== 'out' || author.kind !== 'staff' || author.userId !== ctx.auth.userId) {
      return refuse(row, null, { code: refusalCodes.roleMayNotChange, fields: ['direction', 'author'] });
    }
    // What only the network can say: the citizen's edits, an answer posted in the network itself.
    const networkOwned = networkOwnedFields.filter((field) => field in row.newDoc);
    if (networkOwned.length > 0)
      return refuse(row, null, { code: refusalCodes.roleMayNotChange, fields: networkOwned });
    const target = await appealTarget(ctx, row.newDoc.appealId);
    if (!target || !visibleTo(ctx.auth, target.department_ids)) {
      return refuse(row, null, { code: refusalCodes.outOfScope, fields: ['appealId'] });
    }
    const routeProblem = replyRouteProblem(row.newDoc.replyVia, row.newDoc.conversationId, target);
    if (routeProblem) {
      return refuse(row, null, {
        code: routeProblem.code,
        params: { replyVia: String(row.newDoc.replyVia) },
        fields: routeProblem.fields,
      });
    }
    const filesProblem = await answerFilesRefusal(
      ctx.tx,
      ctx.auth.orgId,
      String(row.newDoc.appealId),
      row.newDoc.attachments as AttachmentMeta[],
      typeof row.newDoc.replyVia === 'string' ? row.newDoc.replyVia : null,
    );
    if (filesProblem) {
      return refuse(row, null, {
        code: refusalCodes.answerFiles,
        params: { problem: filesProblem },
        fields: ['attachments'],
      });
    }
    const doc: SyncDoc = {
      ...row.newDoc,
      // The desktop dates its answer, but not past the server's clock (it would sort last for good).
      createdAt: Math.min(Number(row.newDoc.createdAt), ctx.now),
      updatedAt: boundedEditTime(row.newDoc.updatedAt, 0, ctx.now),
      orgId: ctx.auth.orgId,
      deliveryStatus: 'pending',
      deliveryError:
        row.newDoc.replyVia === 'post'
          ? postalPrintRequired
          : (await approvalRequired(ctx.tx, ctx.auth, String(row.newDoc.appealId)))
            ? awaitingApproval
            : null,
    };
    return stored(doc, target, {
      action: 'message.create',
      fields: {},
      details: {
        appealId: doc.appealId,
        conversationId: doc.conversationId,
        replyVia: doc.replyVia,
        length: String(doc.text).length,
        files: (doc.attachments as AttachmentMeta[]).length,
      },
    });
  },
};
