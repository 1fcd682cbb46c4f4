// «Мои» with the резолюция (issue 11): an official's appeals include those they co-execute or have an open
// task in. Arrays no index of the appeals schema can hold, so these are status lanes with a condition
// (renderer/features/inbox/inbox-query.ts), scanning the open appeals of the scope. Measured on the local
// RxDB (memory storage, as the archive scenario) over 10,000 appeals of one region's year (the inbox
// bench's generator), a tenth of them with co-executors and a tenth with tasks: the first window
// (200 rows) and the count of «Мои», with and without the shared lanes, median of 15 reads after a warm-up.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase } from '../../renderer/db/database';
import { queryDocuments } from '../../renderer/db/fast-read';
import { benchAppeals, benchUsers } from '../../renderer/features/inbox/bench/generate';
import { inboxLanes, noFilters } from '../../renderer/features/inbox/inbox-query';
import { countInbox, readInboxWindow } from '../../renderer/features/inbox/inbox-source';

export const scenario = 'mine';

const count = 10_000;
const reads = 15;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
};

export async function run(): Promise<Record<string, number>> {
  const now = Date.UTC(2026, 11, 6, 9);
  const appeals = benchAppeals(count, now).map((appeal, i) => ({
    ...appeal,
    coExecutorIds: i % 10 === 3 ? [benchUsers[Math.floor(i / 10) % benchUsers.length]!] : [],
    tasks:
      i % 10 === 5
        ? [
            {
              id: `task-${i}`,
              setById: 'user-0',
              assigneeId: benchUsers[(Math.floor(i / 10) + 3) % benchUsers.length]!,
              text: 'Проверить на месте',
              dueDate: '2026-12-10',
              setAt: now - 86_400_000,
              doneAt: i % 20 === 5 ? now : null,
            },
          ]
        : [],
  }));
  const db = await createOknoDatabase({
    name: `benchmine${Date.now()}`,
    storage: getRxStorageMemory(),
    validate: false,
  });
  try {
    for (let i = 0; i < appeals.length; i += 1000) await db.appeals.bulkInsert(appeals.slice(i, i + 1000));
    const user = { id: benchUsers[7]!, departmentIds: [] };
    const request = { view: 'mine' as const, filters: noFilters, user, now };
    const lanes = inboxLanes('mine', noFilters, user, now);
    const ownLanes = lanes.filter((lane) => lane.index === 'assignee');
    const timed = async (read: (i: number) => Promise<unknown>) => {
      await read(reads);
      const times: number[] = [];
      for (let i = 0; i < reads; i++) {
        const started = performance.now();
        await read(i);
        times.push(performance.now() - started);
      }
      return median(times);
    };
    // What countInbox does before the search index is built (one count per lane), with a condition that
    // always holds but differs per read, so RxDB's query cache cannot answer it.
    const countOf = (of: typeof lanes, i: number) =>
      Promise.all(
        of.map((lane) =>
          db.appeals.count({ selector: { ...lane.query.selector, receivedAt: { $gt: -1 - i } } }).exec(),
        ),
      );
    const window = await readInboxWindow(db, null, { ...request, limit: 200, search: '' });
    const total = await countInbox(db, null, request);
    const own = (
      await Promise.all(ownLanes.map((lane) => queryDocuments(db.appeals, { ...lane.query, limit: 200 })))
    ).flat().length;
    return {
      appeals: count,
      mineTotal: total,
      mineAssignedOnly: own,
      mineRows: window.rows.length,
      mineWindowMs: await timed(() => readInboxWindow(db, null, { ...request, limit: 200, search: '' })),
      mineCountMs: await timed((i) => countOf(lanes, i)),
      assignedOnlyWindowMs: await timed(() =>
        Promise.all(ownLanes.map((lane) => queryDocuments(db.appeals, { ...lane.query, limit: 200 }))),
      ),
      assignedOnlyCountMs: await timed((i) => countOf(ownLanes, i)),
    };
  } finally {
    await db.remove();
  }
}
