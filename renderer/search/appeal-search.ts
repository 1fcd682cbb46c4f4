/**
 * Full-text search over the local appeals with Russian morphology (shared/search): an in-memory
 * inverted index of subject, text and applicant, built once from the database in pages and then kept
 * up to date from the collection's changes. Next to it, a small projection of every appeal (deadline,
 * status, routing) lets the inbox filter and sort search hits without reading documents.
 *
 * The built index is saved (renderer/db/search-store.ts) with the last change it holds; the next start
 * reads it back and applies only the appeals written since — changed, deleted or gone out of scope
 * (the replication writes those as deletions) — instead of reading and stemming all of them again.
 */

import {
  getChangedDocumentsSince,
  type MangoQuerySelector,
  type RxCollection,
  type RxDocumentData,
} from 'rxdb';
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { Appeal } from '../../shared/model/appeal';
import { scanDocuments } from '../db/fast-read';
import { canKeepSearchIndex, type SearchCheckpoint, type SearchSnapshotPlace } from '../db/search-store';
import {
  type AppealProjection,
  type IndexEntry,
  inProcessBackend,
  type ListOrder,
  type SearchBackend,
  type SearchHits,
} from './search-engine';

export type { AppealProjection } from './search-engine';

export interface IndexingProgress {
  /** Appeals indexed so far (no total up front: counting 100,000 stored appeals holds IndexedDB for a second). */
  readonly done: number;
  readonly ready: boolean;
}

// Pages of the scan: the window only reads and posts them, the worker does the stemming. Small pages
// keep each IndexedDB read short, so an inbox read queued behind one waits little.
const pageSize = 250;
/** Changes read per page when bringing a saved index up to date. */
const changesPageSize = 500;
/** A changed index is saved this long after its first unsaved change (snapshotting costs the worker ~0.3 s). */
const saveDelayMs = 30_000;

/** Between pages: let the user's reads and renders go first (idle time, or 50 ms at most). */
const yieldToUi = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 50 });
    else setTimeout(resolve, 0);
  });

function searchableText(appeal: Appeal): string {
  const { name } = appeal.applicant;
  return [
    appeal.subject,
    appeal.text,
    name.lastName,
    name.firstName,
    name.patronymic ?? '',
    appeal.kind.organisationName ?? '',
    appeal.registrationNumber ?? '',
  ].join(' ');
}

const project = (a: Appeal): AppealProjection => ({
  id: a.id,
  dueAt: a.dueAt,
  status: a.status,
  departmentId: a.departmentId,
  assigneeId: a.assigneeId,
  regime: a.regime,
  channel: a.channel,
  category: a.category,
  receivedAt: a.receivedAt,
  registeredAt: a.registeredAt,
  registrationNumber: a.registrationNumber,
  coExecutorIds: a.coExecutorIds ?? [],
  conversationId: a.conversationId,
  tasks: (a.tasks ?? []).map((task) => ({ assigneeId: task.assigneeId, doneAt: task.doneAt })),
  triage: a.triage ? { incident: { value: a.triage.incident.value } } : null,
  applicantSortName:
    a.kind.applicantType === 'organisation' && a.kind.organisationName
      ? a.kind.organisationName
      : [a.applicant.name.lastName, a.applicant.name.firstName, a.applicant.name.patronymic ?? '']
          .join(' ')
          .trim(),
});

/**
 * What the index takes from an appeal, as code: a saved index built by other code (another projection,
 * other searchable fields) is not read back but rebuilt, without anyone remembering to bump a version.
 */
export const searchIndexLayout = (() => {
  const source = `${project.toString()}\n${searchableText.toString()}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
})();

/**
 * The window's side of the search index: it scans the stored appeals once and follows the
 * collection's changes, handing each appeal's text and projection to the backend (a Web Worker in the
 * app, see use-appeal-search.ts), and asks the backend for searches and counts.
 */
export class AppealSearch {
  readonly progress$ = new BehaviorSubject<IndexingProgress>({ done: 0, ready: false });
  /** How many times the index was saved (the bench waits for the first). */
  readonly saved$ = new BehaviorSubject<number>(0);
  /** Last write time of the indexed state, so a page read racing a change never restores an older state. */
  private readonly writtenAt = new Map<string, number>();
  private subscription: Subscription | null = null;
  private stopped = false;
  private readonly backend: SearchBackend;
  /**
   * The latest change the index has taken in (write time, then id: one bulk write shares its time):
   * once ready, the index holds every earlier one.
   */
  private latest: SearchCheckpoint = { id: '', lwt: 0 };
  private place: SearchSnapshotPlace | null = null;
  private ready = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  /** `keep`: save the index and start from the saved one (where IndexedDB is; off in node tests). */
  constructor(
    private readonly collection: RxCollection<Appeal>,
    backend?: SearchBackend,
    private readonly keep = canKeepSearchIndex(),
  ) {
    this.backend = backend ?? inProcessBackend(collection.schema.jsonSchema);
  }

  /**
   * Reads the saved index back and applies the changes since it, or (none saved) subscribes to changes
   * and indexes what is stored, page by page, yielding to the UI in between; then saves it.
   */
  async start(): Promise<void> {
    this.place = this.keep
      ? {
          databaseName: this.collection.database.name,
          storageToken: await this.collection.database.storageToken,
          schemaVersion: this.collection.schema.version,
          layout: searchIndexLayout,
        }
      : null;
    if (this.stopped) return;
    // Sent before any change: the changes the subscription posts wait for the saved index in the worker.
    const restoring = this.place ? this.backend.restore(this.place) : Promise.resolve(null);
    this.subscription = this.collection.eventBulks$.subscribe((bulk) => {
      this.apply(
        bulk.events.map((event) => [
          event.documentData as RxDocumentData<Appeal>,
          event.operation === 'DELETE',
        ]),
      );
    });
    const restored = await restoring;
    if (this.stopped) return;
    let done = restored?.count ?? 0;
    let changed = restored === null;
    if (restored) {
      this.advance(restored.checkpoint);
      let checkpoint: SearchCheckpoint = restored.checkpoint;
      for (;;) {
        const page = await getChangedDocumentsSince(
          this.collection.storageInstance,
          changesPageSize,
          checkpoint,
        );
        if (this.stopped) return;
        this.apply(page.documents.map((doc) => [doc, doc._deleted]));
        changed ||= page.documents.length > 0;
        done += page.documents.length;
        this.progress$.next({ done, ready: false });
        if (page.documents.length < changesPageSize) break;
        checkpoint = page.checkpoint as SearchCheckpoint;
      }
    } else {
      for await (const documents of scanDocuments(this.collection, pageSize)) {
        if (this.stopped) return;
        this.apply(documents.map((doc) => [doc, false]));
        done += documents.length;
        this.progress$.next({ done, ready: false });
        await yieldToUi();
      }
    }
    this.ready = true;
    this.progress$.next({ done, ready: true });
    if (changed) this.scheduleSave(0);
  }

  /** Saves the index after `delayMs`, unless a save is already due. */
  private scheduleSave(delayMs: number): void {
    const place = this.place;
    if (!place || !this.ready || this.stopped || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      if (this.stopped) return;
      // Every change up to `latest` has been posted before this request: the snapshot holds them.
      void this.backend.persist(place, this.latest).then(
        (saved) => {
          if (saved) this.saved$.next(this.saved$.value + 1);
        },
        () => {},
      );
    }, delayMs);
  }

  private advance(change: SearchCheckpoint): void {
    const { lwt, id } = this.latest;
    if (change.lwt > lwt || (change.lwt === lwt && change.id > id)) this.latest = change;
  }

  private apply(changes: readonly (readonly [RxDocumentData<Appeal>, boolean])[]): void {
    const put: IndexEntry[] = [];
    const removed: string[] = [];
    for (const [doc, deleted] of changes) {
      const lwt = doc._meta?.lwt ?? 0;
      this.advance({ id: doc.id, lwt });
      if ((this.writtenAt.get(doc.id) ?? -1) > lwt) continue;
      this.writtenAt.set(doc.id, lwt);
      if (deleted || doc._deleted) removed.push(doc.id);
      else put.push({ projection: project(doc), text: searchableText(doc) });
    }
    if (removed.length > 0) this.backend.remove(removed);
    if (put.length > 0) this.backend.put(put);
    if (removed.length > 0 || put.length > 0) this.scheduleSave(saveDelayMs);
  }

  /**
   * The appeals matching every word of `query` (every one, when it is empty) and the view's
   * `selector`: the first `limit` in `order` (deadline by default), and how many.
   */
  search(
    query: string,
    selector: MangoQuerySelector<Appeal>,
    limit: number,
    order?: ListOrder,
  ): Promise<SearchHits> {
    return this.backend.search(query, selector, limit, order);
  }

  /** How many indexed appeals satisfy `selector` (exact once the index is ready; counts without I/O). */
  count(selector: MangoQuerySelector<Appeal>): Promise<number> {
    return this.backend.count(selector);
  }

  stop(): void {
    this.stopped = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.subscription?.unsubscribe();
    this.backend.close();
  }
}
