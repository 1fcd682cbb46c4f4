/**
 * Comments in the organisation's Telegram channel's discussion group (issue 13; docs/CHANNELS.md
 * «Comments under posts»), over the webhook to the real server and back through the outbox to the
 * Telegram fake, which validates every Update against the Bot API description: a comment under a
 * post of the organisation's channel (and a reply to a comment in its thread) is a candidate with a
 * link to the comment, the bot never answers it, an edit reaches the message, the post's copy and
 * the comments of another channel's posts are not candidates, an answer with the channel route
 * goes into the thread as a reply to the comment, and the channel's own reply to a comment joins
 * the comment's conversation as an answer given in Telegram.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  startTelegramFake,
  type TelegramFake,
  TelegramWebhookDriver,
  type TgDiscussion,
  tgUser,
} from '../../fakes';
import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  pullAll,
  startChannelServer,
  webhookUrl,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows } from '../sync/client';
import { staffMessage } from '../sync/fixtures';

const channel = {
  id: -1001111111111,
  type: 'channel' as const,
  title: 'Администрация района',
  username: 'okno_rayon',
};
const group = { id: -1002222222222, type: 'supergroup' as const, title: 'Администрация района — чат' };
const stranger = { id: -1003333333333, type: 'channel' as const, title: 'Чужой канал', username: 'chuzhoi' };
const secretToken = 'tg-comments-secret';
const citizen = tgUser({ id: 60101, first_name: 'Ирина', last_name: 'Волкова' });
const neighbour = tgUser({ id: 60102, first_name: 'Пётр' });

describe('Telegram comments in the channel’s discussion group', () => {
  let env: ChannelTestEnv;
  let tg: TelegramFake;
  let account: ChannelAccount;
  let driver: TelegramWebhookDriver;
  let discussion: TgDiscussion;

  beforeAll(async () => {
    env = await startChannelServer();
    tg = await startTelegramFake({ token: '7000000777:comments-bot' });
    account = await addAccount(env, {
      network: 'telegram',
      accountId: '7000000777',
      apiBaseUrl: tg.apiRoot,
      apiToken: tg.token,
      webhookSecret: secretToken,
      administrators: [String(channel.id)],
    });
    driver = new TelegramWebhookDriver({ url: webhookUrl(env, account), secretToken });
    discussion = tg.discussion(channel, group);
  });

  afterAll(async () => {
    await tg?.close();
    await env?.server.close();
  });

  const appealOfComment = async (commentId: number): Promise<Json> =>
    (await pullAll(env, env.org.users.supervisor, 'appeals')).find(
      (a) => a.sourcePost?.commentId === String(commentId),
    );

  it('a comment under the channel’s post is a candidate with the link to the comment; the bot says nothing', async () => {
    const copy = discussion.publish('График отключения горячей воды на июль');
    const update = discussion.comment(citizen, 'На Лесной 8 воду отключили на неделю раньше графика', copy);
    expect((await driver.send(update)).accepted).toBe(true);
    const commentId = (update.message as Json).message_id as number;
    const appeal = await appealOfComment(commentId);
    expect(appeal).toMatchObject({
      regime: 'incident',
      channel: 'telegram',
      text: 'На Лесной 8 воду отключили на неделю раньше графика',
      sourcePost: {
        network: 'telegram',
        postId: String(copy.message_id),
        commentId: String(commentId),
        url: `https://t.me/okno_rayon/1?comment=${commentId}`,
      },
    });
    expect(appeal.applicant.name).toMatchObject({ firstName: 'Ирина', lastName: 'Волкова' });
    const conversations = await pullAll(env, env.org.users.supervisor, 'conversations');
    expect(conversations.find((c) => c.id === appeal.conversationId).peer.chatId).toBe(
      `comment:${group.id}:${copy.message_id}:${commentId}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tg.sent).toEqual([]);
  });

  it('a reply to a comment in the thread is a candidate of its own; an edit reaches its message', async () => {
    const copy = discussion.publish('Приём граждан главой района в четверг');
    const first = discussion.comment(citizen, 'А где будет приём?', copy);
    const reply = discussion.comment(neighbour, 'У нас во дворе тоже разбита дорога', first.message as never);
    await driver.send(first);
    await driver.send(reply);
    const replyId = (reply.message as Json).message_id as number;
    const appeal = await appealOfComment(replyId);
    expect(appeal.sourcePost).toMatchObject({ postId: String(copy.message_id), url: null });
    await driver.send(
      discussion.edit(reply.message as never, 'У нас во дворе на Садовой 3 тоже разбита дорога'),
    );
    const [message] = (await messagesOf(env, account)).filter((m) => m.appealId === appeal.id);
    expect(message.text).toBe('У нас во дворе на Садовой 3 тоже разбита дорога');
    expect(message.earlierVersions.map((v: Json) => v.text)).toEqual(['У нас во дворе тоже разбита дорога']);
  });

  it('the post’s copy and comments under another channel’s posts are no candidates', async () => {
    const before = (await messagesOf(env, account)).length;
    const foreign = tg.discussion(stranger, { ...group, id: -1004444444444 });
    const copy = foreign.publish('Реклама');
    await driver.send({ update_id: 913_600_001, message: copy });
    const comment = foreign.comment(citizen, 'Комментарий под чужим постом', copy);
    await driver.send(comment);
    const own = discussion.publish('Новость');
    await driver.send({ update_id: 913_600_002, message: own });
    const after = await messagesOf(env, account);
    expect(after.filter((m) => m.text === 'Реклама' || m.text === 'Новость')).toEqual([]);
    expect(after.filter((m) => m.text === 'Комментарий под чужим постом' && m.appealId)).toHaveLength(1);
    const appeal = (await pullAll(env, env.org.users.supervisor, 'appeals')).find(
      (a) => a.text === 'Комментарий под чужим постом',
    );
    expect(appeal.sourcePost).toBeNull();
    expect(after.length).toBe(before + 1);
  });

  it('an answer with the channel route is a reply to the comment in the thread', async () => {
    const copy = discussion.publish('Ремонт моста через Сейм');
    const update = discussion.comment(citizen, 'Когда откроют движение по мосту?', copy);
    await driver.send(update);
    const commentId = (update.message as Json).message_id as number;
    const appeal = await appealOfComment(commentId);
    const { operator1 } = env.org.users;
    const session = await loginAs(env.server, operator1);
    const text = 'Ирина, движение откроют 15 августа.';
    const pushed = await pushRows({ url: env.server.url, headers: session.headers }, 'messages', [
      { newDocumentState: { ...staffMessage(env.org.organisation.id, appeal, operator1.id), text } },
    ]);
    expect(pushed.status).toBe(200);
    const sent = await waitFor(() => tg.sent.find((m) => m.text === text), 20_000);
    expect(sent).toMatchObject({ chatId: group.id, replyTo: commentId });
    expect(discussion.messages.get(sent.messageId)?.message_thread_id).toBe(copy.message_id);
    expect(tg.violations).toEqual([]);
  });

  it('the channel’s own reply to a comment joins the comment’s conversation as an answer given in Telegram', async () => {
    const copy = discussion.publish('Вывоз веток после урагана');
    const update = discussion.comment(citizen, 'На Школьной 2 ветки лежат с понедельника', copy);
    await driver.send(update);
    const appeal = await appealOfComment((update.message as Json).message_id as number);
    const answer = discussion.comment(
      tgUser({ id: 136817688, first_name: 'Channel', is_bot: true }),
      'Вывезем завтра до обеда',
      update.message as never,
    );
    (answer.message as Json).sender_chat = channel;
    await driver.send(answer);
    const messages = await pullAll(env, env.org.users.supervisor, 'messages');
    expect(messages.find((m) => m.text === 'Вывезем завтра до обеда')).toMatchObject({
      conversationId: appeal.conversationId,
      direction: 'out',
      postedInNetwork: true,
    });
  });

  async function invite(appealId: string) {
    const session = await loginAs(env.server, env.org.users.supervisor);
    const response = await fetch(`${env.server.url}/api/v1/appeals/${appealId}/comment-invitation`, {
      method: 'POST',
      headers: { ...session.headers, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as Json).messageId as string;
  }
  const deliveryOf = async (id: string) =>
    (await env.server.pool.query(`SELECT doc FROM sync_messages WHERE id = $1`, [id])).rows[0]?.doc
      .deliveryStatus;

  it('«Написать лично» reaches the author’s chat with the bot once they started it; otherwise it is unreachable', async () => {
    const copy = discussion.publish('Опрос о благоустройстве сквера');
    const started = discussion.comment(citizen, 'Хочу рассказать о проблеме с соседями', copy);
    const silent = discussion.comment(neighbour, 'А мне можно лично написать?', copy);
    tg.notStarted.add(neighbour.id);
    await driver.send(started);
    await driver.send(silent);
    const first = await invite((await appealOfComment((started.message as Json).message_id)).id);
    const second = await invite((await appealOfComment((silent.message as Json).message_id)).id);
    const sent = await waitFor(() => tg.sent.find((m) => String(m.chatId) === String(citizen.id)), 20_000);
    expect(sent.text).toContain('Здравствуйте, Ирина!');
    await waitFor(async () => (await deliveryOf(first)) === 'sent', 20_000);
    await waitFor(async () => (await deliveryOf(second)) === 'unreachable', 20_000);
    expect(tg.violations).toEqual([]);
  });
});
