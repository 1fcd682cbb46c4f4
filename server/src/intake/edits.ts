/**
 * `recordInboundEdit`: the citizen edited a message in the network. The stored message takes the
 * new text as its current version and keeps the texts it had before (`earlierVersions`, oldest
 * first), so the official sees what was written and when it changed. An appeal's registered text
 * (`appeals.text`) is never touched: what was registered stays as registered, the edit is a later
 * version of the message beside it (docs/DOMAIN.md, "Edited messages").
 */

import type pg from 'pg';
import { maxEarlierVersions, messageSchema } from '../../../shared/schemas/messages';
import { writeServerDocs } from '../sync/server-writes';
import { schemaValidator } from '../sync/validation';
import { clip, type Doc, writeIntake } from './store';
import type { InboundNetwork } from './types';

const validateMessage = schemaValidator(messageSchema);

export interface InboundEdit {
  orgId: string;
  network: InboundNetwork;
  channelAccountId: string;
  /** The network's id of the edited message, as its first version was recorded under. */
  externalMessageId: string;
  text: string;
  /** Epoch milliseconds, as the network dates the edit. */
  editedAt: number;
  rawEventId?: string;
}

/**
 * - `edited`: the message has the new text;
 * - `unchanged`: same text (an edit of the attachments only) or an older edit arriving late;
 * - `unknown`: no message of that id was recorded (wizard input the bot kept to itself, or a
 *   message from before the channel was connected) — nothing is written.
 */
export type EditOutcome = 'edited' | 'unchanged' | 'unknown';

/** Earlier versions with one more: the first one and the latest ones are kept. */
function withEarlier(
  earlier: readonly { text: string; until: number }[],
  version: { text: string; until: number },
) {
  const all = [...earlier, version];
  return all.length <= maxEarlierVersions ? all : [all[0]!, ...all.slice(-(maxEarlierVersions - 1))];
}

export async function recordInboundEdit(
  tx: pg.PoolClient,
  edit: InboundEdit,
  now = Date.now(),
): Promise<EditOutcome> {
  const found = await tx.query<{ doc: Doc }>(
    `SELECT m.doc FROM intake_messages i
       JOIN sync_messages m ON m.org_id = $1 AND m.id = i.message_id
      WHERE i.channel_account_id = $2 AND i.external_message_id = $3
      FOR UPDATE OF m`,
    [edit.orgId, edit.channelAccountId, edit.externalMessageId],
  );
  const stored = found.rows[0]?.doc;
  if (!stored || stored._deleted === true) return 'unknown';
  const text = clip(edit.text, 100_000);
  const lastEdit = typeof stored.editedAt === 'number' ? stored.editedAt : null;
  if (stored.text === text || (lastEdit !== null && edit.editedAt < lastEdit)) return 'unchanged';
  const earlier = Array.isArray(stored.earlierVersions)
    ? (stored.earlierVersions as { text: string; until: number }[])
    : [];
  const doc: Doc = {
    ...stored,
    text,
    editedAt: edit.editedAt,
    earlierVersions: withEarlier(earlier, { text: String(stored.text), until: edit.editedAt }),
    updatedAt: Math.max(now, Number(stored.updatedAt) + 1),
  };
  const problem = validateMessage(doc);
  if (problem) throw new Error(`edited message ${String(doc.id)} is invalid: ${problem}`);
  await writeServerDocs(tx, 'messages', edit.orgId, [{ ...doc, _deleted: false }]);
  await writeIntake(tx, edit.orgId, {
    audit: [
      {
        action: 'message.edit',
        entity: 'message',
        entityId: String(doc.id),
        details: {
          appealId: doc.appealId,
          conversationId: doc.conversationId,
          source: edit.network,
          channelAccountId: edit.channelAccountId,
          ...(edit.rawEventId ? { rawEventId: edit.rawEventId } : {}),
          length: text.length,
          versions: (doc.earlierVersions as unknown[]).length + 1,
        },
      },
    ],
  });
  return 'edited';
}
