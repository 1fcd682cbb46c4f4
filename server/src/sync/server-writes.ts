/**
 * Writes by the server itself (channels storing inbound messages and conversations, the delivery job
 * updating `deliveryStatus`, admin tools editing answer templates) into the replicated tables, so
 * desktops receive them: each document gets a fresh seq under the organisation's lock, its scope
 * columns, and a NOTIFY on commit. Given a pool, it runs in its own transaction; given a client, in
 * the caller's (which must be inside BEGIN … COMMIT: the seq lock lasts until commit).
 */
import pg from 'pg';
import { inTransaction } from '../db/pool';
import type { SyncDoc } from './docs';
import { notifyChange } from './notifier';

export type ServerWritableCollection = 'conversations' | 'messages' | 'answerTemplates';

const statements: Record<ServerWritableCollection, string> = {
  conversations: `
    INSERT INTO sync_conversations (org_id, id, seq, doc, department_ids)
    SELECT $1, r.id, nextval('okno_sync_seq'), r.doc,
           ARRAY(SELECT DISTINCT d FROM sync_appeals a, unnest(a.department_ids) d
                  WHERE a.org_id = $1 AND a.conversation_id = r.id
                    AND NOT coalesce((a.doc->>'_deleted')::boolean, false) ORDER BY 1)
      FROM jsonb_to_recordset($2::jsonb) AS r(id text, doc jsonb)
    ON CONFLICT (org_id, id) DO UPDATE
      SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, department_ids = EXCLUDED.department_ids, updated_at = now()`,
  messages: `
    INSERT INTO sync_messages (org_id, id, seq, doc, department_ids, appeal_id, conversation_id)
    SELECT $1, r.id, nextval('okno_sync_seq'), r.doc,
           CASE WHEN r.doc->>'appealId' <> ''
             THEN coalesce((SELECT a.department_ids FROM sync_appeals a WHERE a.org_id = $1 AND a.id = r.doc->>'appealId'), '{}')
             ELSE coalesce((SELECT c.department_ids FROM sync_conversations c
                             WHERE c.org_id = $1 AND c.id = r.doc->>'conversationId'), '{}')
           END,
           coalesce(r.doc->>'appealId', ''), coalesce(r.doc->>'conversationId', '')
      FROM jsonb_to_recordset($2::jsonb) AS r(id text, doc jsonb)
    ON CONFLICT (org_id, id) DO UPDATE
      SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, department_ids = EXCLUDED.department_ids,
          appeal_id = EXCLUDED.appeal_id, conversation_id = EXCLUDED.conversation_id, updated_at = now()`,
  answerTemplates: `
    INSERT INTO sync_answer_templates (org_id, id, seq, doc, department_ids)
    SELECT $1, r.id, nextval('okno_sync_seq'), r.doc,
           CASE WHEN r.doc->>'departmentId' IS NULL THEN NULL ELSE ARRAY[r.doc->>'departmentId'] END
      FROM jsonb_to_recordset($2::jsonb) AS r(id text, doc jsonb)
    ON CONFLICT (org_id, id) DO UPDATE
      SET seq = EXCLUDED.seq, doc = EXCLUDED.doc, department_ids = EXCLUDED.department_ids, updated_at = now()`,
};

/**
 * Upserts documents (full states with an explicit `_deleted`) as the server. Scope comes from the
 * appeals: a message from its appeal (or its conversation while it has none), a conversation from
 * the appeals made from it; an answer template's from its own `departmentId` (and `personal`,
 * through migration 450's derived column).
 */
export async function writeServerDocs(
  db: pg.Pool | pg.PoolClient,
  collection: ServerWritableCollection,
  orgId: string,
  docs: SyncDoc[],
): Promise<void> {
  if (docs.length === 0) return;
  if (db instanceof pg.Pool) return inTransaction(db, (tx) => writeServerDocs(tx, collection, orgId, docs));
  const tx = db;
  await tx.query('SELECT okno_sync_lock($1)', [orgId]);
  const rows = docs.map((doc) => ({ id: doc.id, doc: { ...doc, orgId, _deleted: doc._deleted === true } }));
  await tx.query(statements[collection], [orgId, JSON.stringify(rows)]);
  await notifyChange(tx, orgId);
}
