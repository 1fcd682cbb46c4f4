/**
 * E-mail threading through the outbox, over real IMAP (Dovecot) and SMTP (smtp-server, STARTTLS and
 * AUTH) servers: an official's answer in an e-mail conversation is mailed as a reply (In-Reply-To /
 * References name the citizen's mail) with our own Message-ID, which is remembered, so the citizen's reply naming only that
 * Message-ID lands in the same conversation — and the next answer names the whole thread.
 */

import {
  addAccount,
  type ChannelTestEnv,
  type Json,
  messagesOf,
  startChannelServer,
} from '../channels/support';
import type { TestImapServer } from '../setup/imap-server';
import {
  type CitizenMailFields,
  citizenMailTo,
  startMailServers,
  type TestMailServers,
} from '../setup/mail-servers';
import type { TestSmtpServer } from '../setup/smtp-server';
import { waitFor } from '../setup/wait';
import { insertStaffMessage, staffMessage } from '../sync/fixtures';

const mailbox = 'priemnaya@admin.example.ru';

const citizenMail = (fields: Omit<CitizenMailFields, 'from'>) =>
  citizenMailTo(mailbox, { from: '"Иван Петров" <ivan@mail.example.ru>', ...fields });

describe('e-mail answers thread the citizen’s reply', () => {
  let env: ChannelTestEnv;
  let mailServers: TestMailServers;
  let imap: TestImapServer;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    env = await startChannelServer();
    mailServers = await startMailServers(mailbox);
    ({ imap, smtp } = mailServers);
  });

  afterAll(async () => {
    await env?.server.close();
    await mailServers?.close();
    delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
  });

  it('remembers the Message-ID of the mailed answer, and the reply to it joins the conversation', async () => {
    const account = await addAccount(env, mailServers.emailAccount({ pollIntervalMs: 100 }));
    await imap.append(
      citizenMail({ id: 'q1@mail.example.ru', subject: 'Освещение', text: 'Не горит фонарь у дома 3' }),
    );
    const [question] = await waitFor(async () => {
      const found = await messagesOf(env, account);
      return found.length >= 1 ? found : null;
    });
    const { pool } = env.server;
    const orgId = env.org.organisation.id;

    // The official answers on a desktop (a staff message, as a push writes it).
    const operator1 = env.org.users.operator1.id;
    const answer: Json = {
      ...staffMessage(orgId, { id: question.appealId, conversationId: question.conversationId }, operator1),
      id: 'mail-answer-1',
      author: { kind: 'staff', userId: operator1, displayName: 'Оператор' },
      text: 'Фонарь у дома 3 заменят до пятницы.',
    };
    await insertStaffMessage(pool, answer);
    const mail = await waitFor(async () => smtp.received[0]);
    expect(mail.to).toEqual(['ivan@mail.example.ru']);
    const messageId = String(mail.parsed.messageId);
    expect(messageId).toMatch(/^<.+@.+>$/);
    // The citizen's mail client shows it as the reply to their letter.
    expect(mail.parsed.inReplyTo).toBe('<q1@mail.example.ru>');
    expect(mail.parsed.references).toBe('<q1@mail.example.ru>');
    const remembered = await waitFor(async () => {
      const r = await pool.query(
        'SELECT conversation_id FROM email_threads WHERE channel_account_id = $1 AND message_id = $2',
        [account.id, messageId.slice(1, -1)],
      );
      return r.rows[0];
    });
    expect(remembered.conversation_id).toBe(question.conversationId);
    const sent = await pool.query(`SELECT doc->>'deliveryStatus' AS s FROM sync_messages WHERE id = $1`, [
      answer.id,
    ]);
    expect(sent.rows[0].s).toBe('sent');

    // The reply names only our Message-ID (not the citizen's first mail): threading needs the memory.
    await imap.append(
      citizenMail({
        id: 'r1@mail.example.ru',
        subject: 'Re: Освещение',
        text: 'Спасибо, буду ждать.',
        inReplyTo: messageId,
      }),
    );
    const messages = await waitFor(async () => {
      const found = await messagesOf(env, account);
      return found.length >= 2 ? found : null;
    });
    expect(messages[1].text).toBe('Спасибо, буду ждать.');
    expect(messages[1].conversationId).toBe(question.conversationId);

    // The next answer replies to the citizen's latest mail and names the whole thread in order.
    const second = { ...answer, id: 'mail-answer-2', text: 'Фонарь заменён.', createdAt: Date.now() };
    await insertStaffMessage(pool, second);
    const followUp = await waitFor(async () => smtp.received[1]);
    expect(followUp.parsed.inReplyTo).toBe('<r1@mail.example.ru>');
    expect(followUp.parsed.references).toEqual(['<q1@mail.example.ru>', messageId, '<r1@mail.example.ru>']);
  });
});
