/**
 * Full-text search over the local appeals with Russian morphology (shared/search): an in-memory
 * inverted index of subject, text and applicant, built once from the database in pages and then kept
 * up to date from the collection's changes. Next to it, a small projection of every appeal (deadline,
 * status, routing) lets the inbox filter and sort search hits without reading documents.
 */

import type { RxCollection, RxDocumentData } from 'rxdb';
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { Appeal } from '../../../shared/model/appeal';
import { InvertedIndex } from '../../../shared/search/inverted-index';
import { scanDocuments } from '../../db/fast-read';

export type AppealProjection = Pick<
  Appeal,
  'id' | 'dueAt' | 'status' | 'departmentId' | 'assigneeId' | 'regime' | 'channel' | 'category'
>;

export interface IndexingProgress {
  readonly done: number;
  readonly total: number;
  readonly ready: boolean;
}

// Small pages keep each indexing step short, so the inbox stays responsive while the index builds.
const pageSize = 500;

export function searchableText(appeal: Appeal): string {
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
});

export class AppealSearch {
  readonly progress$ = new BehaviorSubject<IndexingProgress>({ done: 0, total: 0, ready: false });
  private readonly index = new InvertedIndex();
  private readonly projections = new Map<string, AppealProjection>();
  /** Last write time of the indexed state, so a page read racing a change never restores an older state. */
  private readonly writtenAt = new Map<string, number>();
  private subscription: Subscription | null = null;
  private stopped = false;

  constructor(private readonly collection: RxCollection<Appeal>) {}

  /** Subscribes to changes, then indexes what is stored, page by page, yielding to the UI in between. */
  async start(): Promise<void> {
    this.subscription = this.collection.eventBulks$.subscribe((bulk) => {
      for (const event of bulk.events)
        this.apply(event.documentData as RxDocumentData<Appeal>, event.operation === 'DELETE');
    });
    const total = await this.collection.count().exec();
    this.progress$.next({ done: 0, total, ready: false });
    let done = 0;
    for await (const documents of scanDocuments(this.collection, pageSize)) {
      if (this.stopped) return;
      for (const doc of documents) this.apply(doc, false);
      done += documents.length;
      this.progress$.next({ done, total: Math.max(total, done), ready: false });
      // Yield to the UI between pages.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.progress$.next({ done, total: Math.max(total, done), ready: true });
  }

  private apply(doc: RxDocumentData<Appeal>, deleted: boolean): void {
    const lwt = doc._meta?.lwt ?? 0;
    if ((this.writtenAt.get(doc.id) ?? -1) > lwt) return;
    this.writtenAt.set(doc.id, lwt);
    if (deleted || doc._deleted) {
      this.index.remove(doc.id);
      this.projections.delete(doc.id);
      return;
    }
    this.projections.set(doc.id, project(doc));
    this.index.put(doc.id, searchableText(doc));
  }

  /** Projections of the appeals matching every word of `query`. */
  search(query: string): AppealProjection[] {
    return this.index.search(query).flatMap((id) => {
      const projection = this.projections.get(id);
      return projection ? [projection] : [];
    });
  }

  /** How many indexed appeals satisfy `matches` (exact once the index is ready; counts without I/O). */
  count(matches: (projection: AppealProjection) => boolean): number {
    let count = 0;
    for (const projection of this.projections.values()) if (matches(projection)) count += 1;
    return count;
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
  }
}
