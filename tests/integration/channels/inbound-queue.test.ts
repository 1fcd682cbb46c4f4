/**
 * Webhook events are acknowledged once stored raw; the inbox follows from the stored events
 * (server/src/channels/raw-events.ts, inbound-queue.ts, pipeline.ts `processStoredEvent`). On a
 * real PostgreSQL: batched raw writes answer redeliveries, a conversation's events reach the inbox
 * in order even when the memory queue overflows, two processes sweeping the same events process
 * each once, and what a stopping process had not started is processed by the next one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import { AttachmentStore } from '../../../server/src/channels/attachments';
import { GroupCommit } from '../../../server/src/channels/group-commit';
import { InboundQueue, type InboundQueueOptions } from '../../../server/src/channels/inbound-queue';
import { acceptEvent, type ChannelDeps, processStoredEvent } from '../../../server/src/channels/pipeline';
import { RawEventWriter } from '../../../server/src/channels/raw-events';
import { renormaliseStored } from '../../../server/src/channels/renormalise';
import { normaliseTelegramUpdate } from '../../../server/src/channels/telegram/normalise';
import { type ChannelAccount, noBotDispatcher } from '../../../server/src/channels/types';
import { tgMessageUpdate, tgUser } from '../../fakes';
import { createTestDatabase, seedTestOrg, type TestDatabase } from '../setup/db';

const errors: unknown[] = [];
const log = {
  error: (...args: unknown[]) => errors.push(args),
  warn: () => {},
  info: () => {},
  debug: () => {},
} as unknown as FastifyBaseLogger;

let db: TestDatabase;
let account: ChannelAccount;
let nextUpdateId = 1;

/** Fails processing of the raw events it is told about, as often as it is told (a database fault). */
const faults = new Map<string, number>();

function depsWith(options: InboundQueueOptions = {}, queuePool: pg.Pool = db.pool): ChannelDeps {
  const deps: ChannelDeps = {
    db: db.pool,
    bot: noBotDispatcher,
    attachments: new AttachmentStore(mkdtempSync(path.join(tmpdir(), 'okno-inbound-'))),
    intake: new GroupCommit(db.pool),
    rawEvents: new RawEventWriter(db.pool),
    inbound: new InboundQueue(
      queuePool,
      async (item) => {
        const left = faults.get(item.rawEventId) ?? 0;
        if (left > 0) {
          faults.set(item.rawEventId, left - 1);
          throw new Error('connection terminated unexpectedly');
        }
        await processStoredEvent(deps, item);
      },
      renormaliseStored,
      log,
      options,
    ),
    log,
  };
  return deps;
}

/** The real pool, with the sweep's read of pending events answered late (a busy database). */
function slowSweepPool(delayMs: number): pg.Pool {
  return new Proxy(db.pool, {
    get(target, property) {
      if (property === 'query') {
        return async (...args: unknown[]) => {
          if (String(args[0]).includes('payload::text AS payload')) {
            await new Promise((resolve) => setTimeout(resolve, delayMs));
          }
          return (target.query as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function update(chat: number, text: string) {
  return tgMessageUpdate({
    from: tgUser({ id: chat, first_name: 'Житель' }),
    text,
    updateId: nextUpdateId++,
  });
}

/** The texts of a chat's inbox messages, in the order the inbox got them. */
async function inboxTexts(chat: number): Promise<string[]> {
  const result = await db.pool.query<{ text: string }>(
    `SELECT m.doc->>'text' AS text FROM sync_messages m
       JOIN intake_messages i ON i.message_id = m.id
       JOIN intake_conversations c ON c.id = m.doc->>'conversationId'
      WHERE i.channel_account_id = $1 AND c.chat_id = $2 ORDER BY m.seq`,
    [account.id, String(chat)],
  );
  return result.rows.map((r) => r.text);
}

async function pendingEvents(): Promise<number> {
  const result = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM inbound_events
      WHERE channel_account_id = $1 AND processed_at IS NULL AND outcome IS NULL`,
    [account.id],
  );
  return result.rows[0]!.n;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const org = await seedTestOrg(db.pool);
  account = await createChannelAccount(db.pool, {
    orgId: org.organisation.id,
    network: 'telegram',
    accountId: '777',
    webhookSecret: 'tg-s',
    defaultDepartmentId: org.departments.d1.id,
  });
});

afterAll(async () => {
  await db?.drop();
});

afterEach(() => {
  expect(errors).toEqual([]);
});

describe('stored webhook events', () => {
  it('stores a burst of events in shared inserts and answers each redelivery with null', async () => {
    const writer = new RawEventWriter(db.pool, { concurrency: 1, maxBatch: 16 });
    const updates = Array.from({ length: 20 }, (_, i) => update(91_000 + i, `Событие ${i}`));
    const bodies = [...updates, ...updates].map((u) => JSON.stringify(u));
    const ids = await Promise.all(bodies.map((body, i) => writer.store(account, `burst-${i % 20}`, body)));
    expect(ids.slice(0, 20).every((id) => id !== null)).toBe(true);
    expect(ids.slice(20)).toEqual(Array(20).fill(null));
    const stored = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbound_events WHERE external_id LIKE 'burst-%'`,
    );
    expect(stored.rows[0]!.n).toBe(20);
    // Nobody processes them here: they stay pending for a sweep.
    await db.pool.query(`UPDATE inbound_events SET outcome = 'test' WHERE external_id LIKE 'burst-%'`);
  });

  it('keeps each conversation in order when the memory queue overflows into the database', async () => {
    const deps = depsWith({ maxQueued: 4 });
    deps.inbound.start();
    const chats = [92_001, 92_002, 92_003];
    for (let i = 0; i < 15; i++) {
      for (const chat of chats) {
        const body = update(chat, `Сообщение ${i}`);
        const accepted = await acceptEvent(
          deps,
          account,
          JSON.stringify(body),
          normaliseTelegramUpdate(account, body),
        );
        accepted.afterAck();
      }
    }
    await deps.inbound.drained();
    const expected = Array.from({ length: 15 }, (_, i) => `Сообщение ${i}`);
    for (const chat of chats) expect(await inboxTexts(chat)).toEqual(expected);
    expect(await pendingEvents()).toBe(0);
    await deps.inbound.stop();
  });

  it('after a restart, a new message waits behind the one the crash left, so the chat stays in order', async () => {
    const chat = 92_500;
    const writer = new RawEventWriter(db.pool);
    const left = update(chat, 'Оставлено сбоем');
    expect(await writer.store(account, `tg:${left.update_id}`, JSON.stringify(left))).not.toBeNull();
    const deps = depsWith({}, slowSweepPool(300));
    deps.inbound.start();
    const fresh = update(chat, 'Новое после перезапуска');
    const accepted = await acceptEvent(
      deps,
      account,
      JSON.stringify(fresh),
      normaliseTelegramUpdate(account, fresh),
    );
    accepted.afterAck();
    await deps.inbound.drained();
    expect(await inboxTexts(chat)).toEqual(['Оставлено сбоем', 'Новое после перезапуска']);
    await deps.inbound.stop();
  });

  it('retries an event whose processing failed before the later events of its chat', async () => {
    const chat = 92_700;
    const deps = depsWith({ retryDelaysMs: [50, 200] });
    deps.inbound.start();
    await deps.inbound.drained();
    const texts = ['Первое (сбой базы)', 'Второе', 'Третье'];
    let failing = '';
    for (const text of texts) {
      const body = update(chat, text);
      const accepted = await acceptEvent(
        deps,
        account,
        JSON.stringify(body),
        normaliseTelegramUpdate(account, body),
      );
      // The first event's processing fails twice, then the database is back.
      if (!failing) {
        failing = accepted.rawEventId!;
        faults.set(failing, 2);
      }
      accepted.afterAck();
    }
    await deps.inbound.drained();
    expect(faults.get(failing)).toBe(0);
    expect(await inboxTexts(chat)).toEqual(texts);
    expect(await pendingEvents()).toBe(0);
    await deps.inbound.stop();
  });

  it('two processes sweeping the same pending events put each into the inbox once', async () => {
    const writer = new RawEventWriter(db.pool);
    const chats = Array.from({ length: 30 }, (_, i) => 93_000 + i);
    for (const chat of chats) {
      const body = update(chat, `Один раз ${chat}`);
      expect(await writer.store(account, `tg:${body.update_id}`, JSON.stringify(body))).not.toBeNull();
    }
    expect(await pendingEvents()).toBe(30);
    const first = depsWith();
    const second = depsWith();
    first.inbound.start();
    second.inbound.start();
    await Promise.all([first.inbound.drained(), second.inbound.drained()]);
    for (const chat of chats) expect(await inboxTexts(chat)).toEqual([`Один раз ${chat}`]);
    expect(await pendingEvents()).toBe(0);
    await Promise.all([first.inbound.stop(), second.inbound.stop()]);
  });

  it('what a stopping process had not started stays pending, and the next process handles it', async () => {
    const stopping = depsWith({ concurrency: 1 });
    const chats = Array.from({ length: 12 }, (_, i) => 94_000 + i);
    for (const chat of chats) {
      const body = update(chat, `После остановки ${chat}`);
      const accepted = await acceptEvent(
        stopping,
        account,
        JSON.stringify(body),
        normaliseTelegramUpdate(account, body),
      );
      accepted.afterAck();
    }
    await stopping.inbound.stop();
    const left = await pendingEvents();
    expect(left).toBeGreaterThan(0);
    const next = depsWith();
    next.inbound.start();
    await next.inbound.drained();
    for (const chat of chats) expect(await inboxTexts(chat)).toEqual([`После остановки ${chat}`]);
    expect(await pendingEvents()).toBe(0);
    await next.inbound.stop();
  });

  it('a group of stored events is claimed at once; one another process already put into the inbox is not recorded again', async () => {
    const writer = new RawEventWriter(db.pool);
    const chats = Array.from({ length: 6 }, (_, i) => 95_000 + i);
    const items = [];
    for (const chat of chats) {
      const body = update(chat, `Группа ${chat}`);
      const rawEventId = await writer.store(account, `tg:${body.update_id}`, JSON.stringify(body));
      expect(rawEventId).not.toBeNull();
      items.push({ account, rawEventId: rawEventId!, event: normaliseTelegramUpdate(account, body) });
    }
    // Another process processed the third one meanwhile.
    await db.pool.query(`UPDATE inbound_events SET processed_at = now(), outcome = 'message' WHERE id = $1`, [
      items[2]!.rawEventId,
    ]);
    const deps = depsWith();
    // All six at once: they meet in the intake's group commit (one transaction, one claim).
    await Promise.all(items.map((item) => processStoredEvent(deps, item)));
    for (const [i, chat] of chats.entries())
      expect(await inboxTexts(chat)).toEqual(i === 2 ? [] : [`Группа ${chat}`]);
    const outcomes = await db.pool.query<{ outcome: string; processed: boolean }>(
      `SELECT outcome, processed_at IS NOT NULL AS processed FROM inbound_events WHERE id = ANY($1::bigint[])`,
      [items.map((item) => item.rawEventId)],
    );
    expect(outcomes.rows).toEqual(Array(6).fill({ outcome: 'message', processed: true }));
  });

  it('while webhook requests wait for their raw write, the inbox processes only a few events at once, then catches up', async () => {
    let waiting = 30;
    let running = 0;
    let mostWhileWaiting = 0;
    let mostAfter = 0;
    let processed = 0;
    const queue = new InboundQueue(
      db.pool,
      async () => {
        running += 1;
        if (waiting >= 24) mostWhileWaiting = Math.max(mostWhileWaiting, running);
        else mostAfter = Math.max(mostAfter, running);
        await new Promise((resolve) => setTimeout(resolve, 15));
        running -= 1;
        processed += 1;
        // The burst of webhooks is over after the first ten events.
        if (processed === 10) waiting = 0;
      },
      renormaliseStored,
      log,
      { intakeWaiting: () => waiting, yieldConcurrency: 3 },
    );
    for (let i = 0; i < 40; i++) {
      const body = update(96_000 + i, `Всплеск ${i}`);
      expect(
        queue.enqueue({ account, rawEventId: `yield-${i}`, event: normaliseTelegramUpdate(account, body) }),
      ).toBe(true);
    }
    await queue.drained();
    expect(processed).toBe(40);
    expect(mostWhileWaiting).toBe(3);
    expect(mostAfter).toBeGreaterThan(3);
    await queue.stop();
  });
});
