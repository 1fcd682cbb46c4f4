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
import { editCandidateText } from './comment-edits';
import { messageDoc } from './messages';
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
 * - `added`: the edited message is the text of a formal appeal the bot registered (the wizard kept
 *   it, no message was written): the new text joins the appeal's thread as the citizen's message,
 *   marked edited with the registered text as its earlier version; the appeal's text stays;
 * - `unchanged`: same text (an edit of the attachments only) or an older edit arriving late;
 * - `unknown`: no message of that id was recorded (wizard input the bot kept to itself, or a
 *   message from before the channel was connected) — nothing is written.
 */
export type EditOutcome = 'edited' | 'added' | 'unchanged' | 'unknown';

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
  if (!stored) return recordEditOfRegisteredText(tx, edit, now);
  if (stored._deleted === true) return 'unknown';
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
  await editCandidateText(tx, edit.orgId, String(stored.appealId ?? ''), String(stored.text), text, now);
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

/**
 * The edit of a message the wizard took as a formal appeal's text (appeal_text_messages, migration
 * 320): what was registered stays as registered (59-FZ: the registered appeal is the one answered);
 * the new wording joins the thread as a later version, for the official to consider like an addition.
 */
async function recordEditOfRegisteredText(
  tx: pg.PoolClient,
  edit: InboundEdit,
  now: number,
): Promise<EditOutcome> {
  const found = await tx.query<{ appeal: Doc; department_ids: string[] }>(
    `SELECT a.doc AS appeal, a.department_ids FROM appeal_text_messages t
       JOIN sync_appeals a ON a.org_id = t.org_id AND a.id = t.appeal_id
      WHERE t.channel_account_id = $1 AND t.external_message_id = $2 AND t.org_id = $3`,
    [edit.channelAccountId, edit.externalMessageId, edit.orgId],
  );
  const row = found.rows[0];
  if (!row || row.appeal._deleted === true) return 'unknown';
  const appeal = row.appeal;
  const name = (appeal.applicant as { name?: Record<string, string | null> } | undefined)?.name ?? {};
  const displayName = [name.lastName, name.firstName, name.patronymic].filter(Boolean).join(' ');
  const doc: Doc = {
    ...messageDoc(
      {
        orgId: edit.orgId,
        conversationId: String(appeal.conversationId),
        appealId: String(appeal.id),
        direction: 'in',
        author: { kind: 'applicant', displayName: displayName || String(appeal.registrationNumber ?? '') },
        text: edit.text,
        createdAt: edit.editedAt,
      },
      now,
    ),
    editedAt: edit.editedAt,
    earlierVersions: [{ text: clip(String(appeal.text ?? ''), 100_000), until: edit.editedAt }],
  };
  const problem = validateMessage(doc);
  if (problem) throw new Error(`edit of appeal ${String(appeal.id)} is invalid: ${problem}`);
  await writeIntake(tx, edit.orgId, {
    message: { doc, departmentIds: row.department_ids },
    audit: [
      {
        action: 'message.edit',
        entity: 'message',
        entityId: String(doc.id),
        details: {
          appealId: appeal.id,
          conversationId: appeal.conversationId,
          source: edit.network,
          channelAccountId: edit.channelAccountId,
          ...(edit.rawEventId ? { rawEventId: edit.rawEventId } : {}),
          length: String(doc.text).length,
          registeredTextKept: true,
        },
      },
    ],
    lookup: {
      message: {
        channelAccountId: edit.channelAccountId,
        externalMessageId: edit.externalMessageId,
        messageId: String(doc.id),
        conversationId: String(appeal.conversationId),
        appealId: String(appeal.id),
      },
    },
  });
  return 'added';
}
