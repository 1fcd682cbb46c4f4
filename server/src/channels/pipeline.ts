/**
 * The two paths of an inbound event, whatever the network:
 *
 * Webhooks (`acceptEvent`): authenticity check (the route) → idempotent write of the raw event
 * (`inbound_events`, INSERT … ON CONFLICT DO NOTHING on the network's event id, batched with the
 * events arriving meanwhile: ./raw-events.ts) → acknowledgement. Then, from the stored event
 * (./inbound-queue.ts, `processStoredEvent`): preparation outside any transaction (profile names,
 * attachment downloads) → ONE transaction that claims the raw event and normalises it into the
 * inbox (intake/record.ts), shared with other events (group commit, ./group-commit.ts) → the bot.
 * A network waits only for the raw write; a crash after it loses nothing (the sweep processes it).
 *
 * Pollers and the mailbox (`ingestEvent`): the cursor is saved after the events are in the inbox,
 * so preparation, the raw event and its normalisation go in one transaction before they return.
 *
 * An event that cannot be normalised (a bug, a document the schema refuses) is kept raw with
 * outcome `failed`, so one poisoned event never blocks a channel; database errors are not
 * acknowledged (webhooks: the network redelivers) or are retried by the sweep.
 */
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { sanitiseJsonText, sanitiseStrings } from '../http/json';
import { recordInboundEdit } from '../intake/edits';
import { recordNetworkAnswer } from '../intake/network-answers';
import { recordInboundMessage } from '../intake/record';
import type { InboundMessage, RecordedInbound } from '../intake/types';
import { type AttachmentStore, failureNote, isFailure, limitsOf, recordAttachments } from './attachments';
import { acknowledgeCallback } from './callbacks';
import { conversationKey, type NormalisedEvent, type Preparer, type StoredEvent } from './events';
import type { GroupCommit, IntakeWork } from './group-commit';
import type { InboundQueue } from './inbound-queue';
import { type RawEventWriter, removeMessageTexts, storedPayloadSql } from './raw-events';
import type { BotDispatcher, BotInboundContext, ChannelAccount, ReadReceipts } from './types';

export interface ChannelDeps {
  db: pg.Pool;
  bot: BotDispatcher;
  attachments: AttachmentStore;
  /** The intake transactions (group commit: ./group-commit.ts). */
  intake: GroupCommit;
  /** The webhooks' raw-event writes (./raw-events.ts). */
  rawEvents: RawEventWriter;
  /** Processing of stored webhook events (./inbound-queue.ts). */
  inbound: InboundQueue;
  /** Read receipts mark our sent messages delivered (the outbox's; none: receipts are only stored). */
  receipts?: ReadReceipts;
  log: FastifyBaseLogger;
}

export interface IngestResult {
  duplicate: boolean;
  rawEventId: string | null;
  /** What the intake recorded for a message event. */
  recorded?: RecordedInbound;
  /** Run after the acknowledgement. */
  afterAck: () => void;
}

const noop = () => {};

async function isKnownEvent(db: pg.Pool, accountId: string, externalId: string): Promise<boolean> {
  const found = await db.query(
    'SELECT 1 FROM inbound_events WHERE channel_account_id = $1 AND external_id = $2',
    [accountId, externalId],
  );
  return (found.rowCount ?? 0) > 0;
}

function isDatabaseError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}

async function downloadAll(deps: ChannelDeps, account: ChannelAccount, event: NormalisedEvent) {
  if (event.kind !== 'message' || event.attachments.length === 0) return { metas: [], notes: [] };
  const limits = limitsOf(account);
  const results = await Promise.all(event.attachments.map((a) => deps.attachments.download(a, limits)));
  return {
    metas: results
      .filter((r) => !isFailure(r))
      .map((r) => (r as { meta: InboundMessage['attachments'][number] }).meta),
    notes: results.filter(isFailure).map(failureNote),
  };
}

async function prepared(
  deps: ChannelDeps,
  account: ChannelAccount,
  event: NormalisedEvent,
  prepare: Preparer | undefined,
): Promise<NormalisedEvent> {
  if (!prepare || event.kind === 'ignored') return sanitiseStrings(event);
  try {
    // After preparation: the names it adds (VK users.get) are the network's text too.
    return sanitiseStrings(await prepare(event));
  } catch (error) {
    deps.log.warn(
      { err: error, network: account.network },
      'preparing an inbound event failed; continuing without it',
    );
    return sanitiseStrings(event);
  }
}

const outcomeOf = (event: NormalisedEvent) =>
  event.kind === 'ignored' ? `ignored:${event.reason}` : event.kind;

/**
 * An edit or an administrator's answer from the network's interface, inside the intake
 * transaction. The edit of a message Okno never recorded (wizard input the bot kept to itself, such
 * as the passport line) writes nothing, and its raw event loses its text like the original's did.
 */
async function recordNetworkChange(
  tx: pg.PoolClient,
  account: ChannelAccount,
  ready: Extract<NormalisedEvent, { kind: 'edit' | 'network-answer' }>,
  rawEventId: string,
): Promise<void> {
  const from = { orgId: account.orgId, network: account.network, channelAccountId: account.id, rawEventId };
  if (ready.kind === 'network-answer') {
    await recordNetworkAnswer(tx, { ...from, ...ready });
    return;
  }
  const outcome = await recordInboundEdit(tx, { ...from, ...ready });
  if (outcome === 'unknown') await removeMessageTexts(tx, rawEventId);
}

/** Inside the intake transaction: the event's messages and the bot's contexts. */
async function normalise(
  deps: ChannelDeps,
  tx: pg.PoolClient,
  defer: Parameters<IntakeWork<unknown>>[1],
  account: ChannelAccount,
  ready: NormalisedEvent,
  files: Awaited<ReturnType<typeof downloadAll>>,
  rawEventId: string,
): Promise<BotInboundContext[]> {
  if (ready.kind === 'message') {
    const text = [ready.message.text, ...files.notes].filter(Boolean).join('\n');
    const message: InboundMessage = {
      ...ready.message,
      text,
      orgId: account.orgId,
      network: account.network,
      channelAccountId: account.id,
      attachments: files.metas,
      rawEventId,
    };
    // A comment under a post (./comments.ts) is a candidate of its own; the bot stays out of it.
    const placement =
      deps.bot.placement && !message.sourcePost
        ? await deps.bot.placement(tx, message, account)
        : { kind: 'incident' as const };
    const recorded = await recordInboundMessage(tx, message, { placement, deferWrite: defer });
    if (recorded.messageId && !recorded.duplicate)
      await recordAttachments(tx, account.orgId, recorded.messageId, files.metas);
    if (message.sourcePost) return [];
    return [
      {
        kind: 'message',
        account,
        peer: message.peer,
        rawEventId,
        message,
        recorded,
        ...(ready.invite ? { inviteAuthor: ready.invite } : {}),
      },
    ];
  }
  if (ready.kind === 'edit' || ready.kind === 'network-answer') {
    await recordNetworkChange(tx, account, ready, rawEventId);
    return [];
  }
  if (ready.kind === 'ignored' || ready.kind === 'read') return [];
  return [
    {
      kind: ready.kind,
      account,
      peer: ready.peer,
      rawEventId,
      ...(ready.payload !== undefined ? { payload: ready.payload } : {}),
      ...(ready.callbackId ? { callbackId: ready.callbackId } : {}),
    },
  ];
}

/** After the event's commit: the bot reacts; a read receipt marks our messages delivered. */
function afterCommit(
  deps: ChannelDeps,
  account: ChannelAccount,
  ready: NormalisedEvent,
  contexts: BotInboundContext[],
): void {
  if (ready.kind === 'callback' && ready.callbackId) {
    acknowledgeCallback(account, {
      peer: ready.peer,
      callbackId: ready.callbackId,
      payload: ready.payload ?? null,
    }).catch((error: unknown) =>
      deps.log.warn({ err: error, network: account.network }, 'acknowledging a button press failed'),
    );
  }
  if (ready.kind === 'read' && deps.receipts) {
    deps.receipts
      .readUpTo({ account, chatId: ready.chatId, upToNetworkMessageId: ready.upToNetworkMessageId })
      .catch((error: unknown) =>
        deps.log.error({ err: error, network: account.network }, 'recording a read receipt failed'),
      );
  }
  if (ready.kind === 'edit' && deps.bot.onEdit) {
    const { externalId, chatId, externalMessageId, text, editedAt } = ready;
    deps.bot
      .onEdit({ account, externalId, chatId, externalMessageId, text, editedAt })
      .catch((error: unknown) =>
        deps.log.error({ err: error, network: account.network }, 'bot failed on an edited message'),
      );
  }
  for (const ctx of contexts) {
    deps.bot
      .onInbound(ctx)
      .catch((error: unknown) =>
        deps.log.error({ err: error, network: account.network }, 'bot failed on an inbound event'),
      );
  }
}

/**
 * Runs the event's transaction normalising it; when normalisation fails (a bug, a document the
 * schema refuses) the event is kept raw with outcome `failed` instead. Database errors are thrown:
 * the event is not acknowledged (webhooks) or stays pending for the sweep.
 */
async function normalisedOrKeptRaw<T>(
  deps: ChannelDeps,
  account: ChannelAccount,
  run: (normalising: boolean) => Promise<T>,
): Promise<T> {
  try {
    return await run(true);
  } catch (error) {
    if (isDatabaseError(error)) throw error;
    deps.log.error(
      { err: error, network: account.network, channelAccountId: account.id },
      'inbound event could not be normalised; kept raw',
    );
    return run(false);
  }
}

/**
 * A webhook's event: stored raw (committed) when this returns — the route acknowledges then, and
 * `afterAck` hands the event to the processing queue. A redelivery of a stored event returns
 * `duplicate` and is only acknowledged.
 */
export async function acceptEvent(
  deps: ChannelDeps,
  account: ChannelAccount,
  rawJson: string,
  event: NormalisedEvent,
  prepare?: Preparer,
): Promise<IngestResult> {
  const rawEventId = await deps.rawEvents.store(account, event.externalId, rawJson);
  await faultAfterCommit();
  if (!rawEventId) return { duplicate: true, rawEventId: null, afterAck: noop };
  return {
    duplicate: false,
    rawEventId,
    afterAck: () => deps.inbound.enqueue({ account, rawEventId, event, ...(prepare ? { prepare } : {}) }),
  };
}

/**
 * Normalises a stored raw event into the inbox (./inbound-queue.ts calls it): claims the row in
 * the intake transaction, so an event another attempt already processed is skipped; then the bot.
 */
export async function processStoredEvent(deps: ChannelDeps, item: StoredEvent): Promise<void> {
  const { account, rawEventId } = item;
  const ready = await prepared(deps, account, item.event, item.prepare);
  const files = await downloadAll(deps, account, ready);
  const key = conversationKey(account, ready);
  // The row is claimed with the group's other events (one UPDATE, ./group-commit.ts) in the
  // transaction that writes the inbox; an event another attempt already processed is skipped.
  const run = (normalising: boolean) =>
    normalising
      ? deps.intake.submit(
          account.orgId,
          key,
          async (tx, defer, claimed) =>
            claimed ? normalise(deps, tx, defer, account, ready, files, rawEventId) : [],
          { rawEventId, outcome: outcomeOf(ready) },
        )
      : deps.intake.submit(account.orgId, key, async (tx) => {
          await tx.query({
            name: 'okno-inbound-fail',
            text: `UPDATE inbound_events SET outcome = 'failed' WHERE id = $1 AND processed_at IS NULL AND outcome IS NULL`,
            values: [rawEventId],
          });
          return [] as BotInboundContext[];
        });
  const contexts = await normalisedOrKeptRaw(deps, account, run);
  afterCommit(deps, account, ready, contexts);
}

/**
 * A polled event (pollers, the mailbox): prepared, stored raw and normalised in one transaction
 * before this returns; the caller saves its cursor, then calls `afterAck` (the bot).
 */
export async function ingestEvent(
  deps: ChannelDeps,
  account: ChannelAccount,
  rawJson: string,
  event: NormalisedEvent,
  prepare?: Preparer,
): Promise<IngestResult> {
  const externalId = event.externalId;
  // Only worth a round trip when a redelivery would otherwise repeat preparation work; the
  // transaction's INSERT … ON CONFLICT DO NOTHING is what makes the write idempotent.
  const preparing = event.kind === 'message' && (prepare !== undefined || event.attachments.length > 0);
  if (preparing && (await isKnownEvent(deps.db, account.id, externalId)))
    return { duplicate: true, rawEventId: null, afterAck: noop };
  const ready = await prepared(deps, account, event, prepare);
  const files = await downloadAll(deps, account, ready);
  const run = (normalising: boolean) =>
    deps.intake.submit(account.orgId, conversationKey(account, ready), async (tx, defer) => {
      const inserted = await tx.query<{ id: string }>({
        // Named: parsed and planned once per connection, not once per event.
        name: 'okno-inbound-event',
        text: `INSERT INTO inbound_events (channel_account_id, network, external_id, payload, processed_at, outcome)
         VALUES ($1, $2, $3, ${storedPayloadSql('$4')}, $5, $6)
         ON CONFLICT (channel_account_id, external_id) DO NOTHING RETURNING id`,
        values: [
          account.id,
          account.network,
          externalId,
          sanitiseJsonText(rawJson),
          normalising ? new Date() : null,
          normalising ? outcomeOf(ready) : 'failed',
        ],
      });
      const rawEventId = inserted.rows[0]?.id;
      if (!rawEventId) return { duplicate: true, rawEventId: null, contexts: [] as BotInboundContext[] };
      if (!normalising) return { duplicate: false, rawEventId, contexts: [] };
      const contexts = await normalise(deps, tx, defer, account, ready, files, rawEventId);
      return { duplicate: false, rawEventId, contexts };
    });

  const result = await normalisedOrKeptRaw(deps, account, run);
  await faultAfterCommit();
  const { contexts } = result;
  const recorded = contexts.find((c) => c.recorded)?.recorded;
  return {
    duplicate: result.duplicate,
    rawEventId: result.rawEventId,
    ...(recorded ? { recorded } : {}),
    afterAck: () => afterCommit(deps, account, ready, contexts),
  };
}

/**
 * Test hook for "the process died after the commit and before the acknowledgement":
 * OKNO_CHANNELS_FAULT=crash-after-commit kills the process right after a commit.
 */
async function faultAfterCommit(): Promise<void> {
  if (process.env.OKNO_CHANNELS_FAULT === 'crash-after-commit') process.kill(process.pid, 'SIGKILL');
}
