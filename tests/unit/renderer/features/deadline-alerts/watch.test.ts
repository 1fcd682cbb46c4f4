import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { deadlineClockOf } from '../../../../../renderer/app/deadline-clock';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { alertMemoryKey, watchDeadlines } from '../../../../../renderer/features/deadline-alerts/watch';
import type { DeadlineNotification } from '../../../../../shared/bridge/okno-bridge';
import { defaultOrganisationSettings } from '../../../../../shared/model/organisation';
import { appealFixture } from '../../../shared/model/fixtures';

const hour = 3_600_000;
const now = Date.UTC(2026, 2, 10, 9);
const clock = deadlineClockOf(defaultOrganisationSettings);

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

async function until(check: () => boolean, timeoutMs = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the deadline watcher', () => {
  let db: OknoDatabase;
  beforeEach(async () => {
    db = await createOknoDatabase({
      name: `db${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
  });
  afterEach(async () => {
    await db.remove();
  });

  function start(storage: MemoryStorage) {
    const counts: number[] = [];
    const notified: DeadlineNotification[] = [];
    const stop = watchDeadlines({
      db,
      bridge: {
        setDueCount: async (count) => void counts.push(count),
        notify: async (notification) => void notified.push(notification),
      },
      storage: storage as unknown as Storage,
      userId: 'u-me',
      clock: () => clock,
      describe: (kind, appeal) => ({ title: kind, body: appeal.subject }),
      now: () => now,
      debounceMs: 5,
    });
    return { counts, notified, stop };
  }

  it('sets the tray count and notifies once, also after a reload', async () => {
    await db.appeals.insert(appealFixture({ id: 'a-late', status: 'in_progress', dueAt: now - hour }));
    await db.appeals.insert(
      appealFixture({ id: 'a-closed', status: 'closed', closedAt: now, dueAt: now - hour }),
    );
    const storage = new MemoryStorage();
    const first = start(storage);
    await until(() => first.counts.length > 0);
    expect(first.counts).toEqual([1]);
    await until(() => first.notified.length > 0);
    expect(first.notified.map((n) => `${n.kind}:${n.appealId}`)).toEqual(['overdue:a-late']);

    await db.appeals.insert(
      appealFixture({ id: 'a-mine', status: 'in_progress', assigneeId: 'u-me', dueAt: now + 2 * hour }),
    );
    await until(() => first.counts.length > 1);
    expect(first.counts.at(-1)).toBe(2);
    await until(() => first.notified.length >= 3);
    expect(
      first.notified
        .slice(1)
        .map((n) => `${n.kind}:${n.appealId}`)
        .sort(),
    ).toEqual(['assigned:a-mine', 'due-today:a-mine']);
    first.stop();
    expect(storage.getItem(alertMemoryKey(db.name))).toContain('a-late');

    const reloaded = start(storage);
    await until(() => reloaded.counts.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reloaded.counts).toEqual([2]);
    expect(reloaded.notified).toEqual([]);
    reloaded.stop();
  });
});
