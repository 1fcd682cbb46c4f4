/**
 * Comments under the OK group's own topics (issue 13; docs/CHANNELS.md §7 «Comments under posts»,
 * OK): OK's Bot API has no comment events, so the server polls OK's REST API (the fake
 * tests/fakes/ok/rest.ts checks the application key, the session and the signature over real HTTP).
 * A comment becomes a candidate with its topic's link; a thanks stays out of the working queues;
 * repeated polls record nothing twice; the group's own comments are ignored; an official's public
 * answer goes under the comment as the group; a refused signature is kept on the channel's status.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import { type OkRestFake, startOkRestFake } from '../../fakes';
import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  pullAll,
  startChannelServer,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows } from '../sync/client';
import { staffMessage } from '../sync/fixtures';

const groupId = '57000123456789';
const citizen = '591000111';
const thankful = '591000222';

describe('OK comments under the group’s topics (REST polling)', () => {
  let env: ChannelTestEnv;
  let ok: OkRestFake;
  let account: ChannelAccount;
  let topicId: string;

  beforeAll(async () => {
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    ok = await startOkRestFake({
      groupId,
      users: { [citizen]: 'Анна Кузнецова', [thankful]: 'Олег Смирнов' },
    });
    topicId = ok.publish('Итоги благоустройства дворов за лето');
    env = await startChannelServer();
    account = await addAccount(env, {
      network: 'ok',
      accountId: groupId,
      apiBaseUrl: 'http://127.0.0.1:9',
      apiToken: 'bot-api-token',
      settings: {
        rest: {
          applicationKey: ok.applicationKey,
          applicationSecretKey: ok.applicationSecretKey,
          accessToken: ok.accessToken,
          apiServer: ok.url,
          pollIntervalMs: 200,
        },
      },
    });
  });

  afterAll(async () => {
    delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
    await env?.server.close();
    await ok?.close();
  });

  const appealOfComment = async (commentId: string): Promise<Json> =>
    (await pullAll(env, env.org.users.supervisor, 'appeals')).find(
      (a) => a.sourcePost?.commentId === commentId,
    );

  it('a comment with a problem becomes an incident with the link to the topic, triaged', async () => {
    const comment = ok.comment(
      topicId,
      citizen,
      'Во дворе дома 12 по улице Мира третий день не вывозят мусор',
    );
    const appeal = await waitFor(() => appealOfComment(comment.id), 20_000);
    expect(appeal).toMatchObject({
      regime: 'incident',
      channel: 'ok',
      text: 'Во дворе дома 12 по улице Мира третий день не вывозят мусор',
      sourcePost: {
        network: 'ok',
        postId: topicId,
        commentId: comment.id,
        url: `https://ok.ru/group/${groupId}/topic/${topicId}`,
      },
    });
    expect(appeal.triage.incident.value).toBe(true);
    // The REST keys are sealed, never in the clear settings of the row.
    const row = await env.server.pool.query<{ settings: Json }>(
      'SELECT settings FROM channel_accounts WHERE id = $1',
      [account.id],
    );
    const clear = JSON.stringify(row.rows[0]?.settings);
    for (const secret of [ok.applicationSecretKey, ok.accessToken, ok.applicationKey])
      expect(clear).not.toContain(secret);
    const conversations = await pullAll(env, env.org.users.supervisor, 'conversations');
    expect(conversations.find((c) => c.id === appeal.conversationId).peer).toMatchObject({
      chatId: `comment:${groupId}:${topicId}:${comment.id}`,
      userId: citizen,
    });
    // Every call the poller made was signed as OK checks it.
    expect(ok.calls.filter((c) => c.errorCode !== undefined)).toEqual([]);
    expect(ok.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['mediatopic.getTopics', 'discussions.getComments']),
    );
  });

  it('a comment with thanks is a candidate triaged as no incident', async () => {
    const comment = ok.comment(topicId, thankful, 'Спасибо большое, очень красиво получилось!');
    const appeal = await waitFor(() => appealOfComment(comment.id), 20_000);
    expect(appeal.triage.incident.value).toBe(false);
  });

  it('repeated polls record each comment once; the group’s own comments are ignored', async () => {
    const comment = ok.comment(topicId, citizen, 'Не горит фонарь у подъезда 2 дома 7');
    ok.comment(topicId, groupId, 'Спасибо, передали в управляющую компанию', true);
    await waitFor(() => appealOfComment(comment.id), 20_000);
    const polls = ok.calls.filter((c) => c.method === 'discussions.getComments').length;
    await waitFor(
      () => ok.calls.filter((c) => c.method === 'discussions.getComments').length >= polls + 3,
      20_000,
    );
    const appeals = (await pullAll(env, env.org.users.supervisor, 'appeals')).filter(
      (a) => a.sourcePost?.network === 'ok',
    );
    expect(appeals.filter((a) => a.sourcePost.commentId === comment.id)).toHaveLength(1);
    expect(appeals).toHaveLength(3);
    const messages = await messagesOf(env, account);
    expect(messages.filter((m) => m.text === 'Не горит фонарь у подъезда 2 дома 7')).toHaveLength(1);
    expect(messages.some((m) => m.text === 'Спасибо, передали в управляющую компанию')).toBe(false);
  });

  it('an answer with the channel route goes under the comment as the group, once', async () => {
    const comment = ok.comment(topicId, citizen, 'Когда отремонтируют крыльцо поликлиники?');
    const appeal = await waitFor(() => appealOfComment(comment.id), 20_000);
    const { operator1 } = env.org.users;
    const session = await loginAs(env.server, operator1);
    const text = 'Анна, ремонт крыльца начнётся 1 июня, подрядчик выбран.';
    const answer = { ...staffMessage(env.org.organisation.id, appeal, operator1.id), text };
    const pushed = await pushRows({ url: env.server.url, headers: session.headers }, 'messages', [
      { newDocumentState: answer },
    ]);
    expect(pushed.status).toBe(200);
    await waitFor(async () => {
      const row = await env.server.pool.query(`SELECT doc FROM sync_messages WHERE id = $1`, [answer.id]);
      return row.rows[0]?.doc.deliveryStatus === 'sent';
    }, 20_000);
    const replies = ok.topics[0]!.comments.filter((c) => c.text === text);
    expect(replies).toEqual([
      expect.objectContaining({ author_type: 'GROUP', author_id: groupId, reply_to_comment_id: comment.id }),
    ]);
    const call = ok.calls.find((c) => c.method === 'discussions.comment');
    expect(call?.params).toMatchObject({
      discussionId: topicId,
      discussionType: 'GROUP_TOPIC',
      as_admin: 'true',
    });
    // The answer read back by the next polls is the group's own comment: no new candidate.
    const before = (await messagesOf(env, account)).length;
    const polls = ok.calls.filter((c) => c.method === 'discussions.getComments').length;
    await waitFor(
      () => ok.calls.filter((c) => c.method === 'discussions.getComments').length >= polls + 2,
      20_000,
    );
    expect((await messagesOf(env, account)).length).toBe(before);
  });

  it('a refused signature shows on the channel’s status in «Каналы», and a good poll clears it', async () => {
    const session = await loginAs(env.server, env.org.users.admin);
    const status = async (): Promise<Json> => {
      const response = await fetch(`${env.server.url}/api/v1/admin/channels`, { headers: session.headers });
      return ((await response.json()) as Json).channels.find((c: Json) => c.id === account.id);
    };
    const secret = ok.applicationSecretKey;
    ok.rotateSecret('rotated-on-ok-side');
    const broken = await waitFor(async () => ((await status()).commentsError ? status() : null), 20_000);
    expect(broken.commentsError).toMatch(/^ok 104: PARAM_SIGNATURE/);
    const comment = ok.comment(topicId, citizen, 'Сломана качель на детской площадке');
    ok.rotateSecret(secret);
    await waitFor(() => appealOfComment(comment.id), 20_000);
    await waitFor(async () => (await status()).commentsError === null, 20_000);
  });
});
