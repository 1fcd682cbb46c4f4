/**
 * The last report of each kind the official opened, kept on this computer to read offline (issue 14):
 * an IndexedDB database of its own, not replicated, one record per user and kind, replaced on every
 * report the server sends. A record says when it was kept; the screen shows it beside the report.
 */
import type { Report, ReportKind } from '../../../shared/model/report';

const databaseName = 'okno-reports';
const storeName = 'last';

export interface KeptReport {
  report: Report;
  /** when this computer received it (epoch ms) */
  keptAt: number;
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(
  factory: IDBFactory,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await open(factory);
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(storeName, mode).objectStore(storeName));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

const keyOf = (userId: string, kind: ReportKind) => `${userId}:${kind}`;

export async function keepReport(
  factory: IDBFactory,
  userId: string,
  report: Report,
  keptAt: number,
): Promise<void> {
  const kept: KeptReport = { report, keptAt };
  await withStore(factory, 'readwrite', (store) => store.put(kept, keyOf(userId, report.kind)));
}

/** The kept report of this user and kind; null when none (or the store cannot be read). */
export async function keptReport(
  factory: IDBFactory,
  userId: string,
  kind: ReportKind,
): Promise<KeptReport | null> {
  try {
    const kept = await withStore<KeptReport | undefined>(factory, 'readonly', (store) =>
      store.get(keyOf(userId, kind)),
    );
    return kept && kept.report?.kind === kind ? kept : null;
  } catch {
    return null;
  }
}
