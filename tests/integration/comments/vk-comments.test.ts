/**
 * Comments under the community's VK posts (issue 13; docs/CHANNELS.md «Comments under posts»), over
 * the Callback API to the real server and back through the outbox to the VK fake's wall: a comment
 * is a candidate appeal with a link to the post, triaged like a message; its edits, deletion and
 * restoration reach the message, nothing lost; a redelivered event is recorded once; comments of
 * another wall and the community's own are ignored; an official's answer goes under the comment as
 * the community.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  startVkFake,
  VkCallbackDriver,
  type VkFake,
  vkMessage,
  vkWallReplyDelete,
  vkWallReplyEdit,
  vkWallReplyNew,
  vkWallReplyRestore,
} from '../../fakes';
import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  pullAll,
  rawEventsOf,
  startChannelServer,
  webhookUrl,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows } from '../sync/client';
import { staffMessage } from '../sync/fixtures';

const groupId = 779001;
const secret = 'vk-wall-secret';
const citizen = 4101;
const thankful = 4102;

describe('VK comments under the community’s posts', () => {
  let env: ChannelTestEnv;
  let vk: VkFake;
  let account: ChannelAccount;
  let driver: VkCallbackDriver;
  let postId: number;

  beforeAll(async () => {
    env = await startChannelServer();
    vk = await startVkFake({
      groupId,
      users: {
        [citizen]: { first_name: 'Анна', last_name: 'Кузнецова' },
        [thankful]: { first_name: 'Олег', last_name: 'Смирнов' },
      },
    });
    account = await addAccount(env, {
      network: 'vk',
      accountId: String(groupId),
      apiBaseUrl: vk.apiBaseUrl,
      apiToken: vk.token,
      webhookSecret: secret,
      confirmationCode: 'c0nf1rm',
    });
    driver = new VkCallbackDriver({ url: webhookUrl(env, account), groupId, secret });
    postId = vk.wall.publish('Итоги благоустройства дворов за лето');
  });

  afterAll(async () => {
    await vk?.close();
    await env?.server.close();
  });

  const appealOfComment = async (commentId: number): Promise<Json> =>
    (await pullAll(env, env.org.users.supervisor, 'appeals')).find(
      (a) => a.sourcePost?.commentId === String(commentId),
    );

  it('a comment with a problem becomes an incident with the link to the post and the comment, triaged', async () => {
    const comment = vk.wall.comment(
      postId,
      citizen,
      'Во дворе дома 12 по улице Мира третий день не вывозят мусор',
    );
    expect((await driver.send(vkWallReplyNew(comment, { groupId }))).accepted).toBe(true);
    const appeal = await appealOfComment(comment.id);
    expect(appeal).toMatchObject({
      regime: 'incident',
      channel: 'vk',
      text: 'Во дворе дома 12 по улице Мира третий день не вывозят мусор',
      sourcePost: {
        network: 'vk',
        postId: String(postId),
        commentId: String(comment.id),
        url: `https://vk.com/wall-${groupId}_${postId}?reply=${comment.id}`,
      },
    });
    expect(appeal.applicant.name).toMatchObject({ firstName: 'Анна', lastName: 'Кузнецова' });
    expect(appeal.triage.incident.value).toBe(true);
    const conversations = await pullAll(env, env.org.users.supervisor, 'conversations');
    expect(conversations.find((c) => c.id === appeal.conversationId).peer).toEqual({
      chatId: `comment:-${groupId}:${postId}:${comment.id}`,
      userId: String(citizen),
      communityId: String(groupId),
    });
  });

  it('a comment with thanks is a candidate triaged as no incident', async () => {
    const comment = vk.wall.comment(postId, thankful, 'Спасибо большое, очень красиво получилось!');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    const appeal = await appealOfComment(comment.id);
    expect(appeal.sourcePost.commentId).toBe(String(comment.id));
    expect(appeal.triage.incident.value).toBe(false);
  });

  it('a reply in a comment’s thread links to the thread', async () => {
    const root = vk.wall.comment(postId, thankful, 'А когда сделают наш двор?');
    const reply = vk.wall.comment(postId, citizen, 'И у нас на Садовой 3 тоже нет лавочек', root.id);
    await driver.send(vkWallReplyNew(root, { groupId }));
    await driver.send(vkWallReplyNew(reply, { groupId }));
    expect((await appealOfComment(reply.id)).sourcePost.url).toBe(
      `https://vk.com/wall-${groupId}_${postId}?reply=${reply.id}&thread=${root.id}`,
    );
  });

  it('the same event delivered three times is one candidate with one message', async () => {
    const comment = vk.wall.comment(postId, citizen, 'Не горит фонарь у подъезда 2 дома 7');
    const report = await driver.send(vkWallReplyNew(comment, { groupId }), { copies: 3 });
    expect(report.replies.map((r) => r.body)).toEqual(['ok', 'ok', 'ok']);
    const appeals = (await pullAll(env, env.org.users.supervisor, 'appeals')).filter(
      (a) => a.sourcePost?.commentId === String(comment.id),
    );
    expect(appeals).toHaveLength(1);
    const messages = (await messagesOf(env, account)).filter((m) => m.appealId === appeals[0].id);
    expect(messages).toHaveLength(1);
  });

  it('an edit gives the message the new text and keeps the earlier one', async () => {
    const comment = vk.wall.comment(postId, citizen, 'Яма на дороге');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    await driver.send(
      vkWallReplyEdit(comment, 'Яма на дороге у дома 5 по Лесной, машины бьют колёса', { groupId }),
    );
    const appeal = await appealOfComment(comment.id);
    const [message] = (await messagesOf(env, account)).filter((m) => m.appealId === appeal.id);
    expect(message.text).toBe('Яма на дороге у дома 5 по Лесной, машины бьют колёса');
    expect(message.earlierVersions.map((v: Json) => v.text)).toEqual(['Яма на дороге']);
    expect(appeal).toMatchObject({
      subject: 'Яма на дороге у дома 5 по Лесной, машины бьют колёса',
      text: 'Яма на дороге у дома 5 по Лесной, машины бьют колёса',
    });
  });

  it('a thanks edited into a complaint is triaged again and becomes an incident; once taken into work an edit leaves the appeal as it is', async () => {
    const comment = vk.wall.comment(postId, thankful, 'Спасибо за работу!');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    expect((await appealOfComment(comment.id)).triage.incident.value).toBe(false);
    const complaint = 'Спасибо, но во дворе дома 3 по Речной прорвало трубу, вода заливает подвал';
    await driver.send(vkWallReplyEdit(comment, complaint, { groupId }));
    const edited = await appealOfComment(comment.id);
    expect(edited.text).toBe(complaint);
    expect(edited.triage.incident.value).toBe(true);
    await env.server.pool.query(
      `UPDATE sync_appeals SET doc = jsonb_set(doc, '{status}', '"in_progress"') WHERE id = $1`,
      [edited.id],
    );
    await driver.send(vkWallReplyEdit(comment, 'Уже починили', { groupId }));
    const [message] = (await messagesOf(env, account)).filter((m) => m.appealId === edited.id);
    expect(message.text).toBe('Уже починили');
    const stored = await env.server.pool.query('SELECT doc FROM sync_appeals WHERE id = $1', [edited.id]);
    expect(stored.rows[0].doc.text).toBe(complaint);
  });

  it('a deletion marks the message deleted and loses nothing; a restoration brings the text back', async () => {
    const comment = vk.wall.comment(postId, citizen, 'Сломаны качели на площадке у школы 4');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    await driver.send(vkWallReplyDelete(comment, citizen, { groupId }));
    const appeal = await appealOfComment(comment.id);
    const messageOf = async () => (await messagesOf(env, account)).find((m) => m.appealId === appeal.id);
    const deleted = await messageOf();
    expect(deleted.text).toBe('[Комментарий удалён в сети]');
    expect(deleted.earlierVersions.map((v: Json) => v.text)).toEqual([
      'Сломаны качели на площадке у школы 4',
    ]);
    expect(appeal.text).toBe('Сломаны качели на площадке у школы 4');
    await driver.send(vkWallReplyRestore(comment, { groupId }));
    expect((await messageOf()).text).toBe('Сломаны качели на площадке у школы 4');
  });

  it('ignores a comment on another wall and the community’s own comments, keeping their raw events', async () => {
    const before = (await messagesOf(env, account)).length;
    const raw = await rawEventsOf(env, account);
    const foreign = { ...vk.wall.comment(postId, citizen, 'Чужая стена'), owner_id: -4242 };
    const own = vk.wall.comment(postId, -groupId, 'Спасибо за отзыв!');
    await driver.send(vkWallReplyNew(foreign, { groupId }));
    await driver.send(vkWallReplyNew(own, { groupId }));
    expect(await rawEventsOf(env, account)).toBe(raw + 2);
    expect((await messagesOf(env, account)).length).toBe(before);
  });

  it('an answer with the channel route goes under the comment as the community', async () => {
    const comment = vk.wall.comment(postId, citizen, 'Когда отремонтируют крыльцо поликлиники?');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    const appeal = await appealOfComment(comment.id);
    const { operator1 } = env.org.users;
    const session = await loginAs(env.server, operator1);
    const text = 'Анна, ремонт крыльца начнётся 1 июня, подрядчик выбран.';
    const answer = { ...staffMessage(env.org.organisation.id, appeal, operator1.id), text };
    const pushed = await pushRows({ url: env.server.url, headers: session.headers }, 'messages', [
      { newDocumentState: answer },
    ]);
    expect(pushed.status).toBe(200);
    const reply = await waitFor(() => vk.wall.replies.find((r) => r.message === text), 20_000);
    expect(reply).toMatchObject({
      ownerId: -groupId,
      postId,
      replyToComment: comment.id,
      fromGroup: groupId,
    });
    expect(vk.sent.filter((m) => m.message === text)).toEqual([]);
    await waitFor(async () => {
      const row = await env.server.pool.query(`SELECT doc FROM sync_messages WHERE id = $1`, [answer.id]);
      return row.rows[0]?.doc.deliveryStatus === 'sent';
    }, 20_000);
    expect(vk.violations).toEqual([]);
  });

  async function invite(appealId: string, body: unknown = {}) {
    const session = await loginAs(env.server, env.org.users.operator1);
    return fetch(`${env.server.url}/api/v1/appeals/${appealId}/comment-invitation`, {
      method: 'POST',
      headers: { ...session.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  const messageDoc = async (id: string): Promise<Json> =>
    (await env.server.pool.query(`SELECT doc FROM sync_messages WHERE id = $1`, [id])).rows[0]?.doc;

  it('«Написать лично» sends the invitation to the author’s dialog with the community, and the reply there joins the appeal', async () => {
    const comment = vk.wall.comment(postId, citizen, 'У меня вопрос по начислениям за вывоз мусора');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    const appeal = await appealOfComment(comment.id);
    const response = await invite(appeal.id);
    expect(response.status).toBe(201);
    const { messageId, conversationId } = (await response.json()) as Json;
    const sent = await waitFor(() => vk.sent.find((m) => m.peerId === citizen), 20_000);
    expect(sent.message).toContain('Здравствуйте, Анна!');
    expect(sent.message).toContain('в личных сообщениях');
    expect(vk.wall.replies.filter((r) => r.replyToComment === comment.id)).toEqual([]);
    await waitFor(async () => (await messageDoc(messageId))?.deliveryStatus === 'sent', 20_000);
    expect(await messageDoc(messageId)).toMatchObject({
      appealId: appeal.id,
      conversationId,
      direction: 'out',
      replyVia: 'channel',
      author: { kind: 'staff', userId: env.org.users.operator1.id },
    });
    const audit = await env.server.pool.query(
      `SELECT actor_user_id, details FROM audit_log WHERE action = 'appeal.comment_invitation' AND entity_id = $1`,
      [appeal.id],
    );
    expect(audit.rows[0]).toMatchObject({
      actor_user_id: env.org.users.operator1.id,
      details: { messageId },
    });
    await driver.messageNew(vkMessage({ from_id: citizen, text: 'Лицевой счёт 1234, начислили дважды' }));
    const [reply] = (await messagesOf(env, account)).filter(
      (m) => m.text === 'Лицевой счёт 1234, начислили дважды',
    );
    expect(reply).toMatchObject({ appealId: appeal.id, conversationId });
  });

  it('an invitation to an author who never allowed the community’s messages is marked unreachable', async () => {
    vk.unreachable.set(thankful, 901);
    const comment = vk.wall.comment(postId, thankful, 'Как записаться на приём к главе?');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    const appeal = await appealOfComment(comment.id);
    const { messageId } = (await (
      await invite(appeal.id, { text: 'Напишите нам в личные сообщения' })
    ).json()) as Json;
    await waitFor(async () => (await messageDoc(messageId))?.deliveryStatus === 'unreachable', 20_000);
    expect((await messageDoc(messageId)).text).toBe('Напишите нам в личные сообщения');
  });

  it('refuses an invitation for an appeal that came from no comment (409) and a body it cannot read (400)', async () => {
    await driver.messageNew(vkMessage({ from_id: 4103, text: 'Обычное сообщение сообществу' }));
    const [dialog] = (await messagesOf(env, account)).filter(
      (m) => m.text === 'Обычное сообщение сообществу',
    );
    const notComment = await invite(dialog.appealId);
    expect(notComment.status).toBe(409);
    expect(((await notComment.json()) as Json).error.code).toBe('not_a_comment');
    const comment = vk.wall.comment(postId, citizen, 'Ещё вопрос');
    await driver.send(vkWallReplyNew(comment, { groupId }));
    const appeal = await appealOfComment(comment.id);
    for (const body of [{ text: '' }, { text: 5 }, { message: 'x' }, []]) {
      const refused = await invite(appeal.id, body);
      expect(refused.status).toBe(400);
    }
  });
});
