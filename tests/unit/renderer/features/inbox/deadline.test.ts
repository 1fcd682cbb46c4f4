import { deadlineBadge } from '../../../../../renderer/features/inbox/deadline';
import { noDueAt } from '../../../../../shared/model/primitives';

const now = Date.UTC(2026, 2, 10, 9);
const hour = 3_600_000;

describe('the deadline badge runs on the regime’s clock', () => {
  it('counts hours for incidents and marks them overdue', () => {
    expect(deadlineBadge({ regime: 'incident', dueAt: now + 5 * hour + 1 }, now)).toEqual({
      kind: 'hours',
      overdue: false,
      amount: 6,
      soon: false,
    });
    expect(deadlineBadge({ regime: 'incident', dueAt: now - 90 * 60_000 }, now)).toMatchObject({
      kind: 'hours',
      overdue: true,
      amount: 2,
    });
  });

  it('counts days for portal messages and formal appeals', () => {
    expect(deadlineBadge({ regime: 'formal', dueAt: now + 3 * 24 * hour }, now)).toMatchObject({
      kind: 'days',
      amount: 3,
      overdue: false,
    });
    expect(deadlineBadge({ regime: 'portal', dueAt: now + 2 * hour }, now)).toMatchObject({
      kind: 'days',
      amount: 1,
      soon: true,
    });
  });

  it('shows no deadline for an appeal without one', () => {
    expect(deadlineBadge({ regime: 'formal', dueAt: noDueAt }, now)).toEqual({ kind: 'none' });
  });

  it('defect 7: an answered appeal shows no countdown, overdue or not', () => {
    expect(deadlineBadge({ regime: 'formal', status: 'answered', dueAt: now - 50 * hour }, now)).toEqual({
      kind: 'answered',
    });
  });
});
