/**
 * Scope effects of an appeal change, inside the pushing transaction:
 * - an appeal that moved to another department leaves its old department's operators and heads:
 *   each gets an exit row carrying a tombstone of the appeal's previous state, its content blanked
 *   (`okno_sync_exit_doc`, migration 105: schema-valid, but no applicant, text or links);
 * - the appeal's conversations and messages follow it: their `department_ids` are recomputed, they
 *   get a new seq (so the new department pulls them) and exit rows for whoever lost them.
 */
import type { Queryable } from '../db/pool';
import type { WrittenDoc } from '../sync/types';
import { writeAppealChanges } from './store';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

async function appealExits(db: Queryable, orgId: string, moved: WrittenDoc[]): Promise<void> {
  const rows = moved.map((w) => ({
    id: w.id,
    doc: w.before!.doc,
    old_depts: w.before!.departmentIds ?? [],
    new_depts: w.columns.departmentIds ?? [],
  }));
  await db.query(
    `INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
     SELECT nextval('okno_sync_seq'), $1, u.user_id, 'appeals', r.id, 'exit', okno_sync_exit_doc('appeals', r.doc)
       FROM jsonb_to_recordset($2::jsonb) AS r(id text, doc jsonb, old_depts text[], new_depts text[])
       JOIN okno_sync_department_users u ON u.org_id = $1
      WHERE u.depts && r.old_depts AND NOT (u.depts && r.new_depts)`,
    [orgId, JSON.stringify(rows)],
  );
}

/** Recomputes conversations' scope from their appeals. */
export async function rescopeConversations(
  db: Queryable,
  orgId: string,
  conversationIds: string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  await db.query(
    `WITH target AS (
       SELECT c.id, c.doc, c.department_ids AS old_depts,
              ARRAY(SELECT DISTINCT d FROM sync_appeals a, unnest(a.department_ids) d
                     WHERE a.org_id = c.org_id AND a.conversation_id = c.id
                       AND NOT coalesce((a.doc->>'_deleted')::boolean, false) ORDER BY 1) AS new_depts
         FROM sync_conversations c WHERE c.org_id = $1 AND c.id = ANY($2::text[])
     ), changed AS (
       UPDATE sync_conversations c SET department_ids = t.new_depts, seq = nextval('okno_sync_seq'), updated_at = now()
         FROM target t WHERE c.org_id = $1 AND c.id = t.id AND c.department_ids IS DISTINCT FROM t.new_depts
       RETURNING c.id
     )
     INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
     SELECT nextval('okno_sync_seq'), $1, u.user_id, 'conversations', t.id, 'exit', okno_sync_exit_doc('conversations', t.doc)
       FROM changed ch JOIN target t ON t.id = ch.id
       JOIN okno_sync_department_users u ON u.org_id = $1
      WHERE u.depts && t.old_depts AND NOT (u.depts && t.new_depts)`,
    [orgId, conversationIds],
  );
}

/** Messages take their appeal's scope, or their conversation's while they belong to no appeal. */
export async function rescopeMessages(
  db: Queryable,
  orgId: string,
  appealIds: string[],
  conversationIds: string[],
): Promise<void> {
  if (appealIds.length === 0 && conversationIds.length === 0) return;
  await db.query(
    `WITH target AS (
       SELECT m.id, m.doc, m.department_ids AS old_depts,
              CASE WHEN m.appeal_id <> ''
                THEN coalesce((SELECT a.department_ids FROM sync_appeals a WHERE a.org_id = m.org_id AND a.id = m.appeal_id), '{}')
                ELSE coalesce((SELECT c.department_ids FROM sync_conversations c WHERE c.org_id = m.org_id AND c.id = m.conversation_id), '{}')
              END AS new_depts
         FROM sync_messages m
        WHERE m.org_id = $1 AND (m.appeal_id = ANY($2::text[]) OR (m.appeal_id = '' AND m.conversation_id = ANY($3::text[])))
     ), changed AS (
       UPDATE sync_messages m SET department_ids = t.new_depts, seq = nextval('okno_sync_seq'), updated_at = now()
         FROM target t WHERE m.org_id = $1 AND m.id = t.id AND m.department_ids IS DISTINCT FROM t.new_depts
       RETURNING m.id
     )
     INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
     SELECT nextval('okno_sync_seq'), $1, u.user_id, 'messages', t.id, 'exit', okno_sync_exit_doc('messages', t.doc)
       FROM changed ch JOIN target t ON t.id = ch.id
       JOIN okno_sync_department_users u ON u.org_id = $1
      WHERE u.depts && t.old_depts AND NOT (u.depts && t.new_depts)`,
    [orgId, appealIds, conversationIds],
  );
}

/**
 * Links an appeal to the conversation it was born from. The link is the server's decision alone
 * (channels, the bot, the demo seed; a desktop's push can never set it, ./writer.ts): it decides who
 * sees the chat and its messages and whom a channel answer reaches. The conversation and its
 * messages are re-scoped to the appeal's department. Runs in the caller's transaction.
 */
export async function linkConversation(
  tx: Queryable,
  orgId: string,
  appealId: string,
  conversationId: string,
): Promise<void> {
  const link = { id: appealId, before: {}, set: { conversationId } };
  await writeAppealChanges(tx, orgId, [link], {
    rule: 'unchanged',
    consequences: async () => {
      await rescopeConversations(tx, orgId, [conversationId]);
      await rescopeMessages(tx, orgId, [appealId], [conversationId]);
    },
  });
}

/** After appeals were written: exits for moved appeals, then their conversations and messages follow. */
export async function applyAppealScopeEffects(
  db: Queryable,
  orgId: string,
  written: WrittenDoc[],
): Promise<void> {
  const moved = written.filter(
    (w) => w.before && !sameSet(w.before.departmentIds ?? [], w.columns.departmentIds ?? []),
  );
  const relinked = written.filter(
    (w) =>
      !w.before ||
      w.before.doc.conversationId !== w.doc.conversationId ||
      moved.includes(w) ||
      w.doc._deleted,
  );
  if (moved.length > 0) await appealExits(db, orgId, moved);
  if (relinked.length === 0) return;
  const conversations = new Set<string>();
  for (const w of relinked) {
    if (typeof w.doc.conversationId === 'string' && w.doc.conversationId)
      conversations.add(w.doc.conversationId);
    const before = w.before?.doc.conversationId;
    if (typeof before === 'string' && before) conversations.add(before);
  }
  await rescopeConversations(db, orgId, [...conversations]);
  await rescopeMessages(
    db,
    orgId,
    relinked.map((w) => w.id),
    [...conversations],
  );
}
