/**
 * An answer's files through MAX (issue 10): a file must be the only attachment of a MAX message, so
 * the answer's text rides with the first file and each further file is a message of its own, every one
 * uploaded through `POST /uploads` first — over real HTTP to the MAX fake, which checks each call
 * against MAX's OpenAPI document.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import { type MaxFake, MaxWebhookDriver, maxMessageCreated, maxUser, startMaxFake } from '../../fakes';
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

const citizen = maxUser({ user_id: 34567890, first_name: 'Олег', last_name: 'Фомин' });
const chatId = 556677;
const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('схема')]);
const plan = Buffer.from('%PDF-1.7\nплан освещения\n%%EOF');

let env: ChannelTestEnv;
let max: MaxFake;
let account: ChannelAccount;

beforeAll(async () => {
  env = await startChannelServer();
  max = await startMaxFake({ token: 'max-files-token' });
  account = await addAccount(env, {
    network: 'max',
    accountId: '66666666',
    apiBaseUrl: max.url,
    apiToken: max.token,
    webhookSecret: 'max_files-secret',
  });
});

afterAll(async () => {
  await max?.close();
  await env?.server.close();
});

it("sends the official's files with the answer in the citizen's MAX chat, one file to a message", async () => {
  const driver = new MaxWebhookDriver({ url: webhookUrl(env, account), secret: 'max_files-secret' });
  await driver.send(maxMessageCreated({ sender: citizen, chatId, text: 'Во дворе дома 9 не горят фонари' }));
  const [inbound] = (await messagesOf(env, account)).slice(-1);
  const { operator1 } = env.org.users;
  const session = await loginAs(env.server, operator1);
  const files: Json[] = [];
  for (const [name, bytes] of [
    ['план освещения.pdf', plan],
    ['схема.png', photo],
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
  const text = 'Фонари заменят до конца недели, план и схема во вложении.';
  await pushRows({ url: env.server.url, headers: session.headers }, 'messages', [
    {
      newDocumentState: {
        id: crypto.randomUUID(),
        orgId: env.org.organisation.id,
        conversationId: inbound.conversationId,
        appealId: inbound.appealId,
        direction: 'out',
        author: { kind: 'staff', userId: operator1.id, displayName: 'Оператор Один' },
        text,
        attachments: files,
        createdAt: now,
        replyVia: 'channel',
        deliveryStatus: 'pending',
        deliveryError: null,
        updatedAt: now,
        _deleted: false,
      },
    },
  ]);
  const sent = await waitFor(() => {
    const toChat = max.sent.filter((m) => m.chatId === chatId && m.files.length > 0);
    return toChat.length === 2 ? toChat : undefined;
  });
  expect(sent.map((m) => [m.text, m.files.map((f) => [f.filename, f.bytes])])).toEqual([
    [text, [['план освещения.pdf', plan]]],
    [null, [['схема.png', photo]]],
  ]);
  expect(max.violations).toEqual([]);
});
