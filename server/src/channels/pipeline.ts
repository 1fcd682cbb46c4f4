/**
 * The one path every inbound event takes, whatever the network or transport (webhook or poller):
 *   1. skip the preparation work if the event is already stored (a redelivery; checked only when
 *      there is preparation work);
 *   2. prepare outside any transaction: profile names, attachment downloads;
 *   3. ONE transaction: the raw event (INSERT … ON CONFLICT DO NOTHING on the network's event id)
 *      and its normalisation into the inbox (intake/record.ts) — a duplicate writes nothing. Events
 *      arriving together share that transaction (group commit, ./group-commit.ts);
 *   4. only after COMMIT does the caller acknowledge the network; then the bot is told.
 * An event that cannot be normalised (a bug, a document the schema refuses) is stored raw with its
 * failure and acknowledged, so one poisoned event never blocks a channel; database errors are not
 * acknowledged, so the network redelivers.
 */
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { recordInboundMessage } from '../intake/record';
import type { InboundMessage, InboundPeer, RecordedInbound } from '../intake/types';
import {
  type AttachmentStore,
  failureNote,
  isFailure,
  limitsOf,
  type RemoteAttachment,
  recordAttachments,
} from './attachments';
import type { GroupCommit } from './group-commit';
import type { BotDispatcher, BotInboundContext, ChannelAccount, InboundEventKind } from './types';

export interface ChannelDeps {
  db: pg.Pool;
  bot: BotDispatcher;
  attachments: AttachmentStore;
  /** The intake transactions (group commit: ./group-commit.ts). */
  intake: GroupCommit;
  log: FastifyBaseLogger;
}

type MessageFields = Omit<
  InboundMessage,
  'orgId' | 'network' | 'channelAccountId' | 'attachments' | 'rawEventId'
>;

/** A wire event as the adapter understood it. */
export type NormalisedEvent =
  | {
      kind: 'message';
      externalId: string;
      message: MessageFields;
      attachments: RemoteAttachment[];
      /** A configured administrator forwarded it: the message is the original author's. */
      invite?: { forwardedBy: { accountId: string; displayName?: string } };
    }
  | {
      kind: Exclude<InboundEventKind, 'message'>;
      externalId: string;
      peer: InboundPeer;
      payload?: string | null;
      callbackId?: string;
    }
  /** Stored raw, nothing else (our own echoes, typing notices, edits, unknown types). */
  | { kind: 'ignored'; externalId: string; reason: string };

export interface IngestResult {
  duplicate: boolean;
  rawEventId: string | null;
  /** What the intake recorded for a message event. */
  recorded?: RecordedInbound;
  /** Run after the acknowledgement. */
  afterAck: () => void;
}

const noop = () => {};

export async function isKnownEvent(db: pg.Pool, accountId: string, externalId: string): Promise<boolean> {
  const found = await db.query(
    'SELECT 1 FROM inbound_events WHERE channel_account_id = $1 AND external_id = $2',
    [accountId, externalId],
  );
  return (found.rowCount ?? 0) > 0;
}

/** jsonb refuses U+0000; the raw text keeps everything else byte for byte (64-bit ids included). */
function storableJson(raw: string): string {
  return raw.includes('\\u0000') ? raw.replaceAll('\\u0000', '\\ufffd') : raw;
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

export async function ingestEvent(
  deps: ChannelDeps,
  account: ChannelAccount,
  rawJson: string,
  event: NormalisedEvent,
  prepare?: (event: NormalisedEvent) => Promise<NormalisedEvent>,
): Promise<IngestResult> {
  const externalId = event.externalId;
  // Only worth a round trip when a redelivery would otherwise repeat preparation work; the
  // transaction's INSERT … ON CONFLICT DO NOTHING is what makes the write idempotent.
  const preparing = event.kind === 'message' && (prepare !== undefined || event.attachments.length > 0);
  if (preparing && (await isKnownEvent(deps.db, account.id, externalId)))
    return { duplicate: true, rawEventId: null, afterAck: noop };
  let ready = event;
  if (prepare && event.kind !== 'ignored') {
    try {
      ready = await prepare(event);
    } catch (error) {
      deps.log.warn(
        { err: error, network: account.network },
        'preparing an inbound event failed; continuing without it',
      );
    }
  }
  const files = await downloadAll(deps, account, ready);
  const outcome = ready.kind === 'ignored' ? `ignored:${ready.reason}` : ready.kind;
  const run = (normalise: boolean) =>
    deps.intake.submit(account.orgId, conversationKey(account, ready), async (tx, defer) => {
      const inserted = await tx.query<{ id: string }>({
        // Named: parsed and planned once per connection, not once per event.
        name: 'okno-inbound-event',
        text: `INSERT INTO inbound_events (channel_account_id, network, external_id, payload, processed_at, outcome)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6)
         ON CONFLICT (channel_account_id, external_id) DO NOTHING RETURNING id`,
        values: [
          account.id,
          account.network,
          externalId,
          storableJson(rawJson),
          normalise ? new Date() : null,
          normalise ? outcome : 'failed',
        ],
      });
      const rawEventId = inserted.rows[0]?.id;
      if (!rawEventId) return { duplicate: true, rawEventId: null, contexts: [] as BotInboundContext[] };
      if (!normalise) return { duplicate: false, rawEventId, contexts: [] };
      const contexts: BotInboundContext[] = [];
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
        const placement = deps.bot.placement
          ? await deps.bot.placement(tx, message, account)
          : { kind: 'incident' as const };
        const recorded = await recordInboundMessage(tx, message, { placement, deferWrite: defer });
        if (recorded.messageId && !recorded.duplicate)
          await recordAttachments(tx, account.orgId, recorded.messageId, files.metas);
        contexts.push({
          kind: 'message',
          account,
          peer: message.peer,
          rawEventId,
          message,
          recorded,
          ...(ready.invite ? { inviteAuthor: ready.invite } : {}),
        });
      } else if (ready.kind !== 'ignored') {
        contexts.push({
          kind: ready.kind,
          account,
          peer: ready.peer,
          rawEventId,
          ...(ready.payload !== undefined ? { payload: ready.payload } : {}),
          ...(ready.callbackId ? { callbackId: ready.callbackId } : {}),
        });
      }
      return { duplicate: false, rawEventId, contexts };
    });

  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(true);
  } catch (error) {
    if (isDatabaseError(error)) throw error;
    deps.log.error(
      { err: error, network: account.network, channelAccountId: account.id },
      'inbound event could not be normalised; stored raw',
    );
    result = await run(false);
  }
  await faultAfterCommit();
  const { contexts } = result;
  const recorded = contexts.find((c) => c.recorded)?.recorded;
  return {
    duplicate: result.duplicate,
    rawEventId: result.rawEventId,
    ...(recorded ? { recorded } : {}),
    afterAck: () => {
      for (const ctx of contexts) {
        deps.bot
          .onInbound(ctx)
          .catch((error: unknown) =>
            deps.log.error({ err: error, network: account.network }, 'bot failed on an inbound event'),
          );
      }
    },
  };
}

/** Events of one conversation are never written by two open transactions (group-commit.ts). */
function conversationKey(account: ChannelAccount, event: NormalisedEvent): string {
  if (event.kind === 'message') return `${account.id}:chat:${event.message.peer.chatId}`;
  if (event.kind === 'ignored') return `${account.id}:event:${event.externalId}`;
  return `${account.id}:chat:${event.peer.chatId}`;
}

/**
 * Test hook for "the process died after the commit and before the acknowledgement":
 * OKNO_CHANNELS_FAULT=crash-after-commit kills the process right after a commit.
 */
async function faultAfterCommit(): Promise<void> {
  if (process.env.OKNO_CHANNELS_FAULT === 'crash-after-commit') process.kill(process.pid, 'SIGKILL');
}
