import { emailAnswerLetterAllowanceBytes } from '../../../shared/model/answer-files';
import { postalPrintRequired } from '../../../shared/model/conversation';
import type { ReplyVia } from '../../../shared/model/vocabulary';
import type { TelegramFake } from '../../fakes';
import {
  addAccount,
  addTelegramBot,
  type ChannelTestEnv,
  type Json,
  startChannelServer,
} from '../channels/support';
import { loginAs } from '../setup/db';
import { startMailServers, type TestMailServers } from '../setup/mail-servers';
import type { TestSmtpServer } from '../setup/smtp-server';
import { waitFor } from '../setup/wait';
import { pushRows, type SyncTarget } from '../sync/client';
import { createAppeals, masterOf, newFormalAppeal, staffMessage, telegramChatAppeal } from '../sync/fixtures';

const mailbox = 'priemnaya@admin.example.ru';
const botToken = '777001:AAReplyViaTokenForOknoTests';
const botId = '777001';
const chatId = '5550001';

let env: ChannelTestEnv;
let tg: TelegramFake;
let smtp: TestSmtpServer;
let mailServers: TestMailServers;
let target: SyncTarget;
let userId: string;
let orgId: string;

beforeAll(async () => {
  env = await startChannelServer();
  ({ tg } = await addTelegramBot(env, { token: botToken, secretToken: 'reply-via-secret' }));
  mailServers = await startMailServers(mailbox);
  smtp = mailServers.smtp;
  orgId = env.org.organisation.id;
  await addAccount(env, mailServers.emailAccount({ pollIntervalMs: 60_000 }));
  const supervisor = env.org.users.supervisor;
  userId = supervisor.id;
  target = { url: env.server.url, headers: (await loginAs(env.server, supervisor)).headers };
});

afterAll(async () => {
  await env?.server.close();
  await tg?.close();
  await mailServers?.close();
});

/** A Telegram conversation and a formal appeal born from it, with the given contacts. */
const telegramAppeal = (contacts: { email: string | null; postalAddress: string | null }) =>
  telegramChatAppeal(env.server.pool, target, env.org, { chatId, botId }, contacts);

function answer(
  appeal: Json,
  replyVia: ReplyVia | null,
  text: string,
  conversationId = appeal.conversationId,
) {
  return {
    ...staffMessage(orgId, { id: appeal.id, conversationId }, userId),
    text,
    replyVia,
    deliveryError: replyVia === 'post' ? postalPrintRequired : null,
  };
}

async function push(message: Json) {
  const { status, body } = await pushRows(target, 'messages', [{ newDocumentState: message }], 'refusals=1');
  expect(status).toBe(200);
  return body as { conflicts: Json[]; refusals: Json[] };
}

const outboxRows = async (messageId: string) =>
  (
    await env.server.pool.query(
      'SELECT network, account_id, peer_id FROM outbox_messages WHERE message_id = $1',
      [messageId],
    )
  ).rows;

const both = { email: 'ivanova@example.ru', postalAddress: 'г. Тверь, ул. Советская, д. 1, кв. 2' };

it('e-mail: goes to the applicant’s address by SMTP, not to Telegram, although the appeal has a conversation', async () => {
  const appeal = await telegramAppeal(both);
  const message = answer(appeal, 'email', 'Ответ по электронной почте.');
  expect(await push(message)).toEqual({ conflicts: [], refusals: [] });
  const mail = await waitFor(async () =>
    smtp.received.find((m) => m.raw.includes(message.id) || m.to[0] === both.email),
  );
  expect(mail.to).toEqual([both.email]);
  expect(mail.from).toBe(mailbox);
  // Through the relay as a mail provider wants it: upgraded by STARTTLS, logged in.
  expect(mail).toMatchObject({ secure: true, user: mailbox });
  const sent = await waitFor(async () => {
    const doc = await masterOf(env.server.pool, 'sync_messages', message.id);
    return doc.deliveryStatus === 'sent' ? doc : null;
  });
  expect(sent).toMatchObject({
    replyVia: 'email',
    conversationId: appeal.conversationId,
    deliveryError: null,
  });
  expect(await outboxRows(message.id)).toEqual([{ network: 'email', account_id: '', peer_id: both.email }]);
  expect(tg.sent.filter((m) => (m.text ?? m.caption) === message.text)).toEqual([]);
  // The reply to a mail about a Telegram appeal cannot join the Telegram conversation: not threaded.
  const threads = await env.server.pool.query('SELECT 1 FROM email_threads WHERE conversation_id = $1', [
    appeal.conversationId,
  ]);
  expect(threads.rowCount).toBe(0);
});

it('channel: goes into the Telegram chat of the conversation, not by e-mail', async () => {
  const appeal = await telegramAppeal(both);
  const mailsBefore = smtp.received.length;
  const message = answer(appeal, 'channel', 'Ответ в исходный канал.');
  expect(await push(message)).toEqual({ conflicts: [], refusals: [] });
  // One answer: a short answer to a registered appeal is the letter captioned with it (docs/CHANNELS.md).
  const delivered = await waitFor(async () => tg.sent.find((m) => (m.text ?? m.caption) === message.text));
  expect(String(delivered.chatId)).toBe(chatId);
  await waitFor(
    async () => (await masterOf(env.server.pool, 'sync_messages', message.id)).deliveryStatus === 'sent',
  );
  expect(smtp.received.length).toBe(mailsBefore);
});

it('post: is sent nowhere and stays pending with the "print and mail" reason the desktop shows', async () => {
  const appeal = await telegramAppeal(both);
  const mailsBefore = smtp.received.length;
  // A desktop that left deliveryError empty still gets the reason: delivery fields are the server's.
  const message = { ...answer(appeal, 'post', 'Ответ почтовым письмом.'), deliveryError: null };
  const body = await push(message);
  expect(body.refusals).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(await outboxRows(message.id)).toEqual([]);
  expect(tg.sent.filter((m) => (m.text ?? m.caption) === message.text)).toEqual([]);
  expect(smtp.received.length).toBe(mailsBefore);
  const stored = await masterOf(env.server.pool, 'sync_messages', message.id);
  expect(stored).toMatchObject({
    replyVia: 'post',
    deliveryStatus: 'pending',
    deliveryError: postalPrintRequired,
  });
  // What the desktop pulls.
  const pulled = await fetch(`${env.server.url}/api/v1/sync/messages/pull?limit=1000`, {
    headers: target.headers,
  });
  const docs = ((await pulled.json()) as { documents: Json[] }).documents;
  expect(docs.find((d) => d.id === message.id)).toMatchObject({
    replyVia: 'post',
    deliveryStatus: 'pending',
    deliveryError: postalPrintRequired,
  });
});

describe('routes the appeal cannot take are refused with the reason', () => {
  it.each([
    ['email', { email: null, postalAddress: both.postalAddress }, 'sync:refusal.replyViaEmail'],
    ['post', { email: both.email, postalAddress: null }, 'sync:refusal.replyViaPost'],
    [null, both, 'sync:refusal.replyViaMissing'],
  ] as const)('replyVia %s with contacts %o → %s', async (replyVia, contacts, code) => {
    const appeal = await telegramAppeal(contacts);
    const message = answer(appeal, replyVia, 'Не будет принят.');
    const body = await push(message);
    expect(body.refusals).toEqual([expect.objectContaining({ id: message.id, code })]);
    const stored = await env.server.pool.query('SELECT 1 FROM sync_messages WHERE id = $1', [message.id]);
    expect(stored.rowCount).toBe(0);
    expect(await outboxRows(message.id)).toEqual([]);
  });

  it('channel without a conversation, or naming another conversation, is refused', async () => {
    const appeal = newFormalAppeal(orgId, env.org.departments.d1.id, {
      conversationId: '',
      channel: 'reception',
    });
    const [reception] = await createAppeals(env.server.pool, target, [appeal]);
    const noThread = answer(reception, 'channel', 'Некуда.');
    expect((await push(noThread)).refusals).toEqual([
      expect.objectContaining({ id: noThread.id, code: 'sync:refusal.replyViaChannel' }),
    ]);
    const telegram = await telegramAppeal(both);
    const foreign = answer(telegram, 'channel', 'Чужая беседа.', 'conv-somebody-else');
    expect((await push(foreign)).refusals).toEqual([
      expect.objectContaining({
        id: foreign.id,
        code: 'sync:refusal.replyViaChannel',
        fields: ['conversationId'],
      }),
    ]);
  });
});

/** Uploads a file for an answer to `appeal` (issue 10) and gives back its metadata. */
async function uploadFile(appeal: Json, name: string, bytes: Buffer): Promise<Json> {
  const response = await fetch(
    `${env.server.url}/api/v1/appeals/${appeal.id}/files?name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
    },
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as Json).file;
}

it('e-mail: the mail carries the official answer letter as a PDF and the answer’s file, the same bytes', async () => {
  const appeal = await telegramAppeal(both);
  const plan = Buffer.from('%PDF-1.7\nграфик отключения горячей воды\n%%EOF');
  const file = await uploadFile(appeal, 'график.pdf', plan);
  const message = { ...answer(appeal, 'email', 'Ответ с графиком во вложении.'), attachments: [file] };
  expect(await push(message)).toEqual({ conflicts: [], refusals: [] });
  const mail = await waitFor(async () =>
    smtp.received.find((m) => m.parsed.text?.includes('Ответ с графиком')),
  );
  const [letter, official, ...more] = mail.parsed.attachments;
  expect(more).toEqual([]);
  // The letter of ../../../server/src/letters, issued for this answer: its outgoing number is on record.
  expect([letter?.filename, letter?.contentType]).toEqual([
    `Ответ ${appeal.registrationNumber}.pdf`,
    'application/pdf',
  ]);
  expect(letter?.content.subarray(0, 5).toString()).toBe('%PDF-');
  expect(letter?.content.length).toBeLessThanOrEqual(emailAnswerLetterAllowanceBytes);
  const issued = await env.server.pool.query(
    `SELECT outgoing_number FROM letters WHERE org_id = $1 AND appeal_id = $2 AND kind = 'answer'`,
    [orgId, appeal.id],
  );
  expect(issued.rows).toHaveLength(1);
  expect([official?.filename, official?.contentType, official?.content]).toEqual([
    'график.pdf',
    'application/pdf',
    plan,
  ]);
});

it('e-mail: files over 17 MB together (the letter takes the rest of 18 MB) are refused for an e-mail answer, while a chat answer takes them', async () => {
  const appeal = await telegramAppeal(both);
  const files = [
    await uploadFile(
      appeal,
      'скан-1.pdf',
      Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(9.5 * 1024 * 1024)]),
    ),
    await uploadFile(
      appeal,
      'скан-2.pdf',
      Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(9.5 * 1024 * 1024, 1)]),
    ),
  ];
  const byMail = { ...answer(appeal, 'email', 'Два скана по почте.'), attachments: files };
  expect((await push(byMail)).refusals).toEqual([
    expect.objectContaining({ code: 'sync:refusal.answerFiles', params: { problem: 'totalTooLarge' } }),
  ]);
  expect(await outboxRows(byMail.id)).toEqual([]);
  const inChat = { ...answer(appeal, 'channel', 'Два скана в чат.'), attachments: files };
  expect((await push(inChat)).refusals).toEqual([]);
});
