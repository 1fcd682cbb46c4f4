/**
 * Acceptance of issue 11: an internal comment never reaches the citizen. A formal appeal born from a
 * Telegram chat (the Telegram fake over real HTTP) gets an internal comment and then an answer; the
 * citizen's chat receives the answer — the route works — and never the comment.
 */
import { randomUUID } from 'node:crypto';
import type { TelegramFake } from '../../fakes';
import { addTelegramBot, type ChannelTestEnv, startChannelServer } from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows, type SyncTarget } from '../sync/client';
import { editAppeal, masterOf, staffMessage, telegramChatAppeal } from '../sync/fixtures';

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
  ({ tg } = await addTelegramBot(env, { token: botToken, secretToken: 'comment-never-sent-secret' }));
  orgId = env.org.organisation.id;
  const supervisor = env.org.users.supervisor;
  userId = supervisor.id;
  target = { url: env.server.url, headers: (await loginAs(env.server, supervisor)).headers };
});
afterAll(async () => {
  await env?.server.close();
  await tg?.close();
});

it('an internal comment never reaches the citizen’s chat; the answer after it does', async () => {
  const appeal = await telegramChatAppeal(env.server.pool, target, env.org, { chatId, botId });
  const secret = `Внутреннее: заявитель конфликтный, звонить только начальнику ${randomUUID().slice(0, 4)}`;
  const commented = await editAppeal(env.server.pool, target, appeal.id, {
    comments: [{ id: randomUUID(), authorId: userId, text: secret, at: Date.now() - 1000 }],
    updatedAt: Date.now(),
  });
  expect(commented.body.refusals).toEqual([]);

  const answer = {
    ...staffMessage(orgId, appeal, userId),
    text: 'Ответ по существу: подача горячей воды восстановлена.',
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
