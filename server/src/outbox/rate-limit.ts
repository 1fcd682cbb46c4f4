/**
 * Per-network send rates shared by every server process (docs/CHANNELS.md: VK ≈ 20 req/s per
 * community, Telegram ≈ 1 msg/s per chat and 30/s per bot, MAX 30 rps). A GCRA reservation per
 * key in PostgreSQL: each send moves the key's "theoretical arrival time" on by 1/rate and waits
 * until its slot. The defaults stay a little under the published limits, since our clock and the
 * network's never agree to the millisecond.
 */
import type { Queryable } from '../db/pool';
import type { OutboxNetwork } from './types';

export interface Rate {
  perSecond: number;
  /** Sends allowed back to back before the spacing applies. */
  burst: number;
}

export interface NetworkRates {
  /** Per account (community, bot, mailbox). */
  account: Rate;
  /** Per chat, where the network limits it (Telegram). */
  chat: Rate | null;
}

export type RateTable = Record<OutboxNetwork, NetworkRates>;

export const defaultRates: RateTable = {
  vk: { account: { perSecond: 19, burst: 1 }, chat: null },
  telegram: { account: { perSecond: 28, burst: 1 }, chat: { perSecond: 1, burst: 1 } },
  max: { account: { perSecond: 28, burst: 1 }, chat: null },
  // Not documented (docs/CHANNELS.md §2 ⚠): as careful as VK.
  ok: { account: { perSecond: 19, burst: 1 }, chat: null },
  email: { account: { perSecond: 10, burst: 5 }, chat: null },
};

/** Reserves the next slot of `key`; returns how many milliseconds to wait before using it. */
export async function reserveSlot(db: Queryable, key: string, rate: Rate): Promise<number> {
  const intervalMs = 1000 / rate.perSecond;
  const result = await db.query<{ wait_ms: number }>(
    `INSERT INTO outbox_rate_limits AS r (key, tat)
     VALUES ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
     ON CONFLICT (key) DO UPDATE
       SET tat = greatest(r.tat, clock_timestamp()) + make_interval(secs => $2 / 1000.0)
     RETURNING greatest(0, extract(epoch FROM (tat - clock_timestamp())) * 1000 - $2 * $3)::float8 AS wait_ms`,
    [key, intervalMs, rate.burst],
  );
  return result.rows[0]?.wait_ms ?? 0;
}

/**
 * The same spacing in this process, taken right before each request starts. The shared slot is
 * reserved earlier (a query, a sleep, another query for the account's slot), and a send that
 * starts late would otherwise have the next ones bunch up against it: the network counts when
 * requests arrive, not when we reserved them (seen: 21–23 VK sends in one second, 770 ms between
 * two Telegram messages of one chat, on a busy machine).
 */
export class SendPacer {
  /** Per key: the earliest start of the next request (performance.now() time). */
  private readonly next = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes the next start on each key; returns how many milliseconds to wait for the latest. */
  take(keys: readonly (readonly [key: string, rate: Rate])[]): number {
    const now = this.now();
    let at = now;
    for (const [key, rate] of keys) at = Math.max(at, this.earliest(key, rate, now));
    for (const [key, rate] of keys) {
      const interval = 1000 / rate.perSecond;
      this.next.set(key, Math.max(this.next.get(key) ?? 0, at) + interval);
    }
    if (this.next.size > 10_000) this.forgetPast(now);
    return at - now;
  }

  /** When `key` may start again, its burst counted (GCRA, as in `reserveSlot`). */
  private earliest(key: string, rate: Rate, now: number): number {
    const next = this.next.get(key);
    if (next === undefined) return now;
    return Math.max(now, next - (rate.burst - 1) * (1000 / rate.perSecond));
  }

  private forgetPast(now: number): void {
    for (const [key, next] of this.next) if (next < now) this.next.delete(key);
  }
}

/** A 429 with retry_after: nobody sends through `key` before `untilMs` from now. */
export async function holdKey(db: Queryable, key: string, forMs: number): Promise<void> {
  await db.query(
    `INSERT INTO outbox_rate_limits AS r (key, tat) VALUES ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
     ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, clock_timestamp() + make_interval(secs => $2 / 1000.0))`,
    [key, forMs],
  );
}

export const accountKey = (network: OutboxNetwork, accountId: string) => `${network}:${accountId}`;
export const chatKey = (network: OutboxNetwork, accountId: string, peerId: string) =>
  `${network}:${accountId}:${peerId}`;
