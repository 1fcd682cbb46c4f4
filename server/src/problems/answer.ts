/**
 * «Ответить всем в группе» (issue 13): one text answers every appeal of a problem group, each citizen
 * in their own chat (or by e-mail or post when the appeal has no chat), as a desktop's answer would:
 * a staff message per appeal, stored by the server writer (../sync/server-writes.ts) so the outbox
 * trigger (migration 260) sends it, and the appeal moved to `answered` by the shared status machine
 * (a new appeal is taken first), audited on the appeal. Appeals already answered or closed are left.
 * An executor's answer where the organisation wants a head's approval waits for it, as a desktop's
 * does (../quality/approval.ts: stored pending, no outbox row until approved).
 *
 * Files: the official uploads them for the answer of the appeal they opened (a member;
 * ../appeals/answer-files.ts), and each member's answer carries the same files — a copy of their
 * `answer_files` rows for that appeal (the bytes are content-addressed, stored once), which the outbox
 * sends through each citizen's route (a letter keeps them to print with it, as a desktop's). A route
 * that cannot carry them (too many or too large for it) refuses the whole answer (409
 * files_not_carried) rather than answer some without them.
 */

import type pg from 'pg';
import { type Actor, type AppealAction, applyAction } from '../../../shared/domain/status-machine';
import { answerFilesProblem } from '../../../shared/model/answer-files';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import { postalPrintRequired } from '../../../shared/model/conversation';
import { isOrganisationWide } from '../../../shared/model/roles';
import { type AppealChange, writeAppealChanges } from '../appeals/store';
import type { AuthContext } from '../auth/context';
import { ApiError, forbidden, notFound } from '../http/errors';
import { newId } from '../ids';
import { approvalRequired, awaitingApproval } from '../quality/approval';
import type { SyncDoc } from '../sync/docs';
import { writeServerDocs } from '../sync/server-writes';

type Doc = Record<string, unknown>;

/** Channels whose thread the outbox answers into (as the desktop's composer, renderer/features/appeal/composer/answer.ts). */
const threadChannels = new Set(['vk', 'ok', 'telegram', 'max', 'email', 'portal']);

export interface GroupAnswerResult {
  answered: string[];
  /** Members already answered or closed, or whose status allows no answer: left as they are. */
  skipped: string[];
}

type ReplyVia = 'channel' | 'email' | 'post';

/** The route a desktop would take by default: the appeal's own thread, else its e-mail, else its postal address. */
function routeOf(doc: Doc): ReplyVia | null {
  const contacts = (doc.applicant as { contacts?: { email?: unknown; postalAddress?: unknown } } | undefined)
    ?.contacts;
  const has = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  if (String(doc.conversationId ?? '') !== '' && threadChannels.has(String(doc.channel))) return 'channel';
  if (has(contacts?.email)) return 'email';
  if (has(contacts?.postalAddress)) return 'post';
  return null;
}

/** The status-machine changes that answer the appeal: `answer`, after `take` for a new one; null when none may. */
function answeringChanges(doc: Doc, actor: Actor, now: number): Doc | null {
  let state: Doc = { ...doc };
  const steps: AppealAction[][] = [['answer'], ['take', 'answer']];
  for (const actions of steps) {
    state = { ...doc };
    let failed = false;
    for (const action of actions) {
      const result = applyAction(state as never, action, actor, undefined, now);
      if (!result.ok) {
        failed = true;
        break;
      }
      state = { ...state, ...result.value.changes, status: result.value.status };
    }
    if (!failed) {
      const set: Doc = {};
      for (const [field, value] of Object.entries(state)) if (value !== doc[field]) set[field] = value;
      return set;
    }
  }
  return null;
}

interface AnswerFileRow {
  id: string;
  appeal_id: string;
  sha256: string;
  name: string;
  mime_type: string;
  size: string;
}

/** The files uploaded for one member's answer, in the order given; 400 when any is not one. */
async function groupFiles(
  tx: pg.PoolClient,
  orgId: string,
  memberIds: readonly string[],
  fileIds: readonly string[],
): Promise<AnswerFileRow[]> {
  if (fileIds.length === 0) return [];
  const found = await tx.query<AnswerFileRow>(
    `SELECT id, appeal_id, sha256, name, mime_type, size FROM answer_files
      WHERE org_id = $1 AND id = ANY($2::text[]) AND appeal_id = ANY($3::text[])`,
    [orgId, fileIds, memberIds],
  );
  const byId = new Map(found.rows.map((row) => [row.id, row]));
  const rows = fileIds.map((fileId) => byId.get(fileId));
  if (rows.some((row) => !row) || new Set(found.rows.map((row) => row.appeal_id)).size > 1)
    throw new ApiError(
      400,
      'unknown_files',
      'The files must be uploaded for the answer of one appeal of the group',
    );
  return rows as AnswerFileRow[];
}

/** The member's own copy of the files (its `answer_files` rows), as the answer's attachments. */
async function filesFor(
  tx: pg.PoolClient,
  auth: AuthContext,
  appealId: string,
  files: readonly AnswerFileRow[],
  now: number,
): Promise<AttachmentMeta[]> {
  const metas: AttachmentMeta[] = [];
  for (const file of files) {
    let fileId = file.id;
    if (file.appeal_id !== appealId) {
      fileId = newId(now);
      await tx.query(
        `INSERT INTO answer_files (id, org_id, appeal_id, uploaded_by, sha256, name, mime_type, size)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [fileId, auth.orgId, appealId, auth.userId, file.sha256, file.name, file.mime_type, file.size],
      );
    }
    metas.push({
      id: fileId,
      name: file.name,
      mimeType: file.mime_type,
      size: Number(file.size),
      sha256: file.sha256,
    });
  }
  return metas;
}

export async function answerProblem(
  tx: pg.PoolClient,
  auth: AuthContext,
  problemId: string,
  text: string,
  now = Date.now(),
  fileIds: readonly string[] = [],
): Promise<GroupAnswerResult> {
  const found = await tx.query<{ id: string; doc: Doc; visible: boolean }>(
    `SELECT a.id, a.doc, ($3 OR a.department_ids && $4::text[]) AS visible
       FROM problem_members m JOIN sync_appeals a ON a.org_id = m.org_id AND a.id = m.appeal_id
      WHERE m.org_id = $1 AND m.problem_id = $2 AND NOT coalesce((a.doc->>'_deleted')::boolean, false)
      ORDER BY a.id FOR UPDATE OF a`,
    [auth.orgId, problemId, isOrganisationWide(auth.role), auth.departmentIds],
  );
  if (found.rows.length === 0) throw notFound('No such problem group');
  if (found.rows.some((row) => !row.visible))
    throw forbidden(
      'Some appeals of the group are outside your departments; a supervisor answers them together',
    );
  const author = await tx.query<{ display_name: string }>(
    'SELECT display_name FROM users WHERE org_id = $1 AND id = $2',
    [auth.orgId, auth.userId],
  );
  const displayName = author.rows[0]?.display_name ?? '';
  const files = await groupFiles(
    tx,
    auth.orgId,
    found.rows.map((row) => row.id),
    fileIds,
  );
  const sizes = files.map((file) => ({ size: Number(file.size) }));
  const notCarried = found.rows
    .filter(({ doc }) => {
      const via = routeOf(doc);
      return files.length > 0 && via !== null && answerFilesProblem(sizes, via) !== null;
    })
    .map((row) => row.id);
  if (notCarried.length > 0)
    throw new ApiError(409, 'files_not_carried', 'The route of some appeals cannot carry these files', {
      appealIds: notCarried,
    });
  const actor: Actor = { role: auth.role, userId: auth.userId, departmentIds: auth.departmentIds };
  const messages: SyncDoc[] = [];
  const changes: AppealChange[] = [];
  const skipped: string[] = [];
  for (const { id, doc } of found.rows) {
    const set = answeringChanges(doc, actor, now);
    const replyVia = routeOf(doc);
    if (!set || !replyVia) {
      skipped.push(id);
      continue;
    }
    const messageId = newId(now);
    // An executor's answer in a department under a head's approval waits for it, as from a desktop.
    const held = replyVia !== 'post' && (await approvalRequired(tx, auth, id));
    messages.push({
      id: messageId,
      orgId: auth.orgId,
      conversationId: String(doc.conversationId ?? ''),
      appealId: id,
      direction: 'out',
      author: { kind: 'staff', userId: auth.userId, displayName },
      text,
      attachments: await filesFor(tx, auth, id, files, now),
      createdAt: now,
      replyVia,
      deliveryStatus: 'pending',
      deliveryError: replyVia === 'post' ? postalPrintRequired : held ? awaitingApproval : null,
      updatedAt: now,
      _deleted: false,
    });
    changes.push({
      id,
      before: doc,
      set,
      audit: {
        actorUserId: auth.userId,
        deviceId: auth.deviceId,
        action: 'problem.answer',
        fields: { status: { old: doc.status, new: set.status ?? doc.status } },
        details: {
          problemId,
          messageId,
          replyVia,
          ...(files.length > 0 ? { files: files.length } : {}),
          ...(held ? { awaitingApproval: true } : {}),
        },
      },
    });
  }
  if (changes.length === 0)
    throw new ApiError(409, 'nothing_to_answer', 'Every appeal of the group is answered or closed');
  await writeServerDocs(tx, 'messages', auth.orgId, messages);
  await writeAppealChanges(tx, auth.orgId, changes, { rule: 'afterPrevious', now });
  return { answered: changes.map((change) => change.id), skipped };
}
