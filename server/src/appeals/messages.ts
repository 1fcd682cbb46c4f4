/**
 * Messages pushed from a desktop are staff answers into an appeal the user can see. They are
 * created once and never edited or deleted from a desktop; delivery fields belong to the server's
 * delivery job (a new message starts `pending`). Inbound messages are written by the channels.
 */
import { messageSchema } from '../../../shared/schemas/messages';
import { type SyncDoc, sameState } from '../sync/docs';
import { visibleTo } from '../sync/push';
import { refusalCodes } from '../sync/refusal';
import type { CollectionWriter } from '../sync/types';
import { schemaValidator } from '../sync/validation';
import { refuse } from '../sync/writers';

const validate = schemaValidator(messageSchema);

export const messagesWriter: CollectionWriter = {
  async decide(ctx, row, master) {
    if (master) {
      if (sameState(row.newDoc, master.doc)) return { store: null, reply: null, refusal: null };
      return refuse(row, master, { code: refusalCodes.immutable });
    }
    if (row.newDoc._deleted) return refuse(row, null, { code: refusalCodes.immutable });
    const problem = validate(row.newDoc);
    if (problem) return refuse(row, null, { code: refusalCodes.invalidDocument, params: { problem } });
    const author = row.newDoc.author as { kind?: unknown; userId?: unknown };
    if (row.newDoc.direction !== 'out' || author.kind !== 'staff' || author.userId !== ctx.auth.userId) {
      return refuse(row, null, { code: refusalCodes.roleMayNotChange, fields: ['direction', 'author'] });
    }
    const appeal = await ctx.tx.query<{ department_ids: string[]; conversation_id: string }>(
      'SELECT department_ids, conversation_id FROM sync_appeals WHERE org_id = $1 AND id = $2',
      [ctx.auth.orgId, row.newDoc.appealId],
    );
    const target = appeal.rows[0];
    if (!target || !visibleTo(ctx.auth, target.department_ids)) {
      return refuse(row, null, { code: refusalCodes.outOfScope, fields: ['appealId'] });
    }
    const doc: SyncDoc = {
      ...row.newDoc,
      orgId: ctx.auth.orgId,
      deliveryStatus: 'pending',
      deliveryError: null,
    };
    return {
      store: {
        doc,
        columns: {
          departmentIds: target.department_ids,
          appealId: String(doc.appealId),
          conversationId: String(doc.conversationId),
        },
        audit: {
          action: 'message.create',
          fields: {},
          details: {
            appealId: doc.appealId,
            conversationId: doc.conversationId,
            length: String(doc.text).length,
          },
        },
      },
      reply: null,
      refusal: null,
    };
  },
};
