/**
 * Processing of stored webhook events: a network is answered once the raw event is committed
 * (./raw-events.ts); this queue then normalises each event into the inbox and tells the bot
 * (pipeline.ts, `processStoredEvent`).
 *
 * - In memory, in arrival order, the events of one conversation (account + chat) strictly one
 *   after another; at most `concurrency` events in processing at once (they meet in the intake's
 *   group commit, ./group-commit.ts).
 * - From the database: a stored event nobody processed — the process died after the commit, the
 *   memory queue was full, processing hit a database error — is picked up by the sweep: at start
 *   (every pending event; new events wait behind them until it is done) and every `sweepMs`
 *   (events pending for longer than `staleMs`).
 * - An event whose processing fails (a database error) is retried in place after `retryDelaysMs`,
 *   its conversation's later events waiting behind it, so a passing fault keeps the chat in order.
 *   Only when every retry failed is it left to the sweep; then it may land after a newer one.
 * - Exactly once, across processes too: processing claims the row (`UPDATE … WHERE processed_at
 *   IS NULL`) in the transaction that writes the inbox, so a second attempt finds it done.
 */
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { loadChannelAccount } from './accounts';
import { conversationKey, type NormalisedEvent, type Preparer, type StoredEvent } from './events';
import type { ChannelAccount } from './types';

/** Rebuilds the normalised event of a stored raw payload (the network's adapter); null: nothing to do. */
export type Renormaliser = (
  account: ChannelAccount,
  rawJson: string,
) => { event: NormalisedEvent; prepare?: Preparer } | null;

interface StoredRow {
  id: string;
  channel_account_id: string;
  payload: string;
}

export interface InboundQueueOptions {
  /** Events in processing at once (default 256). */
  concurrency?: number;
  /** Events held in memory at most; more wait in the database for the sweep (default 20,000). */
  maxQueued?: number;
  /** How often the sweep looks for stale pending events (default 5 s). */
  sweepMs?: number;
  /** A pending event older than this is the sweep's (default 30 s). */
  staleMs?: number;
  /** Pauses before each retry of an event whose processing failed (default 0.25, 1, 4 and 15 s). */
  retryDelaysMs?: readonly number[];
  /**
   * Webhook requests waiting for their raw write (./raw-events.ts `waiting`). A network waits for
   * that write and redelivers when it is slow; the inbox can wait — its events are stored. So while
   * at least `yieldAbove` (default 24) requests wait, processing admits new events only up to
   * `yieldConcurrency` (default 8) at once and leaves the processor to the acknowledgements; the
   * backlog is taken up as soon as the burst is over. Below that, as at 1,000 events/s on a
   * two-core machine, nothing changes.
   */
  intakeWaiting?: () => number;
  yieldAbove?: number;
  yieldConcurrency?: number;
}

export class InboundQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly queued = new Set<string>();
  private active = 0;
  private readonly slots: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private sweepTimer: ReturnType<typeof setInterval> | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;
  /** Conversations with events left in the database for want of room (the sweep brings them in). */
  private readonly stranded = new Set<string>();
  /** Events left in the database so far (the sweep knows whether any were left while it looked). */
  private leftInDatabase = 0;
  private sweepAllNext = false;
  /**
   * From start until the first full sweep: events a crash left may be older than a webhook's new
   * one of the same conversation, so new events wait in the database behind them meanwhile.
   */
  private catchingUp = false;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly sweepMs: number;
  private readonly staleMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly intakeWaiting: () => number;
  private readonly yieldAbove: number;
  private readonly yieldConcurrency: number;
  /** Wakes the retry pauses when the queue stops. */
  private stopping = new AbortController();

  constructor(
    private readonly db: pg.Pool,
    private readonly process: (item: StoredEvent) => Promise<void>,
    private readonly renormalise: Renormaliser,
    private readonly log: FastifyBaseLogger,
    options: InboundQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 256;
    this.maxQueued = options.maxQueued ?? 20_000;
    this.sweepMs = options.sweepMs ?? 5_000;
    this.staleMs = options.staleMs ?? 30_000;
    this.retryDelaysMs = options.retryDelaysMs ?? [250, 1_000, 4_000, 15_000];
    this.intakeWaiting = options.intakeWaiting ?? (() => 0);
    this.yieldAbove = options.yieldAbove ?? 24;
    this.yieldConcurrency = Math.max(1, options.yieldConcurrency ?? 8);
  }

  /**
   * Queues a stored event (`fromDatabase`: the sweep's). While older events of its conversation wait
   * in the database for want of room, a webhook's event waits there too, so the sweep keeps them in
   * order.
   */
  enqueue(item: StoredEvent, fromDatabase = false): boolean {
    if (this.stopped) return false;
    if (this.queued.has(item.rawEventId)) return true;
    const key = conversationKey(item.account, item.event);
    const waitsBehindDatabase = !fromDatabase && (this.catchingUp || this.stranded.has(key));
    if (waitsBehindDatabase || this.queued.size >= this.maxQueued) {
      this.stranded.add(key);
      this.leftInDatabase += 1;
      return false;
    }
    this.queued.add(item.rawEventId);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.run(item));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
      this.queued.delete(item.rawEventId);
      // Room again: the sweep brings in what waits in the database.
      if (this.stranded.size > 0 && this.queued.size <= this.maxQueued / 2) void this.sweep(0);
      if (this.queued.size === 0) this.notifyIdle();
    });
    return true;
  }

  /** Resolves once nothing is queued here and no sweep runs (tests, graceful shutdown). */
  async drained(): Promise<void> {
    for (;;) {
      if (this.sweeping) await this.sweeping;
      const leftBehind = this.stranded.size > 0 || this.catchingUp;
      if (this.queued.size === 0 && !this.sweeping && leftBehind && !this.stopped) {
        await this.sweep(0);
        continue;
      }
      if (this.queued.size === 0 && !this.sweeping) return;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Sweeps every pending event now, then the stale ones every `sweepMs`. */
  start(): void {
    this.stopped = false;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.catchingUp = true;
    void this.sweep(0);
    this.sweepTimer = setInterval(() => void this.sweep(this.staleMs), this.sweepMs);
    this.sweepTimer.unref();
  }

  /** Stops taking new work and waits for what is in processing; the rest stays pending in the database. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await Promise.allSettled([...this.chains.values(), this.sweeping]);
  }

  /** Takes pending events older than `minAgeMs` from the database into the queue, oldest first. */
  sweep(minAgeMs: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.sweeping) {
      // A sweep of stale events only would miss young ones: sweep everything right after it.
      if (minAgeMs === 0) this.sweepAllNext = true;
      return this.sweeping;
    }
    const run = this.sweepOnce(minAgeMs)
      .catch((error: unknown) => this.log.error({ err: error }, 'sweeping pending inbound events failed'))
      .finally(() => {
        this.sweeping = null;
        if (this.sweepAllNext) {
          this.sweepAllNext = false;
          void this.sweep(0);
        }
        this.notifyIdle();
      });
    this.sweeping = run;
    return run;
  }

  private async sweepOnce(minAgeMs: number): Promise<void> {
    let after = '0';
    for (;;) {
      const room = this.maxQueued - this.queued.size;
      if (room <= 0 || this.stopped) return;
      const mark = this.leftInDatabase;
      const pending = await this.db.query<StoredRow>(
        `SELECT id, channel_account_id, payload::text AS payload FROM inbound_events
          WHERE processed_at IS NULL AND outcome IS NULL AND id > $3
            AND received_at <= now() - make_interval(secs => $1)
          ORDER BY id LIMIT $2`,
        [minAgeMs / 1000, Math.min(room, 1000), after],
      );
      if (pending.rows.length === 0) {
        // Everything pending is queued, and nothing was left in the database since the query:
        // webhook events may go straight to the queue again.
        if (minAgeMs === 0 && this.leftInDatabase === mark) {
          this.stranded.clear();
          this.catchingUp = false;
        }
        if (minAgeMs > 0 || this.leftInDatabase === mark) return;
        continue;
      }
      const taken = await this.enqueueStored(pending.rows);
      // Out of room: the rest waits for the next sweep, which starts from the oldest again.
      if (taken < pending.rows.length) return;
      after = pending.rows.at(-1)!.id;
    }
  }

  /** Queues stored rows in order; returns how many were taken before the queue was full. */
  private async enqueueStored(rows: StoredRow[]): Promise<number> {
    let taken = 0;
    for (const row of rows) {
      if (this.stopped) return taken;
      if (!this.queued.has(row.id)) {
        const account = await loadChannelAccount(this.db, row.channel_account_id);
        const rebuilt = account ? this.safeRenormalise(account, row.payload) : null;
        if (!account || !rebuilt) {
          await this.db.query(
            `UPDATE inbound_events SET outcome = 'failed' WHERE id = $1 AND processed_at IS NULL AND outcome IS NULL`,
            [row.id],
          );
        } else if (!this.enqueue({ account, rawEventId: row.id, ...rebuilt }, true)) return taken;
      }
      taken += 1;
    }
    return taken;
  }

  private safeRenormalise(account: ChannelAccount, rawJson: string) {
    try {
      return this.renormalise(account, rawJson);
    } catch (error) {
      this.log.error({ err: error, network: account.network }, 'a stored inbound event could not be read');
      return null;
    }
  }

  private async run(item: StoredEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.slot();
      try {
        // Shutting down: what has not started stays pending in the database for the next sweep.
        if (this.stopped) return;
        await this.process(item);
        return;
      } catch (error) {
        // A database error: nothing of the event was committed, so it can simply run again.
        const context = { err: error, network: item.account.network, channelAccountId: item.account.id };
        if (attempt >= this.retryDelaysMs.length) {
          this.log.error(context, 'processing a stored inbound event failed; the sweep retries it');
          return;
        }
        this.log.warn(
          { ...context, attempt: attempt + 1 },
          'processing a stored inbound event failed; retrying',
        );
      } finally {
        this.active -= 1;
        this.admit();
      }
      // The pause holds the conversation (its later events wait) but not a processing slot.
      await this.pause(this.retryDelaysMs[attempt]!);
    }
  }

  /** Waits `ms`, or less if the queue stops meanwhile. */
  private pause(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }

  /** Events in processing allowed now: fewer while webhook requests wait for their raw write. */
  private limit(): number {
    return this.intakeWaiting() >= this.yieldAbove ? this.yieldConcurrency : this.concurrency;
  }

  private slot(): Promise<void> {
    if (this.slots.length === 0 && this.active < this.limit()) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.slots.push(() => {
        this.active += 1;
        resolve();
      }),
    );
  }

  /** Hands free slots to waiting events (one in processing at least, so none waits for ever). */
  private admit(): void {
    while (this.slots.length > 0 && (this.active === 0 || this.active < this.limit())) this.slots.shift()!();
  }

  private notifyIdle(): void {
    if (this.queued.size !== 0 || this.sweeping) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
