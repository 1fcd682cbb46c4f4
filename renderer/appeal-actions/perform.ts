import type { RxCollection } from 'rxdb';
import { fail, ok, type Result } from '../../shared/domain/result';
import type { ActionPayloads, Actor, AppealAction } from '../../shared/domain/status-machine';
import type { Appeal } from '../../shared/model/appeal';
import { planAction } from './plan';

/**
 * Performs an action on the local copy: plans it with the status machine and writes the patch with
 * `incrementalPatch` (RxDB re-reads the latest revision, so a concurrent pull is not overwritten).
 * Replication pushes the change; a refusal comes back through the sync layer's refused changes.
 */
export async function performAction<A extends AppealAction>(
  appeals: RxCollection<Appeal>,
  appealId: string,
  action: A,
  actor: Actor,
  payload: ActionPayloads[A],
  now: number = Date.now(),
  /** Written in the same change, e.g. the reason of an assignment (pushed together with it). */
  also: Partial<Pick<Appeal, 'assignmentNote'>> = {},
): Promise<Result<Appeal>> {
  const document = await appeals.findOne(appealId).exec();
  if (!document) return fail('app:actions.errors.appealMissing');
  const planned = planAction(document.toMutableJSON(), action, actor, payload, now);
  if (!planned.ok) return planned;
  const written = await document.incrementalPatch({ ...planned.value, ...also });
  if (action === 'merge_duplicate') await recordMerge(appeals, appealId, planned.value.duplicateOf);
  return ok(written.toMutableJSON());
}

/** The appeal that absorbs a duplicate lists it (`mergedIds`), when this desktop has it. */
async function recordMerge(
  appeals: RxCollection<Appeal>,
  duplicateId: string,
  targetId: string | null | undefined,
) {
  if (!targetId) return;
  const target = await appeals.findOne(targetId).exec();
  if (!target || target.mergedIds.includes(duplicateId)) return;
  await target.incrementalModify((doc) => {
    if (!doc.mergedIds.includes(duplicateId)) doc.mergedIds = [...doc.mergedIds, duplicateId];
    doc.updatedAt = Math.max(Date.now(), doc.updatedAt + 1);
    return doc;
  });
}
