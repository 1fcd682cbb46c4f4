/**
 * The delivery job: claims due rows, waits for the shared rate-limit slots, sends through the
 * network's adapter and settles the row (and the replicated message's delivery status) in one
 * transaction. Several workers (in one process or many) share the table safely (./store.ts).
 */
import type pg from 'pg';
import { mailThreadOf, rememberSentMail } from '../channels/email/threads';
import { deliveryErrors, markUnreachable } from './delivery';
import {
  accountKey,
  chatKey,
  defaultRates,
  holdKey,
  type Rate,
  type RateTable,
  reserveSlot,
  SendPacer,
} from './rate-limit';
import { Settlements } from './settlements';
import { backoffMs, claim, markFinal, markRetry, markSent } from './store';
import type { ClaimedMessage, CredentialsResolver, NetworkSender, OutboxNetwork, SendOutcome } from './types';

export interface OutboxWorkerOptions {
  db: pg.Pool;
  credentials: CredentialsResolver;
  /**
   * Each network's sender (server/src/channels/<network>/send.ts), filled by the composition root
   * (server/src/channels/senders.ts): the outbox knows no network.
   */
  senders: Record<OutboxNetwork, NetworkSender>;
  rates?: Partial<RateTable>;
  /** Rows claimed per round (also the number sent in parallel). */
  batchSize?: number;
  /** Idle polling interval; `wake()` cuts it short for rows enqueued by this process. */
  pollMs?: number;
  /** After this many attempts a transient failure becomes `failed`. */
  maxAttempts?: number;
  /**
   * Completes a claimed row right before it is sent (the bot attaches the answer letter to a staff
   * answer, server/src/bot/answer-letter.ts); the outbox itself knows no documents.
   */
  prepare?: (message: ClaimedMessage) => Promise<ClaimedMessage>;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OutboxWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly senders: Record<OutboxNetwork, NetworkSender>;
  private rates: RateTable;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly settlements: Settlements;
  private readonly pacer = new SendPacer();

  constructor(private readonly options: OutboxWorkerOptions) {
    this.senders = options.senders;
    this.rates = { ...defaultRates, ...options.rates };
    this.batchSize = options.batchSize ?? 32;
    this.pollMs = options.pollMs ?? 250;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.settlements = new Settlements(options.db);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** Replaces some networks' limits (tests and the demo CLI relax them; production keeps the defaults). */
  setRates(rates: Partial<RateTable>): void {
    this.rates = { ...this.rates, ...rates };
  }

  /** Rows were enqueued: look now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: ClaimedMessage[] = [];
      try {
        claimed = await claim(this.options.db, this.batchSize);
        await Promise.all(claimed.map((message) => this.deliver(message)));
      } catch (error) {
        if (this.running) this.options.log?.error({ err: error }, 'outbox round failed');
        await sleep(this.pollMs);
      }
      if (claimed.length === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    }
  }

  /** Sends one claimed row and settles it; never throws. */
  async deliver(message: ClaimedMessage): Promise<void> {
    const { db } = this.options;
    try {
      if (message.network === 'none') {
        await this.settle(message, { kind: 'failed', error: 'no network conversation', partsSent: 0 });
        return;
      }
      // An e-mail answer outside an e-mail conversation goes from the organisation's mailbox.
      const account =
        message.network === 'email' && message.accountId === ''
          ? ((await this.options.credentials.mailbox?.(message.orgId)) ?? null)
          : await this.options.credentials.resolve(message.orgId, message.network, message.accountId);
      if (!account) {
        // Nothing will send it until an administrator configures the account: not delivered now,
        // with the reason the official reads (it used to wait «Ожидает отправки» for ever).
        await this.settle(message, {
          kind: 'failed',
          error: `no ${message.network} account ${message.accountId || '(organisation mailbox)'}`,
          partsSent: message.partsSent,
          reason: deliveryErrors.noAccount,
        });
        return;
      }
      const rates = this.rates[message.network];
      const keys: [string, Rate][] = [[accountKey(message.network, account.accountId), rates.account]];
      if (rates.chat) keys.unshift([chatKey(message.network, account.accountId, message.peerId), rates.chat]);
      // The processes' shared slots first, then this process's spacing right before the request.
      for (const [key, rate] of keys) {
        const wait = await reserveSlot(db, key, rate);
        if (wait > 0) await sleep(wait);
      }
      const thread = message.network === 'email' ? await mailThreadOf(db, message) : null;
      const prepared = await this.prepare(message);
      const paced = this.pacer.take(keys);
      if (paced > 0) await sleep(paced);
      const outcome = await this.senders[message.network].send(
        account,
        thread ? { ...prepared, mailThread: thread } : prepared,
      );
      await this.settle(message, outcome);
    } catch (error) {
      this.options.log?.error({ err: error, outboxId: message.id }, 'outbox delivery failed');
      await this.settle(message, {
        kind: 'retry',
        error: error instanceof Error ? error.message : String(error),
        afterMs: null,
        partsSent: message.partsSent,
      }).catch(() => {});
    }
  }

  /** The row as `prepare` completes it; the row as it is when that fails (the text still goes out). */
  private async prepare(message: ClaimedMessage): Promise<ClaimedMessage> {
    if (!this.options.prepare) return message;
    try {
      return await this.options.prepare(message);
    } catch (error) {
      this.options.log?.warn({ err: error, outboxId: message.id }, 'outbox row sent without its attachment');
      return message;
    }
  }

  private async settle(message: ClaimedMessage, outcome: SendOutcome): Promise<void> {
    const { db } = this.options;
    if (outcome.kind === 'retry' && message.attempts < this.maxAttempts) {
      const delay = Math.max(
        outcome.afterMs ?? 0,
        outcome.afterMs === null ? backoffMs(message.attempts) : 0,
      );
      if (outcome.afterMs !== null && message.network !== 'none') {
        // A 429 speaks for the whole bot/community: hold every row of this account, not just this one.
        await holdKey(db, accountKey(message.network, message.accountId), outcome.afterMs);
      }
      await markRetry(db, message.id, outcome.error, delay, outcome.partsSent);
      return;
    }
    if (outcome.kind === 'sent' && !message.messageId) {
      // No replicated message to update (wizard prompts): one round trip.
      await markSent(db, message.id, outcome.networkMessageId, message);
      return;
    }
    // The message's delivery status is written with the group's COMMIT (./settlements.ts).
    await this.settlements.submit(async (tx) => {
      if (outcome.kind === 'sent') {
        await markSent(tx, message.id, outcome.networkMessageId, message);
        await rememberSentMail(tx, message, outcome.networkMessageId);
        return message.messageId
          ? { orgId: message.orgId, messageId: message.messageId, status: 'sent', error: null }
          : null;
      }
      const status = outcome.kind === 'unreachable' ? 'unreachable' : 'failed';
      await markFinal(tx, message.id, status, outcome.error, outcome.partsSent);
      if (status === 'unreachable') await markUnreachable(tx, message, outcome.error);
      if (!message.messageId) return null;
      const reason =
        outcome.kind === 'failed' && outcome.reason
          ? outcome.reason
          : status === 'unreachable'
            ? deliveryErrors.unreachable
            : message.network === 'none'
              ? deliveryErrors.noChannel
              : deliveryErrors.failed;
      return { orgId: message.orgId, messageId: message.messageId, status, error: reason };
    });
    if (outcome.kind !== 'sent') {
      this.options.log?.warn(
        { outboxId: message.id, network: message.network, status: outcome.kind },
        'outbox message not delivered',
      );
    }
  }
}
