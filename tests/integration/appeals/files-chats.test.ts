/**
 * An answer's files through the chat networks (issue 10), over real HTTP to each network's fake,
 * which checks every call against the network's vendored schema:
 *   VK  — the photo and PDF are documents of the answer's own message (`docs.getMessagesUploadServer`
 *         → upload → `docs.save`, then `messages.send` with both);
 *   MAX — a file must be the only attachment of a message: the text rides with the first file, each
 *         further file is a message of its own, every one uploaded through `POST /uploads` first;
 *   OK  — the text, then each file as a message of its own, after `GET /graph/me/fileUploadUrl?type=FILE`
 *         and the upload (docs/CHANNELS.md «One answer»).
 * The official uploads the two files to the appeal and pushes the answer as the desktop does; what
 * reaches the citizen's chat is read back from the fake as [text, [[file name, bytes]…]] per message.
 */
import type { ChannelAccountInput } from '../../../server/src/channels/accounts';
import type { ChannelAccount } from '../../../server/src/channels/types';
import {
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  OkWebhookDriver,
  okMessage,
  startMaxFake,
  startOkFake,
  startVkFake,
  VkCallbackDriver,
  vkMessage,
} from '../../fakes';
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
import { staffMessage } from '../sync/fixtures';

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('схема двора')]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('схема')]);
const pdf = (title: string) => Buffer.from(`%PDF-1.7\n${title}\n%%EOF`);

/** A message as the citizen's chat received it: its text (null: none) and its files. */
type Delivered = [text: string | null, files: [name: string, bytes: Buffer][]];

/** One network's fake, account, citizen's first message and reading of what the chat received. */
interface ChatNetwork {
  account: Omit<ChannelAccountInput, 'orgId'>;
  /** The citizen's first message, through the network's webhook. */
  write(url: string, text: string): Promise<unknown>;
  /** What reached the citizen from the answer on, once all of it has. */
  delivered(answerText: string): Delivered[] | undefined;
  violations(): unknown[];
  close(): Promise<void>;
}

interface Case {
  network: string;
  files: [name: string, bytes: Buffer][];
  answerText: string;
  start(): Promise<ChatNetwork>;
  expected(files: [string, Buffer][], answerText: string): Delivered[];
}

const cases: Case[] = [
  {
    network: 'VK: both files are documents of the answer’s message',
    files: [
      ['схема двора.jpg', jpeg],
      ['план работ.pdf', pdf('план работ')],
    ],
    answerText: 'Ремонт двора — в июле, схема и план во вложении.',
    async start() {
      const groupId = 778002;
      const citizenId = 3003;
      const vk = await startVkFake({
        groupId,
        users: { [citizenId]: { first_name: 'Пётр', last_name: 'Орлов' } },
      });
      const secret = 'vk-files-secret';
      return {
        account: {
          network: 'vk',
          accountId: String(groupId),
          apiBaseUrl: vk.apiBaseUrl,
          apiToken: vk.token,
          webhookSecret: secret,
          confirmationCode: 'c0nf1rm',
        },
        write: (url, text) =>
          new VkCallbackDriver({ url, groupId, secret, confirmationCode: 'c0nf1rm' }).messageNew(
            vkMessage({ from_id: citizenId, text }),
          ),
        delivered: () => {
          const sent = vk.sent.find((m) => m.peerId === citizenId && m.attachments.length > 0);
          return (
            sent && [
              [
                sent.message ?? null,
                sent.attachments.map((a) => [a.doc?.title ?? '', a.doc?.bytes ?? Buffer.alloc(0)]),
              ],
            ]
          );
        },
        violations: () => vk.violations,
        close: () => vk.close(),
      };
    },
    expected: (files, text) => [[text, files]],
  },
  {
    network: 'MAX: the text with the first file, one file to a message',
    files: [
      ['план освещения.pdf', pdf('план освещения')],
      ['схема.png', png],
    ],
    answerText: 'Фонари заменят до конца недели, план и схема во вложении.',
    async start() {
      const max = await startMaxFake({ token: 'max-files-token' });
      const chatId = 556677;
      const citizen = maxUser({ user_id: 34567890, first_name: 'Олег', last_name: 'Фомин' });
      return {
        account: {
          network: 'max',
          accountId: '66666666',
          apiBaseUrl: max.url,
          apiToken: max.token,
          webhookSecret: 'max_files-secret',
        },
        write: (url, text) =>
          new MaxWebhookDriver({ url, secret: 'max_files-secret' }).send(
            maxMessageCreated({ sender: citizen, chatId, text }),
          ),
        delivered: () => {
          const toChat = max.sent.filter((m) => m.chatId === chatId && m.files.length > 0);
          return toChat.length === 2
            ? toChat.map((m) => [m.text, m.files.map((f) => [f.filename, f.bytes])])
            : undefined;
        },
        violations: () => max.violations,
        close: () => max.close(),
      };
    },
    expected: ([first, second], text) => [
      [text, [first!]],
      [null, [second!]],
    ],
  },
  {
    network: 'OK: the text, then each file as a message of its own',
    files: [
      ['план освещения.pdf', pdf('план освещения')],
      ['схема.png', png],
    ],
    answerText: 'Фонари заменят до конца недели, план и схема во вложении.',
    async start() {
      const ok = await startOkFake({ token: 'okFilesToken' });
      const chatId = 'C7f00d1e5a501';
      return {
        account: { network: 'ok', accountId: '53038240', apiBaseUrl: ok.url, apiToken: ok.token },
        write: (url, text) =>
          new OkWebhookDriver({ url }).send(okMessage({ userId: '512345678901', chatId, text })),
        // After the bot's own hint to the citizen's first message: the answer's text, then its files.
        delivered: (answerText) => {
          const toChat = ok.sent.filter((m) => m.chatId.endsWith(chatId));
          const answer = toChat.findIndex((m) => m.text === answerText);
          const fromAnswer = answer < 0 ? [] : toChat.slice(answer);
          return fromAnswer.filter((m) => m.files.length > 0).length === 2
            ? fromAnswer.map((m) => [m.text ?? null, m.files.map((f) => [f.filename, f.bytes])])
            : undefined;
        },
        violations: () => ok.violations,
        close: () => ok.close(),
      };
    },
    expected: ([first, second], text) => [
      [text, []],
      [null, [first!]],
      [null, [second!]],
    ],
  },
];

describe.each(cases)('an answer with files, $network', ({ files, answerText, start, expected }) => {
  let env: ChannelTestEnv;
  let chat: ChatNetwork;
  let account: ChannelAccount;

  beforeAll(async () => {
    env = await startChannelServer();
    chat = await start();
    account = await addAccount(env, chat.account);
  });
  afterAll(async () => {
    await chat?.close();
    await env?.server.close();
  });

  it("reaches the citizen's chat with every file's bytes", async () => {
    await chat.write(webhookUrl(env, account), 'Во дворе дома 9 не горят фонари');
    const [inbound] = (await messagesOf(env, account)).slice(-1);
    const { operator1 } = env.org.users;
    const session = await loginAs(env.server, operator1);
    const uploaded: Json[] = [];
    for (const [name, bytes] of files) {
      const response = await fetch(
        `${env.server.url}/api/v1/appeals/${inbound.appealId}/files?name=${encodeURIComponent(name)}`,
        {
          method: 'POST',
          headers: { ...session.headers, 'content-type': 'application/octet-stream' },
          body: new Uint8Array(bytes),
        },
      );
      expect(response.status).toBe(201);
      uploaded.push(((await response.json()) as Json).file);
    }
    const appeal = { id: inbound.appealId, conversationId: inbound.conversationId };
    const answer = { ...staffMessage(env.org.organisation.id, appeal, operator1.id), text: answerText };
    const pushed = await pushRows({ url: env.server.url, headers: session.headers }, 'messages', [
      { newDocumentState: { ...answer, attachments: uploaded } },
    ]);
    expect(pushed.status).toBe(200);
    const delivered = await waitFor(() => chat.delivered(answerText), 20_000);
    expect(delivered).toEqual(expected(files, answerText));
    expect(chat.violations()).toEqual([]);
  });
});
