/**
 * What the citizen does to a filed appeal from the chat (issue 12), as it reaches the appeal:
 * - an addition (дополнение): the citizen's messages and files are written into the appeal's thread
 *   by the intake (the dispatcher's placement `appeal`); here each part gets an entry in the appeal's
 *   history, so officials see it in the timeline as well as in the thread;
 * - a withdrawal (заявление об отзыве): the status machine's system action `withdraw` closes the
 *   appeal (result «Оставлено без ответа автору», the statement in `outcomeNote`), deadlines are
 *   recomputed and the change is audited like every server change (../appeals/store.ts); the filing
 *   remembers it, and the notice job is told the closure was announced by the bot itself.
 */
import { applyAction, type TransitionSubject } from '../../../shared/domain/status-machine';
import { loadOrgRules, withDeadlines } from '../appeals/registration';
import { editAppeal } from '../appeals/store';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { snapshotOf } from './filing';

type Doc = Record<string, unknown>;

const auditedFields = ['status', 'closedAt', 'result', 'art11Outcome', 'outcomeNote', 'dueAt'] as const;

/**
 * Closes the appeal by the applicant's statement. Null when the status machine refuses (answered,
 * closed or not formal): the appeal is left as it is.
 */
export async function withdrawAppeal(
  tx: Queryable,
  orgId: string,
  appealId: string,
  note: string,
  now: number,
): Promise<{ closedAt: number } | null> {
  const rules = await loadOrgRules(tx, orgId);
  let closedAt = now;
  const stored = await editAppeal(
    tx,
    orgId,
    appealId,
    (before) => {
      const moved = applyAction(
        before as unknown as TransitionSubject,
        'withdraw',
        { role: 'admin', system: true },
        { note },
        now,
      );
      if (!moved.ok) return null;
      const after: Doc = withDeadlines(
        before,
        { ...before, ...moved.value.changes, status: moved.value.status },
        rules,
      );
      closedAt = Number(after.closedAt);
      const set = Object.fromEntries(auditedFields.map((field) => [field, after[field]]));
      return {
        set,
        audit: {
          actorUserId: null,
          action: 'appeal.update',
          fields: Object.fromEntries(
            auditedFields
              .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
              .map((f) => [f, { old: before[f] ?? null, new: after[f] ?? null }]),
          ),
          details: { actions: ['withdraw'], actor: 'system', source: 'bot' },
        },
      };
    },
    { rule: 'afterPrevious', now },
  );
  if (!stored) return null;
  // The bot confirms the withdrawal itself: the notice job must not announce the closure again.
  await tx.query(
    `UPDATE bot_filings SET withdrawn_at = to_timestamp($3 / 1000.0), notified_seq = $4, notified = $5
      WHERE org_id = $1 AND appeal_id = $2`,
    [orgId, appealId, now, stored.seq, JSON.stringify(snapshotOf(stored.doc))],
  );
  return { closedAt };
}

/**
 * One part of an addition in the appeal's history (what it held, never its text). While the appeal
 * waits for documents (`documents_requested`) the entry says so — «Заявитель прислал дополнение» —
 * and the status stays: only the official can tell whether this is what was requested (59-FZ
 * art. 10; docs/DOMAIN.md, "Withdrawal and additions"), and «Документы получены» is theirs to mark.
 */
export async function recordAddition(
  tx: Queryable,
  orgId: string,
  appealId: string,
  part: { files: number; characters: number },
): Promise<void> {
  const found = await tx.query<{ status: string | null }>(
    `SELECT doc->>'status' AS status FROM sync_appeals WHERE org_id = $1 AND id = $2`,
    [orgId, appealId],
  );
  const awaited = found.rows[0]?.status === 'documents_requested';
  await appendAudit(tx, {
    orgId,
    actorUserId: null,
    action: 'appeal.addition',
    entity: 'appeal',
    entityId: appealId,
    details: { actor: 'applicant', source: 'bot', ...part, ...(awaited ? { documentsRequested: true } : {}) },
  });
}
