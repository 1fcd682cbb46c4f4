/**
 * An answer's files through OK (issue 10): the text, then each file as a message of its own, after
 * `GET /graph/me/fileUploadUrl?type=FILE` and the upload (docs/CHANNELS.md «One answer») — over real
 * HTTP to the OK fake.
 */
import type { ChannelAccount } from '../../../server/src/channels/types';
import { type OkFake, OkWebhookDriver, okMessage, startOkFake } from '../../fakes';
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

const chatId = 'C7f00d1e5a501';
const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('схема')]);
const plan = Buffer.from('%PDF-1.7\nплан освещения\n%%EOF');

let env: ChannelTestEnv;
let ok: OkFake;
let account: ChannelAccount;

beforeAll(async () => {
  env = await startChannelServer();
  ok = await startOkFake({ token: 'okFilesToken' });
  account = await addAccount(env, {
    network: 'ok',
    accountId: '53038240',
    apiBaseUrl: ok.url,
    apiToken: ok.token,
  });
});

afterAll(async () => {
  await ok?.close();
  await env?.server.close();
});

it("sends the official's files after the answer's text in the citizen's OK chat, one file to a message", async () => {
  const driver = new OkWebhookDriver({ url: webhookUrl(env, account) });
  await driver.send(okMessage({ userId: '512345678901', chatId, text: 'Во дворе дома 9 не горят фонари' }));
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
  // After the bot's own hint to the citizen's first message: the answer's text, then its files.
  const sent = await waitFor(() => {
    const toChat = ok.sent.filter((m) => m.chatId.endsWith(chatId));
    const answer = toChat.findIndex((m) => m.text === text);
    const fromAnswer = answer < 0 ? [] : toChat.slice(answer);
    return fromAnswer.filter((m) => m.files.length > 0).length === 2 ? fromAnswer : undefined;
  }, 20_000);
  expect(sent.map((m) => [m.text ?? null, m.files.map((f) => [f.filename, f.bytes])])).toEqual([
    [text, []],
    [null, [['план освещения.pdf', plan]]],
    [null, [['схема.png', photo]]],
  ]);
  expect(ok.violations).toEqual([]);
});
