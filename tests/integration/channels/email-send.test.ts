/**
 * The e-mail sender (server/src/channels/email/send.ts) against a real SMTP server (smtp-server):
 * STARTTLS and AUTH as real mail providers want them, the plain relay of older settings, and how
 * refusals become the outbox's outcomes.
 */
import { emailSender } from '../../../server/src/channels/email/send';
import type { ClaimedMessage, NetworkSender } from '../../../server/src/outbox/types';
import { startSmtpServer, type TestSmtpServer } from '../setup/smtp-server';

type Account = Parameters<NetworkSender['send']>[0];

const mailbox = 'priemnaya@admin.example.ru';

function answer(fields: Partial<ClaimedMessage> = {}): ClaimedMessage {
  return {
    id: '1',
    orgId: 'org',
    network: 'email',
    accountId: mailbox,
    peerId: 'ivan@mail.example.ru',
    kind: 'answer',
    text: 'Ответ на обращение № ОГ-2026-000001\n\nФонарь заменят до пятницы.',
    attachments: [],
    keyboard: null,
    idempotencyKey: 1,
    attempts: 0,
    partsSent: 0,
    messageId: null,
    appealId: null,
    ...fields,
  };
}

function account(settings: Record<string, unknown>, apiBaseUrl = 'smtp://127.0.0.1:1'): Account {
  return {
    orgId: 'org',
    network: 'email',
    accountId: mailbox,
    token: '',
    apiBaseUrl,
    from: mailbox,
    settings,
  };
}

describe('the e-mail sender over a real SMTP server', () => {
  let relay: TestSmtpServer;
  const credentials = { user: 'okno@admin.example.ru', password: 'пароль-relay' };

  beforeAll(async () => {
    relay = await startSmtpServer({ auth: credentials });
  });
  afterAll(() => relay?.close());

  const smtp = (extra: Record<string, unknown> = {}) => ({
    smtp: { host: relay.host, port: relay.port, ...credentials, ca: relay.ca, ...extra },
  });

  it('upgrades the connection with STARTTLS and logs in before sending', async () => {
    const outcome = await emailSender.send(
      account(smtp()),
      answer({
        attachments: [
          {
            name: 'Ответ.pdf',
            mimeType: 'application/pdf',
            contentBase64: Buffer.from('%PDF-1.4').toString('base64'),
          },
        ],
      }),
    );
    expect(outcome).toMatchObject({
      kind: 'sent',
      networkMessageId: expect.stringMatching(/^<.+@okno\.local>$/),
    });
    const mail = relay.received.at(-1)!;
    expect(mail).toMatchObject({
      secure: true,
      user: credentials.user,
      from: mailbox,
      to: ['ivan@mail.example.ru'],
    });
    expect(mail.parsed.subject).toBe('Ответ на обращение № ОГ-2026-000001');
    expect(mail.parsed.text?.trim()).toBe(
      'Ответ на обращение № ОГ-2026-000001\n\nФонарь заменят до пятницы.',
    );
    expect(mail.parsed.messageId).toBe(outcome.kind === 'sent' ? outcome.networkMessageId : null);
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['Ответ.pdf', 'application/pdf', '%PDF-1.4'],
    ]);
  });

  it('logs in with AUTH LOGIN too, and with the account token when settings carry no password', async () => {
    const before = relay.received.length;
    const { password, ...noPassword } = smtp().smtp;
    const viaToken = { ...account({ smtp: { ...noPassword, authMethod: 'LOGIN' } }), token: password };
    expect(await emailSender.send(viaToken, answer())).toMatchObject({ kind: 'sent' });
    expect(relay.received.length).toBe(before + 1);
    expect(relay.logins.map((l) => l.method)).toEqual(['PLAIN', 'LOGIN']);
  });

  it('retries (never fails the answer) when the relay refuses the password', async () => {
    const outcome = await emailSender.send(account(smtp({ password: 'wrong' })), answer());
    expect(outcome).toMatchObject({ kind: 'retry', error: expect.stringMatching(/535|Invalid/) });
  });

  it('sends nothing when STARTTLS is required and the certificate is not trusted', async () => {
    const before = relay.received.length;
    const outcome = await emailSender.send(account(smtp({ ca: undefined })), answer());
    expect(outcome).toMatchObject({ kind: 'retry' });
    expect(relay.received.length).toBe(before);
  });

  it('fails the answer on a 5xx reply to the mail and retries on a 4xx one', async () => {
    relay.refuseNext(550);
    expect(await emailSender.send(account(smtp()), answer())).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('550'),
    });
    relay.refuseNext(451);
    expect(await emailSender.send(account(smtp()), answer())).toMatchObject({ kind: 'retry' });
  });

  it('fails an answer whose files the relay refuses for their size (552) with the «file refused» reason', async () => {
    const small = await startSmtpServer({ auth: credentials, size: 64 * 1024 });
    try {
      const settings = { smtp: { host: small.host, port: small.port, ...credentials, ca: small.ca } };
      const scan = {
        name: 'схема.pdf',
        mimeType: 'application/pdf',
        contentBase64: Buffer.alloc(100 * 1024, 0x25).toString('base64'),
      };
      expect(await emailSender.send(account(settings), answer({ attachments: [scan] }))).toMatchObject({
        kind: 'failed',
        error: expect.stringContaining('552'),
        reason: 'work:delivery.fileRefused',
      });
      expect(small.received).toEqual([]);
      // The same refusal of a mail without files is no file's fault.
      small.refuseNext(552);
      expect(await emailSender.send(account(settings), answer())).not.toHaveProperty('reason');
    } finally {
      await small.close();
    }
  });

  it('threads a reply: In-Reply-To and References, and never a header injected through a Message-ID', async () => {
    await emailSender.send(
      account(smtp()),
      answer({
        mailThread: {
          inReplyTo: '<r1@mail.example.ru>',
          references: [
            '<q1@mail.example.ru>',
            'no-brackets@y',
            '<x@y>\r\nBcc: all@example.ru',
            '<a1@okno.local>',
          ],
        },
      }),
    );
    const mail = relay.received.at(-1)!;
    expect(mail.parsed.inReplyTo).toBe('<r1@mail.example.ru>');
    expect(mail.parsed.references).toEqual(['<q1@mail.example.ru>', '<a1@okno.local>']);
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(mail.to).toEqual(['ivan@mail.example.ru']);
  });

  it('sends through a plain relay of the older smtp://host:port form, without TLS or AUTH', async () => {
    const plain = await startSmtpServer({ plain: true });
    try {
      expect(await emailSender.send(account({}, plain.url), answer())).toMatchObject({ kind: 'sent' });
      expect(plain.received[0]).toMatchObject({ secure: false, user: null });
    } finally {
      await plain.close();
    }
  });
});
