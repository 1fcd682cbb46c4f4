/**
 * Live changes over server-sent events. Each message is `data: <json>` where json is either
 * `{ documents, checkpoint }` (exactly what a pull returns) or the string `"RESYNC"`, which tells
 * RxDB to run a checkpoint iteration through pull. A stream always starts with RESYNC (a client that
 * reconnects catches up through pull) and sends RESYNC again when this process may have missed
 * notifications (its LISTEN connection was re-established).
 *
 * A stream holds its own cursor. Without `checkpoint` it starts at the newest seq the caller can
 * already read, which is safe: within an organisation, anything committed later has a higher seq.
 *
 * A stream stands on the session that opened it: it ends when its access token expires, and when
 * the session is revoked (logout, refresh reuse) or the user disabled — migration 105 wakes the
 * organisation's streams then with a notice without seq, and such a wake-up (or a resync) makes the
 * stream re-check its session before it reads. Data notices do not pay for the check: the read
 * itself reads nothing once the session is gone, in the same snapshot.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { AuthContext } from '../auth/context';
import type { Checkpoint } from './checkpoint';
import type { ChangeNotice } from './notifier';
import { type BatchRead, pullChanges, pullChangesBatch, pullResponseJson } from './pull';
import type { SyncCollection } from './types';

const batchSize = 500;
/** Streams read together in one statement at most. */
const readersPerStatement = 250;
const heartbeatMs = 20_000;

export async function currentCursor(
  db: pg.Pool,
  collection: SyncCollection,
  auth: AuthContext,
): Promise<Checkpoint> {
  const result = await db.query<{ seq: string | null }>(
    `SELECT greatest(
       (SELECT max(seq) FROM ${collection.table} WHERE org_id = $1),
       (SELECT max(seq) FROM sync_user_events WHERE user_id = $2 AND collection = $3)) AS seq`,
    [auth.orgId, auth.userId, collection.name],
  );
  return { seq: Number(result.rows[0]?.seq ?? 0) };
}

/** Whether the caller's session is still open and the user still enabled. */
async function sessionStands(db: pg.Pool, auth: AuthContext): Promise<boolean> {
  const result = await db.query(
    `SELECT 1 FROM users u
      WHERE u.id = $1 AND NOT u.disabled
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM auth_sessions s
                                          WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL))`,
    [auth.userId, auth.sessionId ?? null],
  );
  return (result.rowCount ?? 0) > 0;
}

/** How long a stream opened now may live: the access token's remaining life, at most `lifetimeMs`. */
export function streamLifetime(auth: AuthContext, lifetimeMs: number, now = Date.now()): number {
  return auth.accessExpiresAt === undefined
    ? lifetimeMs
    : Math.max(0, Math.min(lifetimeMs, auth.accessExpiresAt - now));
}

export class StreamConnection {
  private running = false;
  private again = false;
  private closed = false;
  /** Whether the session must be checked before the next read (at open, and after account notices). */
  private recheckSession = true;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly expiry: NodeJS.Timeout;

  constructor(
    private readonly hub: StreamHub,
    readonly collection: SyncCollection,
    readonly auth: AuthContext,
    private readonly response: ServerResponse,
    private cursor: number,
    lifetimeMs: number,
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 1000\n\n');
    this.resync();
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), heartbeatMs);
    // The access token behind this stream expires; the client reconnects with a fresh one.
    this.expiry = setTimeout(() => this.close(), lifetimeMs);
    response.on('close', () => this.close());
  }

  get position(): number {
    return this.cursor;
  }

  resync(): void {
    this.write('data: "RESYNC"\n\n');
  }

  /**
   * Re-reads from the cursor; coalesces wake-ups that arrive while a read runs. `recheck`: an
   * account or session may have changed; the session is checked before the read.
   */
  wake(recheck = false): void {
    if (this.closed) return;
    if (recheck) this.recheckSession = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
    });
  }

  /**
   * Claims this stream for a read shared with the other streams a change woke (StreamHub.notice):
   * false when it is closed, reading already (it reads again after), or must check its session first
   * (it reads alone then).
   */
  claimForBatch(): boolean {
    if (this.closed) return false;
    if (this.running) {
      this.again = true;
      return false;
    }
    if (this.recheckSession) {
      this.wake();
      return false;
    }
    this.running = true;
    return true;
  }

  /** Sends what the shared read found for this stream (null: it failed) and releases the claim. */
  settleBatch(read: BatchRead | null): void {
    this.running = false;
    if (this.closed) return;
    if (read) {
      if (read.result.documents.length > 0) this.write(`data: ${pullResponseJson(read.result)}\n\n`);
      this.cursor = read.result.checkpoint.seq;
    }
    // A full batch may have more behind it; a failed one is read again alone.
    if (!read || read.full || this.again) {
      this.again = false;
      this.wake();
    }
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        if (this.recheckSession) {
          this.recheckSession = false;
          if (!(await sessionStands(this.hub.db, this.auth))) {
            this.close();
            return;
          }
        }
        for (;;) {
          const result = await pullChanges(
            this.hub.db,
            this.collection,
            this.auth,
            { seq: this.cursor },
            batchSize,
          );
          if (this.closed) return;
          if (result.documents.length > 0) this.write(`data: ${pullResponseJson(result)}\n\n`);
          this.cursor = result.checkpoint.seq;
          if (result.documents.length < batchSize) break;
        }
      } while (this.again && !this.closed);
    } catch (error) {
      this.hub.log.warn({ err: error, collection: this.collection.name }, 'sync stream read failed');
      this.resync();
    }
  }

  private write(chunk: string): void {
    if (!this.closed) this.response.write(chunk);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.expiry);
    this.hub.remove(this);
    this.response.end();
  }
}

/** The streams of this process, by organisation. */
export class StreamHub {
  private readonly byOrg = new Map<string, Set<StreamConnection>>();

  constructor(
    readonly db: pg.Pool,
    readonly log: FastifyBaseLogger,
  ) {}

  open(
    collection: SyncCollection,
    auth: AuthContext,
    response: ServerResponse,
    cursor: number,
    lifetimeMs: number,
  ): StreamConnection {
    const connection = new StreamConnection(this, collection, auth, response, cursor, lifetimeMs);
    let set = this.byOrg.get(auth.orgId);
    if (!set) {
      set = new Set();
      this.byOrg.set(auth.orgId, set);
    }
    set.add(connection);
    connection.wake();
    return connection;
  }

  remove(connection: StreamConnection): void {
    const set = this.byOrg.get(connection.auth.orgId);
    set?.delete(connection);
    if (set?.size === 0) this.byOrg.delete(connection.auth.orgId);
  }

  /**
   * A change committed: the streams of its organisation that are behind it read it — together, one
   * statement per collection for every idle stream (pullChangesBatch: each with its own scope and
   * session, exactly as alone), instead of one query each. Account notices (no seq) make each
   * stream check its session and read alone.
   */
  notice(notice: ChangeNotice): void {
    const claimed = new Map<SyncCollection, StreamConnection[]>();
    for (const connection of this.byOrg.get(notice.orgId) ?? []) {
      if (notice.seq === null) connection.wake(true);
      else if (notice.seq > connection.position && connection.claimForBatch()) {
        const list = claimed.get(connection.collection);
        if (list) list.push(connection);
        else claimed.set(connection.collection, [connection]);
      }
    }
    for (const [collection, connections] of claimed) {
      for (let from = 0; from < connections.length; from += readersPerStatement) {
        void this.readTogether(collection, notice.orgId, connections.slice(from, from + readersPerStatement));
      }
    }
  }

  private async readTogether(
    collection: SyncCollection,
    orgId: string,
    connections: StreamConnection[],
  ): Promise<void> {
    let reads: BatchRead[] | null = null;
    try {
      reads = await pullChangesBatch(
        this.db,
        collection,
        orgId,
        connections.map((c) => ({ reader: c.auth, since: { seq: c.position } })),
        batchSize,
      );
    } catch (error) {
      this.log.warn({ err: error, collection: collection.name }, 'sync stream shared read failed');
    }
    for (const [index, connection] of connections.entries()) connection.settleBatch(reads?.[index] ?? null);
  }

  /** Notifications may have been lost: every client re-checks through pull, every stream re-reads. */
  resyncAll(): void {
    for (const set of this.byOrg.values()) {
      for (const connection of set) {
        connection.resync();
        connection.wake(true);
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const set of this.byOrg.values()) n += set.size;
    return n;
  }

  closeAll(): void {
    for (const set of [...this.byOrg.values()]) for (const connection of [...set]) connection.close();
  }
}
