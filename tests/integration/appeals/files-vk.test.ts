/**
 * An answer's files through VK (issue 10): the official's photo and PDF reach the citizen's VK chat
 * as documents of the answer's message — `docs.getMessagesUploadServer` → upload → `docs.save`, then
 * `messages.send` with both — over real HTTP to the VK fake, which checks every call against the
 * vendored schema.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import { startVkFake, VkCallbackDriver, type VkFake, vkMessage } from '../../fakes';
import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  startChannelServer,
  webhookUrl,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { waitFor } from '../setup/wait';
import { pushRows } from '../sync/client';

const groupId = 778002;
const secret = 'vk-files-secret';
const citizenId = 3003;
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('схема двора')]);
const plan = Buffer.from('%PDF-1.7\nплан работ\n%%EOF');

let env: ChannelTestEnv;
let vk: VkFake;
let account: ChannelAccount;

beforeAll(async () => {
  env = await startChannelServer();
  vk = await startVkFake({ groupId, users: { [citizenId]: { first_name: 'Пётр', last_name: 'Орлов' } } });
  account = await addAccount(env, {
    network: 'vk',
    accountId: String(groupId),
    apiBaseUrl: vk.apiBaseUrl,
    apiToken: vk.token,
    webhookSecret: secret,
    confirmationCode: 'c0nf1rm',
  });
});

afterAll(async () => {
  await vk?.close();
  await env?.server.close();
});

it("sends the official's photo and PDF with the answer's message in the citizen's VK chat", async () => {
  const driver = new VkCallbackDriver({
    url: webhookUrl(env, account),
    groupId,
    secret,
    confirmationCode: 'c0nf1rm',
  });
  await driver.messageNew(vkMessage({ from_id: citizenId, text: 'Когда отремонтируют двор у дома 5?' }));
  const [inbound] = (await messagesOf(env, account)).slice(-1);
  const { operator1 } = env.org.users;
  const session = await loginAs(env.server, operator1);
  const files: Json[] = [];
  for (const [name, bytes] of [
    ['схема двора.jpg', photo],
    ['план работ.pdf', plan],
  ] as const) {
    const response = await fetch(
      `${env.server.url}/api/v1/appeals/${inbound.appealId}/files?name=${encodeURIComponent(name)}`,
      {
        method: 'POST',
        headers: { ...session.headers, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      },
    );
    expect(response.status).toBe(201);
    files.push(((await response.json()) as Json).file);
  }
  const now = Date.now();
  const answer = {
    id: crypto.randomUUID(),
    orgId: env.org.organisation.id,
    conversationId: inbound.conversationId,
    appealId: inbound.appealId,
    direction: 'out',
    author: { kind: 'staff', userId: operator1.id, displayName: 'Оператор Один' },
    text: 'Ремонт двора — в июле, схема и план во вложении.',
    attachments: files,
    createdAt: now,
    replyVia: 'channel',
    deliveryStatus: 'pending',
    deliveryError: null,
    updatedAt: now,
    _deleted: false,
  };
  const pushed = await pushRows({ url: env.server.url, headers: session.headers }, 'messages', [
    { newDocumentState: answer },
  ]);
  expect(pushed.status).toBe(200);
  const sent = await waitFor(() => vk.sent.find((m) => m.peerId === citizenId && m.attachments.length > 0));
  expect(sent.message).toBe(answer.text);
  expect(sent.attachments.map((a) => [a.type, a.doc?.title, a.doc?.bytes])).toEqual([
    ['doc', 'схема двора.jpg', photo],
    ['doc', 'план работ.pdf', plan],
  ]);
  expect(vk.violations).toEqual([]);
});
