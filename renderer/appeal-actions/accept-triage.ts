/**
 * A person's triage decisions as local writes (issue 13), shared by the appeal card (Alt+A) and the
 * inbox (Alt+A on the selected row; I and N in «Не инциденты»). The replication pushes them; the server
 * replays the status machine, audits each field and learns the department (server/src/appeals/writer.ts).
 */
import type { RxCollection } from 'rxdb';
import { findWorkingCategory } from '../../shared/domain/classifier/categories';
import { fail, ok, type Result } from '../../shared/domain/result';
import type { Actor } from '../../shared/domain/status-machine';
import type { Appeal, AppealTriage } from '../../shared/model/appeal';
import { performAction } from './perform';

type Categorised = Pick<Appeal, 'category' | 'subcategory'>;

/** The suggested working category and subcategory, when triage has one other than «Прочее». */
function suggestedCategory(triage: AppealTriage): Categorised | null {
  const top = triage.category[0];
  const category = top?.category ? findWorkingCategory(top.category) : undefined;
  if (!category || category.code === 'other') return null;
  const subcategory =
    top?.subcategory && category.subcategories.includes(top.subcategory) ? top.subcategory : null;
  return { category: category.code, subcategory };
}

async function patchAppeal(
  appeals: RxCollection<Appeal>,
  appealId: string,
  patch: Partial<Appeal>,
  now: number,
) {
  const document = await appeals.findOne(appealId).exec();
  if (!document) return false;
  await document.incrementalModify((doc) => {
    Object.assign(doc, patch);
    // updatedAt never goes back, even when this desktop's clock is behind the last editor's.
    doc.updatedAt = Math.max(now, doc.updatedAt + 1);
    return doc;
  });
  return true;
}

/**
 * Accepts the suggestion: its working category and subcategory (unless it says «Прочее»), urgency if
 * it saw danger, and a move to the suggested department (the status machine's reassign, refused for a
 * role that may not). An error when the move is refused; the category stays accepted.
 */
export async function acceptTriage(
  appeals: RxCollection<Appeal>,
  appeal: Appeal,
  actor: Actor,
  now: number = Date.now(),
): Promise<Result<null>> {
  const triage = appeal.triage;
  if (!triage) return fail('app:actions.errors.appealMissing');
  const category = suggestedCategory(triage);
  const patch: Partial<Appeal> = {
    ...(category && category.category !== appeal.category ? category : {}),
    ...(triage.urgency.urgent && !appeal.urgent ? { urgent: true } : {}),
  };
  if (Object.keys(patch).length > 0) await patchAppeal(appeals, appeal.id, patch, now);
  const department = triage.department[0]?.value;
  if (department && department !== appeal.departmentId) {
    const moved = await performAction(
      appeals,
      appeal.id,
      'reassign',
      actor,
      { departmentId: department },
      now,
    );
    if (!moved.ok) return moved;
  }
  return ok(null);
}

/**
 * «Это инцидент»: a person decides that a message triage took for no incident is work after all. It is
 * categorised — as triage suggested, or «Прочее › Прочее» for the official to correct — which takes it
 * out of «Не инциденты» into the queues (features/inbox/inbox-query.ts) on every desktop.
 */
export async function markIncident(
  appeals: RxCollection<Appeal>,
  appeal: Appeal,
  now: number = Date.now(),
): Promise<boolean> {
  const category = (appeal.triage && suggestedCategory(appeal.triage)) ?? {
    category: 'other',
    subcategory: 'other.other',
  };
  return patchAppeal(appeals, appeal.id, category, now);
}

/** «Не инцидент»: the person confirms it and the message is closed without an answer (the status machine's `close_non_incident`). */
export async function closeNonIncident(
  appeals: RxCollection<Appeal>,
  appealId: string,
  actor: Actor,
  now: number = Date.now(),
): Promise<Result<Appeal>> {
  return performAction(appeals, appealId, 'close_non_incident', actor, undefined, now);
}
