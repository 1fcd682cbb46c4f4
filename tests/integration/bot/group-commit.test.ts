/**
 * The bot's reactions to concurrent events share transactions (server/src/bot/dispatcher.ts): many
 * chats writing at once each get exactly one reply, written into their threads at distinct seqs
 * and delivered; one chat's events are still handled one after the other, and the same event
 * handed over twice at once is answered once.
 */
import { tgMessageUpdate, tgUser } from '../../fakes';
import { waitFor } from '../setup/wait';
import { type BotWorld, startBotWorld } from './harness';

describe('bot reactions of concurrent events', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('answers thirty chats writing at once exactly once each, in their threads, and delivers every answer', async () => {
    const users = Array.from({ length: 30 }, (_, i) =>
      tgUser({ id: 96_000 + i, first_name: `Житель${i}`, language_code: 'ru' }),
    );
    const reports = await Promise.all(
      users.map((from) => world.tgDriver.send(tgMessageUpdate({ from, text: 'Когда починят лифт?' }))),
    );
    expect(reports.every((r) => r.accepted)).toBe(true);
    const peers = new Set(users.map((u) => String(u.id)));
    const sentTo = () => world.tg.sent.filter((m) => peers.has(String(m.chatId)));
    await waitFor(() => sentTo().length >= users.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      sentTo()
        .map((m) => String(m.chatId))
        .sort(),
    ).toEqual([...peers].sort());

    const { pool } = world.server;
    const bot = await waitFor(async () => {
      const r = await pool.query<{ seq: string; status: string }>(
        `SELECT m.seq, m.doc->>'deliveryStatus' AS status FROM sync_messages m
           JOIN sync_conversations c ON c.org_id = m.org_id AND c.id = m.conversation_id
          WHERE m.doc->'author'->>'kind' = 'bot' AND c.doc->'peer'->>'chatId' = ANY($1::text[])`,
        [[...peers]],
      );
      return r.rows.length === users.length && r.rows.every((row) => row.status === 'sent')
        ? r.rows
        : undefined;
    });
    expect(new Set(bot.map((m) => m.seq)).size).toBe(users.length);
  });

  it('handles one chat’s events one after the other and answers a redelivered event once', async () => {
    const from = tgUser({ id: 97_001, first_name: 'Пётр', language_code: 'ru' });
    const input = {
      orgId: world.org.organisation.id,
      network: 'telegram' as const,
      channelAccountId: '',
      accountId: String(world.tg.bot.id),
      chatId: String(from.id),
      userId: String(from.id),
      profileName: 'Пётр',
      kind: 'message' as const,
      text: 'Подать обращение',
      attachments: [],
      eventKey: 'redelivered-1',
    };
    const { dispatcher } = world.server.app.citizenBot;
    const answers = await Promise.all([dispatcher.handle(input), dispatcher.handle(input)]);
    expect(answers.map((a) => a.length > 0).sort()).toEqual([false, true]);
    const next = await dispatcher.handle({ ...input, text: 'Отмена', eventKey: 'redelivered-2' });
    expect(next.length).toBeGreaterThan(0);
    const session = await world.server.pool.query<{ state: string; last_inbound_key: string }>(
      'SELECT state, last_inbound_key FROM bot_sessions WHERE network = $1 AND peer_id = $2',
      ['telegram', String(from.id)],
    );
    expect(session.rows).toEqual([{ state: 'idle', last_inbound_key: 'redelivered-2' }]);
  });
});
