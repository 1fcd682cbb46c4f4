/**
 * «Ответ не помог» (issue 14): the appeals whose applicant answered «Нет» to «Помог ли ответ?» wait
 * here for a supervisor's decision — never reopened or closed silently:
 * - `rework`: the appeal goes back into work to its executor (status `in_progress`, the answer and
 *   closure cleared as a reopening clears them, shared/domain/status-machine.ts `reopen`);
 * - `new_appeal`: a new appeal of the same applicant, department and regime is registered with the
 *   citizen's comment (or the old subject), marked a repeat of the old one;
 * - `accepted`: the answer stands (recorded, the appeal leaves the list).
 * The decision is written into the appeal's `verdict` and audited.
 */
import type { AppealVerdict } from '../../../shared/model/appeal';
import type { VerdictDecision } from '../../../shared/model/vocabulary';
import { editAppeal } from '../appeals/store';
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';
import { ApiError, notFound } from '../http/errors';
import { createSystemAppeal } from '../intake/appeals';

type Doc = Record<string, unknown>;

export interface UnhelpfulAnswer {
  appealId: string;
  registrationNumber: string | null;
  subject: string;
  departmentId: string;
  assigneeId: string | null;
  status: string;
  comment: string | null;
  answeredAt: number;
}

/** The undecided «Нет» verdicts of the organisation, oldest first. */
export async function unhelpfulAnswers(db: Queryable, orgId: string): Promise<UnhelpfulAnswer[]> {
  const found = await db.query<{
    appeal_id: string;
    doc: Doc | null;
    comment: string | null;
    answered_at: Date;
  }>(
    `SELECT v.appeal_id, a.doc, v.comment, v.answered_at
       FROM quality_verdicts v LEFT JOIN sync_appeals a ON a.org_id = v.org_id AND a.id = v.appeal_id
      WHERE v.org_id = $1 AND v.value = 'no' AND v.decision IS NULL
      ORDER BY v.answered_at LIMIT 500`,
    [orgId],
  );
  return found.rows.map((row) => ({
    appealId: row.appeal_id,
    registrationNumber: (row.doc?.registrationNumber as string | null) ?? null,
    subject: String(row.doc?.subject ?? ''),
    departmentId: String(row.doc?.departmentId ?? ''),
    assigneeId: (row.doc?.assigneeId as string | null) ?? null,
    status: String(row.doc?.status ?? ''),
    comment: row.comment,
    answeredAt: row.answered_at.getTime(),
  }));
}

/** Fields of a reopening (status-machine.ts `reopen`): the appeal is worked on again. */
const backIntoWork = {
  status: 'in_progress',
  closedAt: null,
  answeredAt: null,
  result: null,
  art11Outcome: null,
  outcomeNote: null,
};

/** A new appeal of the same applicant about the same problem, registered by the server. */
async function newAppealFrom(tx: Queryable, orgId: string, old: Doc, comment: string | null, now: number) {
  const applicant = old.applicant as Doc;
  const name = applicant.name as Doc;
  const contacts = applicant.contacts as Doc;
  const created = await createSystemAppeal(tx, {
    orgId,
    regime: old.regime as never,
    channel: old.channel as never,
    conversationId: String(old.conversationId ?? ''),
    departmentId: String(old.departmentId ?? ''),
    applicant: {
      lastName: String(name.lastName ?? ''),
      firstName: String(name.firstName ?? ''),
      patronymic: (name.patronymic as string | null) ?? null,
      phone: (contacts.phone as string | null) ?? null,
      email: (contacts.email as string | null) ?? null,
      postalAddress: (contacts.postalAddress as string | null) ?? null,
    },
    identification: applicant.identification as never,
    applicantId: (applicant.applicantId as string | null) ?? null,
    passportMasked: (applicant.passportMasked as string | null) ?? null,
    subject: String(old.subject ?? ''),
    text: comment && comment.trim() !== '' ? comment : String(old.subject ?? old.text ?? ''),
    receivedAt: now,
    category: (old.category as string | null) ?? null,
    source: { source: 'verdict', repeatOf: String(old.id) },
    now,
  });
  return created.id;
}

/** Records a supervisor's decision on an undecided «Нет»; returns the new appeal's id for `new_appeal`. */
export async function decideVerdict(
  tx: Queryable,
  auth: AuthContext,
  appealId: string,
  decision: VerdictDecision,
  now: number,
): Promise<{ newAppealId: string | null }> {
  const found = await tx.query<{ value: string | null; decision: string | null; comment: string | null }>(
    'SELECT value, decision, comment FROM quality_verdicts WHERE org_id = $1 AND appeal_id = $2 FOR UPDATE',
    [auth.orgId, appealId],
  );
  const row = found.rows[0];
  if (!row?.value) throw notFound('No verdict of the applicant on this appeal');
  if (row.decision !== null) throw new ApiError(409, 'already_decided', 'The verdict was already decided');
  const appeal = await tx.query<{ doc: Doc }>('SELECT doc FROM sync_appeals WHERE org_id = $1 AND id = $2', [
    auth.orgId,
    appealId,
  ]);
  const old = appeal.rows[0]?.doc;
  if (!old) throw notFound('No such appeal');
  if (decision === 'rework' && !['answered', 'closed'].includes(String(old.status))) {
    throw new ApiError(409, 'not_answered', 'Only an answered or closed appeal goes back into work');
  }
  const newAppealId =
    decision === 'new_appeal' ? await newAppealFrom(tx, auth.orgId, old, row.comment, now) : null;
  await tx.query(
    `UPDATE quality_verdicts SET decision = $3, decided_by = $4, decided_at = to_timestamp($5 / 1000.0)
      WHERE org_id = $1 AND appeal_id = $2`,
    [auth.orgId, appealId, decision, auth.userId, now],
  );
  await editAppeal(
    tx,
    auth.orgId,
    appealId,
    (doc) => {
      const verdict = doc.verdict as AppealVerdict | null;
      return {
        set: {
          ...(decision === 'rework' ? backIntoWork : {}),
          ...(verdict ? { verdict: { ...verdict, decision, decidedById: auth.userId, decidedAt: now } } : {}),
        },
        audit: {
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'appeal.verdictDecision',
          fields: {
            'verdict.decision': { old: null, new: decision },
            ...(decision === 'rework' ? { status: { old: doc.status, new: 'in_progress' } } : {}),
          },
          details: newAppealId ? { newAppealId } : null,
        },
      };
    },
    { rule: 'afterPrevious', now },
  );
  return { newAppealId };
}
