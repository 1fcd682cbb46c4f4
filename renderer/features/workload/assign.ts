import type { RxCollection } from 'rxdb';
import type { DomainError } from '../../../shared/domain/result';
import type { Actor } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { planAction } from '../../appeal-actions/plan';

export interface BulkAssignment {
  appealIds: readonly string[];
  assigneeId: string;
  reason: string;
}

export interface BulkOutcome {
  assigned: string[];
  refused: { id: string; error: DomainError }[];
}

/**
 * Assigns each appeal by the status machine's `assign` and records the reason in the same local write,
 * so the server sees the assignment and its note in one push (server/src/appeals/resolution.ts). An
 * appeal the machine refuses (closed meanwhile, another department) is reported, the rest go on.
 */
export async function assignMany(
  appeals: RxCollection<Appeal>,
  { appealIds, assigneeId, reason }: BulkAssignment,
  actor: Actor & { userId: string },
  now: number = Date.now(),
): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { assigned: [], refused: [] };
  for (const id of appealIds) {
    const document = await appeals.findOne(id).exec();
    if (!document) {
      outcome.refused.push({ id, error: { code: 'app:actions.errors.appealMissing' } });
      continue;
    }
    const planned = planAction(document.toMutableJSON(), 'assign', actor, { assigneeId }, now);
    if (!planned.ok) {
      outcome.refused.push({ id, error: planned.error });
      continue;
    }
    await document.incrementalPatch({
      ...planned.value,
      assignmentNote: { byId: actor.userId, reason: reason.trim(), at: now },
    });
    outcome.assigned.push(id);
  }
  return outcome;
}

/**
 * A bulk move waiting out its undo window: nothing is written until the window ends (or `commit` is
 * called, e.g. when the screen closes), so «Отменить» leaves every appeal exactly as it was — an
 * unassigned appeal cannot be un-assigned once the server has it.
 */
export class PendingMove {
  private timer: ReturnType<typeof setTimeout> | null;
  private done = false;

  constructor(
    private readonly apply: () => Promise<void>,
    windowMs: number,
  ) {
    this.timer = setTimeout(() => void this.commit(), windowMs);
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.apply();
  }

  undo(): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get settled(): boolean {
    return this.done;
  }
}

export const undoWindowMs = 10_000;
