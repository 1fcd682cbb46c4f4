/**
 * An answer nothing can send (issue 11): the channel's account is not configured in Okno. It used to
 * stay «Ожидает отправки» for ever, retried with a growing delay and no word to the official; the
 * outbox now marks it failed at once with the reason, and the desktop shows it.
 */
import { randomUUID } from 'node:crypto';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import { type ChannelTestEnv, type Json, startChannelServer } from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows, type SyncTarget } from '../sync/client';
import { createAppeals, masterOf, newFormalAppeal } from '../sync/fixtures';

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
  const conversationId = `conv-${randomUUID().slice(0, 8)}`;
  await writeServerDocs(env.server.pool, 'conversations', orgId, [
    {
      id: conversationId,
      orgId,
      channel: 'telegram',
      peer: { chatId: '5550009', userId: '5550009', communityId: '999000' },
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
  const message = {
    id: randomUUID(),
    orgId,
    conversationId,
    appealId: appeal.id,
    direction: 'out',
    author: { kind: 'staff', userId, displayName: 'Сотрудник' },
    text: 'Ответ, который некому отправить.',
    attachments: [],
    createdAt: Date.now(),
    replyVia: 'channel',
    deliveryStatus: 'pending',
    deliveryError: null,
    updatedAt: Date.now(),
    _deleted: false,
  };
  const { body } = await pushRows(target, 'messages', [{ newDocumentState: message }], 'refusals=1');
  expect(body.refusals).toEqual([]);
  const settled = await waitFor(async () => {
    const doc = await masterOf(env.server.pool, 'sync_messages', message.id);
    return doc.deliveryStatus === 'pending' ? null : doc;
  });
  expect(settled).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'work:delivery.noAccount' });
});
