import { createHash } from 'node:crypto';
import type { ChannelAccount } from '../../../server/src/channels/types';
import { startImapServer, type TestImapServer } from '../setup/imap-server';
import { waitFor } from '../setup/wait';
import { addAccount, type ChannelTestEnv, messagesOf, pullAll, startChannelServer } from './support';

function mail(fields: {
  id: string;
  from: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string;
}): string {
  return [
    `From: ${fields.from}`,
    'To: priemnaya@admin.example.ru',
    `Subject: ${fields.subject}`,
    'Date: Fri, 27 Nov 2026 10:00:00 +0300',
    `Message-ID: <${fields.id}>`,
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    fields.text,
  ].join('\r\n');
}

describe('e-mail over IMAP (a real Dovecot)', () => {
  let env: ChannelTestEnv;
  let imap: TestImapServer;
  let account: ChannelAccount;

  beforeAll(async () => {
    process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
    env = await startChannelServer();
    imap = await startImapServer();
    account = await addAccount(env, {
      network: 'email',
      accountId: 'priemnaya@admin.example.ru',
      settings: {
        imap: {
          host: imap.host,
          port: imap.port,
          tls: false,
          user: imap.user,
          password: imap.password,
          mailbox: 'INBOX',
        },
        pollIntervalMs: 100,
      },
    });
  });

  afterAll(async () => {
    await imap?.close();
    await env?.server.close();
    delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
  });

  const count = (n: number) =>
    waitFor(async () => {
      const found = await messagesOf(env, account);
      return found.length >= n ? found : null;
    });

  it('turns a new e-mail into an incident (never a formal appeal) that a desktop pulls', async () => {
    await imap.append(
      mail({
        id: 'first@mail.example.ru',
        from: '"Иван Петров" <ivan@mail.example.ru>',
        subject: 'Освещение',
        text: 'Не горит фонарь у дома 3',
      }),
    );
    const [message] = await count(1);
    expect(message).toMatchObject({
      text: 'Освещение\n\nНе горит фонарь у дома 3',
      author: { displayName: 'Иван Петров' },
    });
    const appeals = await pullAll(env, env.org.users.operator1, 'appeals');
    expect(appeals.find((a) => a.id === message.appealId)).toMatchObject({
      regime: 'incident',
      channel: 'email',
    });
  });

  it('threads a reply onto the conversation by In-Reply-To and References; an unrelated mail starts its own', async () => {
    await imap.append(
      mail({
        id: 'second@mail.example.ru',
        from: 'ivan@mail.example.ru',
        subject: 'Re: Освещение',
        text: 'Уже неделю не горит',
        inReplyTo: 'first@mail.example.ru',
        references: '<first@mail.example.ru>',
      }),
    );
    await imap.append(
      mail({
        id: 'third@mail.example.ru',
        from: 'ivan@mail.example.ru',
        subject: 'Re: Re: Освещение',
        text: 'Жду ответа',
        references: '<first@mail.example.ru> <second@mail.example.ru>',
      }),
    );
    await imap.append(
      mail({
        id: 'other@mail.example.ru',
        from: 'olga@mail.example.ru',
        subject: 'Мусор',
        text: 'Не вывозят мусор',
      }),
    );
    const messages = await count(4);
    const [first, second, third, other] = messages;
    expect(second.conversationId).toBe(first.conversationId);
    expect(third.conversationId).toBe(first.conversationId);
    expect(second.appealId).toBe(first.appealId);
    expect(second.text).toBe('Уже неделю не горит');
    expect(other.conversationId).not.toBe(first.conversationId);
    // The UID cursor is saved after the poll's last commit, a moment after the messages appear.
    const cursor = await waitFor(async () => {
      const row = await env.server.pool.query<{ value: string }>(
        `SELECT value FROM channel_cursors WHERE channel_account_id = $1 AND name = 'imap:INBOX'`,
        [account.id],
      );
      return row.rows[0]?.value.endsWith(':4') ? row.rows[0].value : null;
    });
    expect(cursor).toMatch(/^\d+:4$/);
  });

  it('stores attachments and survives a UIDVALIDITY change without duplicates', async () => {
    const pdf = Buffer.from('%PDF-1.4 фото ямы');
    const raw = [
      'From: olga@mail.example.ru',
      'Subject: =?utf-8?B?0K/QvNCw?=',
      'Message-ID: <attach@mail.example.ru>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=windows-1251',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(new Uint8Array([0xdf, 0xec, 0xe0])).toString('base64'), // «Яма» in windows-1251
      '--b1',
      'Content-Type: application/pdf; name="yama.pdf"',
      'Content-Disposition: attachment; filename="yama.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdf.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    await imap.append(raw);
    const messages = await count(5);
    const last = messages.at(-1);
    expect(last.text).toBe('Яма\n\nЯма');
    expect(last.attachments).toEqual([
      expect.objectContaining({
        name: 'yama.pdf',
        mimeType: 'application/pdf',
        sha256: createHash('sha256').update(pdf).digest('hex'),
      }),
    ]);
    await imap.setUidValidity(1700000001);
    await waitFor(async () => {
      const cursor = await env.server.pool.query(
        `SELECT value FROM channel_cursors WHERE channel_account_id = $1 AND name = 'imap:INBOX'`,
        [account.id],
      );
      return /^1700000001:5$/.test(cursor.rows[0]?.value ?? '');
    });
    expect((await messagesOf(env, account)).length).toBe(5);
    // Read-only: the people reading the mailbox still see every message unseen.
    const flags = await imap.flags();
    expect([...flags.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect([...flags.values()].some((f) => f.has('\\Seen'))).toBe(false);
  });

  it('reads a mailbox over STARTTLS when the server offers it, trusting the certificate given as settings.imap.ca', async () => {
    const secured = await startImapServer({ starttls: true });
    try {
      const tlsAccount = await addAccount(env, {
        network: 'email',
        accountId: 'obrashcheniya@admin.example.ru',
        settings: {
          imap: {
            host: secured.host,
            port: secured.port,
            tls: false,
            user: secured.user,
            password: secured.password,
            ca: secured.ca,
          },
          pollIntervalMs: 100,
        },
      });
      await secured.append(
        mail({
          id: 'tls@mail.example.ru',
          from: 'petr@mail.example.ru',
          subject: 'Двор',
          text: 'Нет освещения во дворе',
        }),
      );
      const [message] = await waitFor(async () => {
        const found = await messagesOf(env, tlsAccount);
        return found.length >= 1 ? found : null;
      });
      expect(message.text).toBe('Двор\n\nНет освещения во дворе');
      // Every login (the test's APPEND and the poller's) went over the upgraded connection.
      const logins = secured
        .log()
        .split('\n')
        .filter((line) => line.includes('Login: user=<'));
      expect(logins.length).toBeGreaterThanOrEqual(2);
      expect(logins.every((line) => /, TLS[,:]/.test(line))).toBe(true);
    } finally {
      await secured.close();
    }
  });
});
