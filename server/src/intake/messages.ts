/**
 * Messages of a conversation, as the desktop replicates them. Inbound messages are `delivered`
 * from the start; an outbound message written here (e.g. a bot reply recorded for the inbox)
 * starts `pending` for the delivery job, like one pushed from a desktop.
 */
import type { MessageAuthorKind, MessageDirection } from '../../../shared/model/vocabulary';
import { messageSchema } from '../../../shared/schemas/messages';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { schemaValidator } from '../sync/validation';
import { clip, type Doc, type SystemAudit } from './store';
import type { AttachmentMeta } from './types';

const validateMessage = schemaValidator(messageSchema);

export interface MessageInput {
  orgId: string;
  conversationId: string;
  /** '' = a loose message of the conversation. */
  appealId: string;
  direction: MessageDirection;
  author: { kind: MessageAuthorKind; userId?: string | null; displayName: string };
  text: string;
  attachments?: AttachmentMeta[];
  createdAt: number;
  id?: string;
}

export function messageDoc(input: MessageInput, now = Date.now()): Doc {
  const doc: Doc = {
    id: input.id ?? newId(now),
    orgId: input.orgId,
    conversationId: input.conversationId,
    appealId: input.appealId,
    direction: input.direction,
    author: {
      kind: input.author.kind,
      userId: input.author.userId ?? null,
      displayName: clip(input.author.displayName, 200),
    },
    text: clip(input.text, 100_000),
    attachments: input.attachments ?? [],
    createdAt: input.createdAt,
    replyVia: null,
    deliveryStatus: input.direction === 'in' ? 'delivered' : 'pending',
    deliveryError: null,
    updatedAt: now,
    _deleted: false,
  };
  const problem = validateMessage(doc);
  if (problem) throw new Error(`message ${String(doc.id)} is invalid: ${problem}`);
  return doc;
}

export function messageAudit(doc: Doc, details: Record<string, unknown> = {}): SystemAudit {
  return {
    action: 'message.create',
    entity: 'message',
    entityId: String(doc.id),
    details: {
      appealId: doc.appealId,
      conversationId: doc.conversationId,
      direction: doc.direction,
      length: String(doc.text).length,
      attachments: (doc.attachments as unknown[]).length,
      ...details,
    },
  };
}

/** Scope of a message: its appeal's departments, or its conversation's while it has no appeal. */
export async function messageScope(
  tx: Queryable,
  orgId: string,
  conversationId: string,
  appealId: string,
): Promise<string[]> {
  const result = appealId
    ? await tx.query<{ d: string[] }>(
        'SELECT department_ids AS d FROM sync_appeals WHERE org_id = $1 AND id = $2',
        [orgId, appealId],
      )
    : await tx.query<{ d: string[] }>(
        'SELECT department_ids AS d FROM sync_conversations WHERE org_id = $1 AND id = $2',
        [orgId, conversationId],
      );
  return result.rows[0]?.d ?? [];
}
