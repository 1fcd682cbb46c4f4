/**
 * Counts local writes the server has not acknowledged yet. A write is pending from the moment it
 * lands in the local database until a push carrying it (or a later state of the same document)
 * succeeds. The set is persisted, so after a reload offline the count is right before the first push
 * attempt; the upstream re-sends the documents themselves from the database on start.
 */
import { BehaviorSubject, type Observable } from 'rxjs';

export class PendingChanges {
  private readonly writes = new Map<string, number>();
  private seq = 0;
  private readonly count$ = new BehaviorSubject(0);
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: Storage | null,
    private readonly storageKey: string,
  ) {
    try {
      const saved = JSON.parse(storage?.getItem(storageKey) ?? '[]') as unknown;
      if (Array.isArray(saved)) for (const key of saved) if (typeof key === 'string') this.writes.set(key, 0);
    } catch {
      // A damaged record only loses the early count; the upstream still pushes every change.
    }
    this.count$.next(this.writes.size);
  }

  get count(): number {
    return this.writes.size;
  }

  get changes$(): Observable<number> {
    return this.count$.asObservable();
  }

  /** A local write of `collection/id`; returns its sequence number. */
  written(collection: string, id: string): number {
    this.seq += 1;
    this.writes.set(`${collection}/${id}`, this.seq);
    this.changed();
    return this.seq;
  }

  /** Marks the start of a push: writes up to the returned mark are in it (or in an earlier one). */
  mark(): number {
    return this.seq;
  }

  /** The server acknowledged these documents in a push that started at `mark`. */
  acknowledged(collection: string, ids: readonly string[], mark: number): void {
    let removed = false;
    for (const id of ids) {
      const key = `${collection}/${id}`;
      const at = this.writes.get(key);
      // A write made while the push was in flight is not in it: it stays pending.
      if (at !== undefined && at <= mark) {
        this.writes.delete(key);
        removed = true;
      }
    }
    if (removed) this.changed();
  }

  /** The upstream found documents to push that no recorded write explains (written before a crash). */
  discovered(collection: string, ids: readonly string[]): void {
    let added = false;
    for (const id of ids) {
      const key = `${collection}/${id}`;
      if (!this.writes.has(key)) {
        this.writes.set(key, 0);
        added = true;
      }
    }
    if (added) this.changed();
  }

  private changed(): void {
    this.count$.next(this.writes.size);
    if (!this.storage || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, 100);
  }

  flush(): void {
    try {
      this.storage?.setItem(this.storageKey, JSON.stringify([...this.writes.keys()]));
    } catch {
      // Storage full or unavailable: the count is then only right for this session.
    }
  }

  clear(): void {
    this.writes.clear();
    this.count$.next(0);
    this.storage?.removeItem(this.storageKey);
  }
}
