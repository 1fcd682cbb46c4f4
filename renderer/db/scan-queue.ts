/**
 * Scans of a reception or postal appeal waiting for the server (issue 10), kept on this computer
 * until uploaded — offline for days, across a closed app — and then named on the appeal.
 *
 * Why a small IndexedDB store of its own and not RxDB attachments: the scan's bytes never replicate
 * through the sync (the server takes them only by `POST /api/v1/appeals/:id/scans`, which checks the
 * appeal's scope and the file rule and audits the upload), and the appeal may name a file only once
 * the server holds it (server/src/appeals/scans.ts refuses any other). So the bytes wait here, outside
 * the replicated document; RxDB attachments would have meant a schema version for every appeal and
 * bytes the replication must be taught to leave alone. One database per local Okno database
 * (`okno-scans-<name>`), removed with it (./wipe.ts, sign-out with wiping).
 *
 * The order that makes the server accept the reference: a new appeal is pushed by the replication
 * first (until then its upload answers 404 and is tried again); the scan is uploaded; its metadata is
 * kept here; only then is it added to the local appeal's `attachments`, which the replication pushes;
 * the bytes are dropped last. A crash between two steps repeats the next step, never loses a scan.
 */
import { BehaviorSubject, map, type Observable } from 'rxjs';
import { appealScanRule, type FileProblem, uploadProblem } from '../../shared/model/answer-files';
import type { AttachmentMeta } from '../../shared/model/attachment';
import type { ApiResult } from '../api/client';
import type { OknoDatabase } from './database';

/** `waiting`: for the server (offline, or the appeal not there yet); `refused`: the server will not take it. */
export interface PendingScan {
  readonly id: string;
  readonly appealId: string;
  readonly name: string;
  readonly size: number;
  readonly state: 'waiting' | 'refused';
  /** The server's refusal code (`file_tooLarge`, `scan_notPaperAppeal`, …) when refused. */
  readonly code: string | null;
}

interface StoredScan extends PendingScan {
  readonly type: string;
  readonly bytes: ArrayBuffer;
  readonly addedAt: number;
  /** Set once the server has the scan: the next step only names it on the appeal. */
  readonly meta: AttachmentMeta | null;
}

export type UploadScan = (appealId: string, scan: Blob, name: string) => Promise<ApiResult<AttachmentMeta>>;
/** Names an uploaded scan on the local appeal (the replication pushes it). */
export type AttachScan = (appealId: string, meta: AttachmentMeta) => Promise<void>;

const storeName = 'scans';

const scanStoreName = (databaseName: string) => `okno-scans-${databaseName}`;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openStore(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'id' });
  return done(request);
}

/** Removes the scans kept for one local database (sign-out with wiping). */
export async function removeScanStore(databaseName: string): Promise<void> {
  await done(indexedDB.deleteDatabase(scanStoreName(databaseName)));
}

/** Adds the uploaded scan to the local appeal once (the server keeps the list it already had). */
export function attachToLocalAppeal(db: OknoDatabase, now: () => number = Date.now): AttachScan {
  return async (appealId, meta) => {
    const appeal = await db.appeals.findOne(appealId).exec();
    if (!appeal) return;
    await appeal.incrementalModify((doc) =>
      doc.attachments.some((file) => file.id === meta.id)
        ? doc
        : { ...doc, attachments: [...doc.attachments, meta], updatedAt: Math.max(now(), doc.updatedAt + 1) },
    );
  };
}

/** What a failed upload means: try again later (no network, the appeal not on the server yet) or refused. */
function afterFailure(error: Extract<ApiResult<unknown>, { ok: false }>['error']): string | null {
  if (error.kind !== 'server') return null;
  if (error.status === 404 || error.status === 408 || error.status === 429 || error.status >= 500)
    return null;
  return error.code ?? `http_${error.status}`;
}

const shown = ({ id, appealId, name, size, state, code }: StoredScan): PendingScan => ({
  id,
  appealId,
  name,
  size,
  state,
  code,
});

export class ScanQueue {
  private readonly scans$ = new BehaviorSubject<readonly StoredScan[]>([]);
  private database: Promise<IDBDatabase> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly upload: UploadScan,
    private readonly attach: AttachScan,
    private readonly retryMs = 3000,
  ) {}

  /** The scans of one appeal still on this computer, oldest first. */
  scansOf(appealId: string): Observable<readonly PendingScan[]> {
    return this.scans$.pipe(map((scans) => scans.filter((scan) => scan.appealId === appealId).map(shown)));
  }

  /** Scans not on the server yet: counted with the unsynced changes a wipe or a server change warns of. */
  get waitingCount(): number {
    return this.scans$.value.filter((scan) => scan.state === 'waiting').length;
  }

  /** Keeps the file for the appeal (the shared rule first) and tries to upload it at once. */
  async add(appealId: string, file: File, now = Date.now()): Promise<FileProblem | null> {
    const problem = uploadProblem(appealScanRule, file);
    if (problem) return problem;
    const scan: StoredScan = {
      id: crypto.randomUUID(),
      appealId,
      name: file.name,
      size: file.size,
      state: 'waiting',
      code: null,
      type: file.type,
      bytes: await file.arrayBuffer(),
      addedAt: now,
      meta: null,
    };
    await this.put(scan);
    void this.flush();
    return null;
  }

  /** Forgets a scan the server refused (the official chose another file). */
  async remove(id: string): Promise<void> {
    await this.write((store) => store.delete(id));
    this.scans$.next(this.scans$.value.filter((scan) => scan.id !== id));
  }

  /** Loads what an earlier session left and retries every `retryMs`. */
  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.retryMs);
    void this.load().then(() => this.flush());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.database?.then((db) => db.close());
    this.database = null;
  }

  /** Tries every waiting scan once (one run at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    for (const scan of this.scans$.value.filter((s) => s.state === 'waiting')) {
      // A failed local write (the database closing at sign-out) leaves the scan for the next run.
      await this.send(scan).catch((error: unknown) => console.error('okno: a scan was not sent yet', error));
    }
  }

  private async send(scan: StoredScan): Promise<void> {
    let meta = scan.meta;
    if (!meta) {
      const result = await this.upload(scan.appealId, new Blob([scan.bytes], { type: scan.type }), scan.name);
      if (!result.ok) {
        const code = afterFailure(result.error);
        if (code) await this.put({ ...scan, state: 'refused', code });
        return;
      }
      meta = result.value;
      await this.put({ ...scan, meta });
    }
    await this.attach(scan.appealId, meta);
    await this.remove(scan.id);
  }

  private store(): Promise<IDBDatabase> {
    this.database ??= openStore(scanStoreName(this.name));
    return this.database;
  }

  private async load(): Promise<void> {
    const db = await this.store();
    const all = (await done(db.transaction(storeName).objectStore(storeName).getAll())) as StoredScan[];
    const known = new Set(this.scans$.value.map((scan) => scan.id));
    const earlier = all.filter((scan) => !known.has(scan.id)).sort((a, b) => a.addedAt - b.addedAt);
    this.scans$.next([...earlier, ...this.scans$.value]);
  }

  private async put(scan: StoredScan): Promise<void> {
    await this.write((store) => store.put(scan));
    const scans = this.scans$.value;
    const known = scans.some((s) => s.id === scan.id);
    this.scans$.next(known ? scans.map((s) => (s.id === scan.id ? scan : s)) : [...scans, scan]);
  }

  private async write(change: (store: IDBObjectStore) => IDBRequest): Promise<void> {
    const db = await this.store();
    const transaction = db.transaction(storeName, 'readwrite');
    change(transaction.objectStore(storeName));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}
