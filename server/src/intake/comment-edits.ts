/**
 * A comment is a candidate (issue 13, server/src/channels/comments.ts): until somebody works on it,
 * its appeal is the comment itself, so the author's edit is the candidate's text — its subject and
 * text take the new wording and triage reads it again (a thanks edited into a complaint leaves «Не
 * инциденты»). Once the appeal is taken into work (status past `new`), or is no longer the comment's
 * own text, the edit stays the message's later version only, as for every other message (./edits.ts).
 * A deletion's mark never becomes the candidate's text: what the comment said stays.
 */
import { appealSchema } from '../../../shared/schemas/appeals';
import { deletedCommentText } from '../channels/comments';
import type { Queryable } from '../db/pool';
import { schemaValidator } from '../sync/validation';
import { triageAppeal, triageText } from '../triage';
import { subjectOf } from './appeals';
import { clip, type Doc, writeIntake } from './store';

const validateAppeal = schemaValidator(appealSchema);

export async function editCandidateText(
  tx: Queryable,
  orgId: string,
  appealId: string,
  before: string,
  after: string,
  now: number,
): Promise<boolean> {
  if (!appealId || after === deletedCommentText || after.trim() === '') return false;
  const found = await tx.query<{ doc: Doc; department_ids: string[] }>(
    'SELECT doc, department_ids FROM sync_appeals WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [orgId, appealId],
  );
  const row = found.rows[0];
  const appeal = row?.doc;
  if (!row || !appeal || appeal._deleted === true || !appeal.sourcePost) return false;
  if (appeal.regime !== 'incident' || appeal.status !== 'new' || appeal.text !== before) return false;
  const text = clip(after, 100_000);
  const subject = clip(subjectOf(text), 500);
  const triage = await triageAppeal(tx, orgId, triageText(subject, text), now);
  const doc: Doc = {
    ...appeal,
    subject,
    text,
    ...(triage ? { triage } : {}),
    updatedAt: Math.max(now, Number(appeal.updatedAt) + 1),
  };
  const problem = validateAppeal(doc);
  if (problem) throw new Error(`candidate ${appealId} is invalid after its comment's edit: ${problem}`);
  await writeIntake(tx, orgId, {
    appeal: { doc, departmentIds: row.department_ids },
    audit: [
      {
        action: 'appeal.candidate_edit',
        entity: 'appeal',
        entityId: appealId,
        details: { source: 'comment-edit', length: text.length, incident: triage?.incident.value ?? null },
      },
    ],
  });
  return true;
}
