import type { Appeal } from '../../../shared/model/appeal';
import { noDueAt } from '../../../shared/model/primitives';

const hour = 3_600_000;
const day = 24 * hour;

export type DeadlineBadge =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'hours' | 'days';
      readonly overdue: boolean;
      /** Whole hours or days, rounded up (a deadline 10 minutes away is "1 h left"). */
      readonly amount: number;
      /** Close enough to need attention: under 2 hours for incidents, under a day otherwise. */
      readonly soon: boolean;
    };

/** Time left (or overdue) on the appeal's own clock: hours for incidents, days for the other regimes. */
export function deadlineBadge(appeal: Pick<Appeal, 'dueAt' | 'regime'>, now: number): DeadlineBadge {
  if (appeal.dueAt >= noDueAt) return { kind: 'none' };
  const left = appeal.dueAt - now;
  const overdue = left < 0;
  if (appeal.regime === 'incident') {
    return {
      kind: 'hours',
      overdue,
      amount: Math.max(1, Math.ceil(Math.abs(left) / hour)),
      soon: !overdue && left < 2 * hour,
    };
  }
  return {
    kind: 'days',
    overdue,
    amount: Math.max(1, Math.ceil(Math.abs(left) / day)),
    soon: !overdue && left < day,
  };
}
