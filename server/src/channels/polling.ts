/**
 * Polling transports (VK Bots Long Poll, Telegram getUpdates, MAX /updates, IMAP): one loop per
 * account in `polling` mode (and every e-mail account), started with the server. A lease row in
 * `channel_cursors` keeps two server processes from polling one account at once; the cursor
 * (VK ts, Telegram offset, MAX marker, IMAP UIDVALIDITY:UID) is saved only after the events it
 * covers are committed, so a crash re-reads them and the event-id dedupe drops the repeats.
 */
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { listChannelAccounts } from './accounts';
import type { ChannelDeps } from './pipeline';
import type { ChannelAccount } from './types';

export interface PollingAdapter {
  /** One poll: fetch, ingest in order, save the cursor. Returns when the long poll returns. */
  pollOnce(
    deps: ChannelDeps,
    account: ChannelAccount,
    state: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<void>;
  /**
   * Which accounts it polls, when not every enabled account in `polling` mode (and every e-mail
   * account): OK's comment poller reads webhook accounts that have REST credentials (ok/comments.ts).
   */
  polls?(account: ChannelAccount): boolean;
}

const pollsAccount = (adapter: PollingAdapter, account: ChannelAccount): boolean =>
  account.enabled &&
  (adapter.polls ? adapter.polls(account) : account.mode === 'polling' || account.network === 'email');

const leaseSeconds = 60;

export async function readCursor(db: Queryable, accountId: string, name: string): Promise<string> {
  const result = await db.query<{ value: string }>(
    'SELECT value FROM channel_cursors WHERE channel_account_id = $1 AND name = $2',
    [accountId, name],
  );
  return result.rows[0]?.value ?? '';
}

export async function saveCursor(
  db: Queryable,
  accountId: string,
  name: string,
  value: string,
): Promise<void> {
  await db.query(
    `INSERT INTO channel_cursors (channel_account_id, name, value) VALUES ($1, $2, $3)
     ON CONFLICT (channel_account_id, name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [accountId, name, value],
  );
}

async function takeLease(db: Queryable, accountId: string, owner: string): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO channel_cursors (channel_account_id, name, lease_owner, lease_until)
     VALUES ($1, 'lease', $2, now() + make_interval(secs => $3))
     ON CONFLICT (channel_account_id, name) DO UPDATE
       SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until, updated_at = now()
     WHERE channel_cursors.lease_owner = EXCLUDED.lease_owner OR channel_cursors.lease_owner IS NULL
        OR channel_cursors.lease_until < now()`,
    [accountId, owner, leaseSeconds],
  );
  return (result.rowCount ?? 0) > 0;
}

async function releaseLease(db: Queryable, accountId: string, owner: string): Promise<void> {
  await db.query(
    `UPDATE channel_cursors SET lease_owner = NULL, lease_until = NULL
      WHERE channel_account_id = $1 AND name = 'lease' AND lease_owner = $2`,
    [accountId, owner],
  );
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

export class PollerHost {
  private readonly owner = newId();
  private readonly controller = new AbortController();
  private readonly loops = new Map<string, Promise<void>>();
  private refresher: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: ChannelDeps,
    private readonly adapters: Partial<Record<ChannelAccount['network'], PollingAdapter>>,
    private readonly refreshMs = 10_000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.refresher = setInterval(() => void this.refresh().catch(() => {}), this.refreshMs);
    this.refresher.unref();
  }

  /** Starts loops for polling accounts that have none (new accounts appear within refreshMs). */
  async refresh(): Promise<void> {
    if (this.controller.signal.aborted) return;
    const accounts = await listChannelAccounts(this.deps.db);
    for (const account of accounts) {
      const adapter = this.adapters[account.network];
      if (!adapter || !pollsAccount(adapter, account) || this.loops.has(account.id)) continue;
      const loop = this.run(account.id, adapter).finally(() => this.loops.delete(account.id));
      this.loops.set(account.id, loop);
    }
  }

  private async run(accountId: string, adapter: PollingAdapter): Promise<void> {
    const signal = this.controller.signal;
    const state: Record<string, unknown> = {};
    let failures = 0;
    const { db, log } = this.deps;
    while (!signal.aborted) {
      const account = (await listChannelAccounts(db)).find((a) => a.id === accountId);
      if (!account || !pollsAccount(adapter, account)) return;
      try {
        if (!(await takeLease(db, accountId, this.owner))) {
          await sleep(5_000, signal);
          continue;
        }
        await adapter.pollOnce(this.deps, account, state, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        log.warn(
          { err: error, network: account.network, channelAccountId: accountId },
          'polling failed; retrying',
        );
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), signal);
      }
    }
    await releaseLease(db, accountId, this.owner).catch(() => {});
  }

  async stop(): Promise<void> {
    if (this.refresher) clearInterval(this.refresher);
    this.controller.abort();
    await Promise.allSettled([...this.loops.values()]);
  }
}

export { sleep };
