/**
 * Acceptance of issue 11: an internal comment never reaches the citizen. A formal appeal born from a
 * Telegram chat (the Telegram fake over real HTTP) gets an internal comment and then an answer; the
 * citizen's chat receives the answer — the route works — and never the comment.
 */
import { randomUUID } from 'node:crypto';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import { startTelegramFake, type TelegramFake } from '../../fakes';
import { addAccount, type ChannelTestEnv, type Json, startChannelServer } from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows, type SyncTarget } from '../sync/client';
import { createAppeals, editAppeal, masterOf, newFormalAppeal } from '../sync/fixtures';

const botToken = '777002:AACommentNeverSentTokenForOkno';
const botId = '777002';
const chatId = '5550002';

let env: ChannelTestEnv;
let tg: TelegramFake;
let target: SyncTarget;
let orgId: string;
let userId: string;

beforeAll(async () => {
  env = await startChannelServer();
  tg = await startTelegramFake({ token: botToken });
  orgId = env.org.organisation.id;
  await addAccount(env, {
    network: 'telegram',
    accountId: botId,
    apiBaseUrl: tg.url,
    apiToken: botToken,
    webhookSecret: 'comment-never-sent-secret',
  });
  const supervisor = env.org.users.supervisor;
  userId = supervisor.id;
  target = { url: env.server.url, headers: (await loginAs(env.server, supervisor)).headers };
});
afterAll(async () => {
  await env?.server.close();
  await tg?.close();
});

it('an internal comment never reaches the citizen’s chat; the answer after it does', async () => {
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await writeServerDocs(env.server.pool, 'conversations', orgId, [
    {
      id: conversationId,
      orgId,
      channel: 'telegram',
      peer: { chatId, userId: chatId, communityId: botId },
      applicantId: '',
      applicantDisplayName: 'Мария Иванова',
      subject: 'Горячая вода',
      lastMessageAt: Date.now(),
      updatedAt: Date.now(),
      _deleted: false,
    },
  ]);
  const [appeal] = (await createAppeals(env.server.pool, target, [
    newFormalAppeal(orgId, env.org.departments.d1.id, { conversationId, channel: 'telegram' }),
  ])) as Json[];
  const secret = `Внутреннее: заявитель конфликтный, звонить только начальнику ${randomUUID().slice(0, 4)}`;
  const commented = await editAppeal(env.server.pool, target, appeal.id, {
    comments: [{ id: randomUUID(), authorId: userId, text: secret, at: Date.now() - 1000 }],
    updatedAt: Date.now(),
  });
  expect(commented.body.refusals).toEqual([]);

  const answer = {
    id: randomUUID(),
    orgId,
    conversationId,
    appealId: appeal.id,
    direction: 'out',
    author: { kind: 'staff', userId, displayName: 'Сотрудник' },
    text: 'Ответ по существу: подача горячей воды восстановлена.',
    attachments: [],
    createdAt: Date.now(),
    replyVia: 'channel',
    deliveryStatus: 'pending',
    deliveryError: null,
    updatedAt: Date.now(),
    _deleted: false,
  };
  const pushed = await pushRows(target, 'messages', [{ newDocumentState: answer }], 'refusals=1');
  expect(pushed.body.refusals).toEqual([]);
  // One answer: a short answer to a registered appeal is the letter captioned with it (docs/CHANNELS.md).
  await waitFor(async () =>
    tg.sent.find((m) => (m.text ?? m.caption)?.includes('горячей воды восстановлена')),
  );
  await waitFor(
    async () => (await masterOf(env.server.pool, 'sync_messages', answer.id)).deliveryStatus === 'sent',
  );

  expect(tg.sent.filter((m) => JSON.stringify(m).includes('конфликтный'))).toEqual([]);
  const queued = await env.server.pool.query(
    'SELECT count(*)::int AS n FROM outbox_messages WHERE org_id = $1 AND text LIKE $2',
    [orgId, '%конфликтный%'],
  );
  expect(queued.rows[0].n).toBe(0);
});
