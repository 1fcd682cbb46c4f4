/**
 * The archive's filters as a local query and as the server's search (issue 11). Locally the archive
 * is the appeals in a closed status this desktop keeps (the last `localArchiveDays`, shared/model/
 * archive.ts); older ones are asked of the server with the same filters, closed before the window.
 */
import type { MangoQuerySelector } from 'rxdb';
import { closedStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { localArchiveCutoff } from '../../../shared/model/archive';
import type { AppealStatus, Channel, Regime } from '../../../shared/model/vocabulary';
import type { ArchiveQuery } from '../../api/archive';

export type ArchiveStatus = (typeof closedStatuses)[number];
export { closedStatuses as archiveStatuses };

export interface ArchiveFilters {
  readonly words: string;
  readonly channel: Channel | null;
  readonly regime: Regime | null;
  readonly status: ArchiveStatus | null;
  readonly departmentId: string | null;
  /** `''`: closed without an assignee. */
  readonly assigneeId: string | null;
  readonly category: string | null;
}

export const noArchiveFilters: ArchiveFilters = {
  words: '',
  channel: null,
  regime: null,
  status: null,
  departmentId: null,
  assigneeId: null,
  category: null,
};

/** The local selector (served by the status index); the words go to the search index. */
export function archiveSelector(filters: ArchiveFilters): MangoQuerySelector<Appeal> {
  const statuses: readonly AppealStatus[] = filters.status ? [filters.status] : closedStatuses;
  return {
    status: { $in: [...statuses] },
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.regime ? { regime: filters.regime } : {}),
    ...(filters.departmentId !== null ? { departmentId: filters.departmentId } : {}),
    ...(filters.assigneeId !== null ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.category ? { category: filters.category } : {}),
  };
}

/** The same filters for the server: only what this desktop does not keep (closed before the window). */
export function serverArchiveQuery(filters: ArchiveFilters, now: number, cursor?: string): ArchiveQuery {
  return {
    ...(filters.words.trim() ? { q: filters.words.trim() } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.regime ? { regime: filters.regime } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.departmentId !== null ? { departmentId: filters.departmentId } : {}),
    ...(filters.assigneeId !== null ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    closedBefore: localArchiveCutoff(now),
    ...(cursor ? { cursor } : {}),
  };
}

/** Newest closure first; an appeal without `closedAt` (never expected in the archive) last. */
export function byClosure(a: Pick<Appeal, 'closedAt' | 'id'>, b: Pick<Appeal, 'closedAt' | 'id'>): number {
  return (b.closedAt ?? 0) - (a.closedAt ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
