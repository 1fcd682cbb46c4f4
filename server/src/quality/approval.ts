/**
 * A head's approval of answers (issue 14, docs/DOMAIN.md «Качество ответов»). The organisation says
 * per department and regime whether an executor's answer waits for the department head
 * (`quality_approval_rules`). Such an answer is stored `pending` with the reason
 * {@link awaitingApproval} and gets no outbox row (migration 540's trigger, which also opens its
 * `answer_approvals` row); the head — or a supervisor — approves it (it goes out, possibly edited)
 * or returns it with a comment (the message becomes `failed` with {@link returnedForRework} and the
 * comment lands on the appeal as an internal comment the executor reads). Every decision is audited
 * on the appeal, so its history shows it.
 */

import type pg from 'pg';
import { isManager, isOrganisationWide } from '../../../shared/model/roles';
import { awaitingApproval, returnedForRework } from '../../../shared/quality/approval';
import { editAppeal } from '../appeals/store';
import { appendAudit } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';
import { ApiError, forbidden, notFound } from '../http/errors';
import { newId } from '../ids';
import type { SyncDoc } from '../sync/docs';
import { writeServerDocs } from '../sync/server-writes';

/** Other writers of answers (a problem group's answer, server/src/problems) hold them the same way. */
export { awaitingApproval };

/**
 * Whether an answer by `auth` into this appeal waits for approval: an executor's (operator's) answer
 * in a department and regime the organisation put under approval. Heads, supervisors and admins
 * answer on their own authority.
 */
export async function approvalRequired(tx: Queryable, auth: AuthContext, appealId: string): Promise<boolean> {
  if (isManager(auth.role)) return false;
  const found = await tx.query(
    `SELECT 1 FROM sync_appeals a
       JOIN quality_approval_rules r
         ON r.org_id = a.org_id AND r.department_id = a.doc->>'departmentId' AND r.regime = a.doc->>'regime'
      WHERE a.org_id = $1 AND a.id = $2`,
    [auth.orgId, appealId],
  );
  return (found.rowCount ?? 0) > 0;
}

export interface PendingApproval {
  messageId: string;
  appealId: string;
  registrationNumber: string | null;
  subject: string;
  regime: string;
  authorUserId: string;
  authorName: string;
  text: string;
  submittedAt: number;
}

/** The answers awaiting approval the caller may decide: a head's departments, or the whole organisation. */
export async function pendingApprovals(db: Queryable, auth: AuthContext): Promise<PendingApproval[]> {
  const wide = isOrganisationWide(auth.role);
  const found = await db.query<{
    message_id: string;
    appeal_id: string;
    registration_number: string | null;
    subject: string | null;
    regime: string | null;
    author_user_id: string;
    author_name: string | null;
    text: string | null;
    created_at: Date;
  }>(
    `SELECT q.message_id, q.appeal_id, a.doc->>'registrationNumber' AS registration_number,
            a.doc->>'subject' AS subject, a.doc->>'regime' AS regime, q.author_user_id,
            m.doc->'author'->>'displayName' AS author_name, m.doc->>'text' AS text, q.created_at
       FROM answer_approvals q
       JOIN sync_messages m ON m.org_id = q.org_id AND m.id = q.message_id
       LEFT JOIN sync_appeals a ON a.org_id = q.org_id AND a.id = q.appeal_id
      WHERE q.org_id = $1 AND q.status = 'pending' AND ($2 OR q.department_ids && $3::text[])
      ORDER BY q.created_at
      LIMIT 500`,
    [auth.orgId, wide, auth.departmentIds],
  );
  return found.rows.map((row) => ({
    messageId: row.message_id,
    appealId: row.appeal_id,
    registrationNumber: row.registration_number,
    subject: row.subject ?? '',
    regime: row.regime ?? '',
    authorUserId: row.author_user_id,
    authorName: row.author_name ?? '',
    text: row.text ?? '',
    submittedAt: row.created_at.getTime(),
  }));
}

interface HeldAnswer {
  appealId: string;
  doc: SyncDoc;
}

/**
 * The pending approval of `messageId`, locked, once the caller may decide it: 404 when there is none
 * in the organisation, 403 for an operator or a head of other departments.
 */
async function heldAnswer(tx: pg.PoolClient, auth: AuthContext, messageId: string): Promise<HeldAnswer> {
  const found = await tx.query<{ appeal_id: string; department_ids: string[]; status: string; doc: SyncDoc }>(
    `SELECT q.appeal_id, q.department_ids, q.status, m.doc
       FROM answer_approvals q JOIN sync_messages m ON m.org_id = q.org_id AND m.id = q.message_id
      WHERE q.org_id = $1 AND q.message_id = $2
      FOR UPDATE OF q`,
    [auth.orgId, messageId],
  );
  const row = found.rows[0];
  if (!row) throw notFound('No such answer awaiting approval');
  const mayDecide =
    isOrganisationWide(auth.role) ||
    (auth.role === 'head' && row.department_ids.some((id) => auth.departmentIds.includes(id)));
  if (!mayDecide) throw forbidden('Only the head of the department or a supervisor approves answers');
  if (row.status !== 'pending')
    throw new ApiError(409, 'already_decided', 'The answer was already approved or returned');
  return { appealId: row.appeal_id, doc: row.doc };
}

async function decide(
  tx: pg.PoolClient,
  auth: AuthContext,
  messageId: string,
  status: 'approved' | 'returned',
  comment: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE answer_approvals SET status = $3, comment = $4, decided_by = $5, decided_at = now()
      WHERE org_id = $1 AND message_id = $2`,
    [auth.orgId, messageId, status, comment, auth.userId],
  );
}

/**
 * Approves a held answer, with the head's own wording when `text` is given: the message is stored
 * `pending` without the hold and its outbox row is made (the same routes as any answer, migration 540).
 */
export async function approveAnswer(
  tx: pg.PoolClient,
  auth: AuthContext,
  messageId: string,
  text: string | null,
  now: number,
): Promise<{ appealId: string; text: string }> {
  const held = await heldAnswer(tx, auth, messageId);
  const before = String(held.doc.text ?? '');
  const edited = text !== null && text.trim() !== '' && text !== before;
  const doc: SyncDoc = {
    ...held.doc,
    ...(edited ? { text } : {}),
    deliveryStatus: 'pending',
    deliveryError: null,
    updatedAt: Math.max(now, Number(held.doc.updatedAt ?? 0) + 1),
  };
  await writeServerDocs(tx, 'messages', auth.orgId, [doc]);
  await tx.query('SELECT okno_outbox_enqueue_answer_doc($1, $2, $3::jsonb)', [
    auth.orgId,
    messageId,
    JSON.stringify(doc),
  ]);
  await decide(tx, auth, messageId, 'approved', null);
  await appendAudit(tx, {
    orgId: auth.orgId,
    actorUserId: auth.userId,
    deviceId: auth.deviceId,
    action: 'answer.approve',
    entity: 'appeal',
    entityId: held.appealId,
    fields: { approval: { old: 'pending', new: 'approved' } },
    // The answer's words may hold personal data: the audit keeps their lengths only.
    details: { messageId, edited, length: { old: before.length, new: String(doc.text).length } },
  });
  return { appealId: held.appealId, text: String(doc.text) };
}

/**
 * Returns a held answer for rework: the message is `failed` with {@link returnedForRework}; the
 * head's comment becomes an internal comment on the appeal (staff only, never sent).
 */
export async function returnAnswer(
  tx: pg.PoolClient,
  auth: AuthContext,
  messageId: string,
  comment: string,
  now: number,
): Promise<{ appealId: string }> {
  const held = await heldAnswer(tx, auth, messageId);
  const doc: SyncDoc = {
    ...held.doc,
    deliveryStatus: 'failed',
    deliveryError: returnedForRework,
    updatedAt: Math.max(now, Number(held.doc.updatedAt ?? 0) + 1),
  };
  await writeServerDocs(tx, 'messages', auth.orgId, [doc]);
  await decide(tx, auth, messageId, 'returned', comment);
  await editAppeal(
    tx,
    auth.orgId,
    held.appealId,
    (appeal) => ({
      set: {
        comments: [
          ...((appeal.comments as unknown[] | undefined) ?? []),
          { id: newId(now), authorId: auth.userId, text: comment, at: now },
        ],
      },
      audit: {
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action: 'answer.return',
        fields: { approval: { old: 'pending', new: 'returned' } },
        details: { messageId },
      },
    }),
    { rule: 'afterPrevious', now },
  );
  return { appealId: held.appealId };
}
