/**
 * An official's own saved filters: a name, a view and its filters, kept on this computer per user
 * (local preferences: no personal data of applicants, nothing to sync).
 */
import { appealStatuses, channels, regimes } from '../../../shared/model/vocabulary';
import { deadlineWindows, type InboxFilters, type InboxView, inboxViews, noFilters } from './inbox-query';

export interface SavedFilter {
  readonly name: string;
  readonly view: InboxView;
  readonly filters: InboxFilters;
}

const keyOf = (userId: string) => `okno.inbox.savedFilters.${userId}`;
const maxSaved = 20;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const among = <T extends string>(allowed: readonly T[], value: unknown): T[] =>
  strings(value).filter((item): item is T => (allowed as readonly string[]).includes(item));

/** Reads what was stored, dropping whatever does not parse (an older or hand-edited entry). */
function parse(raw: unknown): SavedFilter | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const entry = raw as { name?: unknown; view?: unknown; filters?: Record<string, unknown> };
  if (typeof entry.name !== 'string' || entry.name.trim() === '') return null;
  if (!(inboxViews as readonly unknown[]).includes(entry.view)) return null;
  const f = entry.filters ?? {};
  const deadline = (deadlineWindows as readonly unknown[]).includes(f.deadline)
    ? (f.deadline as InboxFilters['deadline'])
    : null;
  return {
    name: entry.name.trim(),
    view: entry.view as InboxView,
    filters: {
      ...noFilters,
      channels: among(channels, f.channels),
      regimes: among(regimes, f.regimes),
      statuses: among(appealStatuses, f.statuses),
      departmentIds: strings(f.departmentIds),
      assigneeIds: strings(f.assigneeIds),
      categories: strings(f.categories),
      deadline,
    },
  };
}

export function loadSavedFilters(storage: Storage, userId: string): SavedFilter[] {
  try {
    const raw = JSON.parse(storage.getItem(keyOf(userId)) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.flatMap((entry) => parse(entry) ?? []) : [];
  } catch {
    return [];
  }
}

/** Saves under `name`, replacing one of the same name; the newest first, at most 20. */
export function saveFilter(storage: Storage, userId: string, saved: SavedFilter): SavedFilter[] {
  const rest = loadSavedFilters(storage, userId).filter((entry) => entry.name !== saved.name);
  const next = [saved, ...rest].slice(0, maxSaved);
  storage.setItem(keyOf(userId), JSON.stringify(next));
  return next;
}

export function forgetFilter(storage: Storage, userId: string, name: string): SavedFilter[] {
  const next = loadSavedFilters(storage, userId).filter((entry) => entry.name !== name);
  storage.setItem(keyOf(userId), JSON.stringify(next));
  return next;
}
