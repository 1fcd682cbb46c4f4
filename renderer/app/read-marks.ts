/**
 * What the signed-in official has already seen, per appeal, kept on this computer (localStorage, one
 * entry per user and database): when each appeal was last opened, when the marks started (nothing
 * before is news), and when each appeal first showed up as assigned to this user. In-app notices and
 * the inbox's unread markers are computed against it (./notices.ts).
 */
export interface ReadMarks {
  /** When the marks started: messages and assignments before it are not news. */
  readonly since: number;
  /** Appeal id → when this user last opened it (or marked its notices read). */
  readonly seen: Readonly<Record<string, number>>;
  /** Appeal id → when it was first seen assigned to this user. */
  readonly assignedAt: Readonly<Record<string, number>>;
}

/** Marks kept per kind; the oldest are dropped beyond this. */
const limit = 5000;

export interface ReadMarksStore {
  getSnapshot(): ReadMarks;
  subscribe(listener: () => void): () => void;
  markSeen(appealIds: readonly string[], at: number): void;
  /** Records appeals newly assigned to the user, each with its instant (ids already known keep theirs). */
  noteAssigned(assigned: readonly { id: string; at: number }[]): void;
}

function parse(text: string | null, now: number): ReadMarks {
  try {
    const value = text ? (JSON.parse(text) as Partial<ReadMarks>) : null;
    const record = (input: unknown): Record<string, number> =>
      typeof input === 'object' && input !== null
        ? Object.fromEntries(Object.entries(input).filter(([, at]) => typeof at === 'number'))
        : {};
    if (value && typeof value.since === 'number')
      return { since: value.since, seen: record(value.seen), assignedAt: record(value.assignedAt) };
  } catch {
    // unreadable: start afresh
  }
  return { since: now, seen: {}, assignedAt: {} };
}

const trimmed = (record: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(record)
      .sort(([, a], [, b]) => a - b)
      .slice(-limit),
  );

export function createReadMarksStore(storage: Storage | null, key: string, now: number): ReadMarksStore {
  let marks = parse(storage?.getItem(key) ?? null, now);
  const listeners = new Set<() => void>();
  const set = (next: ReadMarks) => {
    marks = next;
    try {
      storage?.setItem(key, JSON.stringify(marks));
    } catch {
      // a full storage keeps the marks for this session only
    }
    for (const listener of listeners) listener();
  };
  if (!storage?.getItem(key)) set(marks);
  return {
    getSnapshot: () => marks,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    markSeen(appealIds, at) {
      if (appealIds.length === 0) return;
      const seen = { ...marks.seen };
      for (const id of appealIds) seen[id] = Math.max(at, seen[id] ?? 0);
      set({ ...marks, seen: trimmed(seen) });
    },
    noteAssigned(assigned) {
      const fresh = assigned.filter(({ id }) => !(id in marks.assignedAt));
      if (fresh.length === 0) return;
      const assignedAt = { ...marks.assignedAt };
      for (const { id, at } of fresh) assignedAt[id] = at;
      set({ ...marks, assignedAt: trimmed(assignedAt) });
    },
  };
}

export const readMarksKey = (databaseName: string, userId: string) =>
  `okno.read-marks.${databaseName}.${userId}`;
