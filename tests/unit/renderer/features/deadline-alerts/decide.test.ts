import { deadlineClockOf } from '../../../../../renderer/app/deadline-clock';
import {
  type AlertAppeal,
  type AlertMemory,
  decideDeadlineAlerts,
  emptyAlertMemory,
  maxNoticesPerKind,
  parseAlertMemory,
} from '../../../../../renderer/features/deadline-alerts/decide';
import { defaultOrganisationSettings } from '../../../../../shared/model/organisation';
import { noDueAt } from '../../../../../shared/model/primitives';

const clock = deadlineClockOf(defaultOrganisationSettings);
const hour = 3_600_000;
// Tuesday 10 March 2026, 12:00 in Moscow; the day ends at 21:00 UTC.
const now = Date.UTC(2026, 2, 10, 9);
const me = 'user-me';

function appeal(id: string, overrides: Partial<AlertAppeal> = {}): AlertAppeal {
  return {
    id,
    status: 'in_progress',
    dueAt: now + 10 * 24 * hour,
    assigneeId: '',
    subject: `Тема ${id}`,
    registrationNumber: null,
    closedAt: null,
    ...overrides,
  };
}

const seeded: AlertMemory = { ...emptyAlertMemory, seeded: true };
const decide = (memory: AlertMemory, appeals: AlertAppeal[], at = now, olderOverdueCount = 0) =>
  decideDeadlineAlerts({ memory, appeals, olderOverdueCount, userId: me, now: at, clock });
const kinds = (decision: ReturnType<typeof decide>) =>
  decision.notifications.map(({ kind, appeal }) => `${kind}:${appeal.id}`);

describe('deadline notifications and the tray count', () => {
  it('counts open appeals due today or overdue, plus the older overdue ones counted by index', () => {
    const decision = decide(
      seeded,
      [
        appeal('today', { dueAt: now + 3 * hour }),
        appeal('late', { dueAt: now - hour }),
        appeal('tomorrow', { dueAt: now + 12 * hour }), // 11 March, 00:00 Moscow
        appeal('none', { dueAt: noDueAt }),
      ],
      now,
      5,
    );
    expect(decision.dueCount).toBe(7);
  });

  it('defect 7: an answered appeal waiting for closure is neither due today nor overdue, and not in the tray count', () => {
    const decision = decide(seeded, [
      appeal('answered-late', { status: 'answered', dueAt: now - hour }),
      appeal('answered-today', { status: 'answered', dueAt: now + 2 * hour }),
      appeal('working-late', { dueAt: now - hour }),
    ]);
    expect(kinds(decision)).toEqual(['overdue:working-late']);
    expect(decision.dueCount).toBe(1);
  });

  it('notifies an appeal that became due today, then overdue, once per kind', () => {
    const dueToday = appeal('a-1', { dueAt: now + 2 * hour });
    const first = decide(seeded, [dueToday]);
    expect(kinds(first)).toEqual(['due-today:a-1']);
    expect(kinds(decide(first.memory, [dueToday], now + hour))).toEqual([]);
    const later = decide(first.memory, [dueToday], now + 3 * hour);
    expect(kinds(later)).toEqual(['overdue:a-1']);
    expect(kinds(decide(later.memory, [dueToday], now + 4 * hour))).toEqual([]);
  });

  it('tells nothing about closed appeals and does not count them', () => {
    const decision = decide(seeded, [
      appeal('closed', { status: 'closed', closedAt: now - hour, dueAt: now - 2 * hour, assigneeId: me }),
    ]);
    expect(decision.notifications).toEqual([]);
    expect(decision.dueCount).toBe(0);
  });

  it('notifies an appeal newly assigned to the user, but not the work they had when first watched', () => {
    const mine = appeal('mine', { assigneeId: me });
    const first = decide(emptyAlertMemory, [mine]);
    expect(kinds(first)).toEqual([]);
    const next = decide(first.memory, [
      mine,
      appeal('new', { assigneeId: me }),
      appeal('other', { assigneeId: 'x' }),
    ]);
    expect(kinds(next)).toEqual(['assigned:new']);
  });

  it('shows a burst of at most a few per kind and remembers the rest as told', () => {
    const many = Array.from({ length: 10 }, (_, i) => appeal(`late-${i}`, { dueAt: now - (i + 1) * hour }));
    const first = decide(seeded, many);
    expect(first.notifications).toHaveLength(maxNoticesPerKind);
    expect(kinds(first)).toEqual(['overdue:late-0', 'overdue:late-1', 'overdue:late-2']);
    expect(decide(first.memory, many).notifications).toEqual([]);
    expect(first.dueCount).toBe(10);
  });

  it('keeps the memory across reloads and starts afresh from an unreadable one', () => {
    const decision = decide(seeded, [appeal('a-1', { dueAt: now - hour })]);
    const restored = parseAlertMemory(JSON.stringify(decision.memory));
    expect(restored).toEqual(decision.memory);
    expect(decide(restored, [appeal('a-1', { dueAt: now - hour })]).notifications).toEqual([]);
    expect(parseAlertMemory('{not json')).toEqual(emptyAlertMemory);
  });
});
