import { type ChannelTestEnv, startChannelServer } from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows, type SyncTarget } from '../sync/client';
import { masterOf, staffMessage, telegramChatAppeal } from '../sync/fixtures';

let env: ChannelTestEnv;
let target: SyncTarget;
let orgId: string;
let userId: string;

beforeAll(async () => {
  env = await startChannelServer();
  orgId = env.org.organisation.id;
  const supervisor = env.org.users.supervisor;
  userId = supervisor.id;
  target = { url: env.server.url, headers: (await loginAs(env.server, supervisor)).headers };
});
afterAll(async () => {
  await env?.server.close();
});

it('an answer into a chat whose bot is not configured is marked not delivered, with the reason, at once', async () => {
  const appeal = await telegramChatAppeal(env.server.pool, target, env.org, {
    chatId: '5550009',
    botId: '999000',
  });
  const message = { ...staffMessage(orgId, appeal, userId), text: 'Ответ, который некому отправить.' };
  const { body } = await pushRows(target, 'messages', [{ newDocumentState: message }], 'refusals=1');
  expect(body.refusals).toEqual([]);
  const settled = await waitFor(async () => {
    const doc = await masterOf(env.server.pool, 'sync_messages', message.id);
    return doc.deliveryStatus === 'pending' ? null : doc;
  });
  expect(settled).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'work:delivery.noAccount' });
});
