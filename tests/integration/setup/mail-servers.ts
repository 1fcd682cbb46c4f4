/**
 * A mailbox for the e-mail tests: the real IMAP server it is polled on (./imap-server.ts, Dovecot) and
 * the real SMTP relay it sends through (./smtp-server.ts, STARTTLS and AUTH as the mailbox), and the
 * e-mail channel account that names both — the setup the outbox, quality and letter suites share.
 *
 *   const mail = await startMailServers('priemnaya@admin.example.ru');
 *   const account = await addAccount(env, mail.emailAccount({ pollIntervalMs: 100 }));
 *   await mail.imap.append(rawMessage);   // the citizen writes
 *   const [sent] = mail.smtp.received;    // what the outbox mailed
 */
import { startImapServer, type TestImapServer } from './imap-server';
import { startSmtpServer, type TestSmtpServer } from './smtp-server';

export interface TestMailServers {
  /** The mailbox's address: the account's id, the relay's login and the letters' sender. */
  mailbox: string;
  imap: TestImapServer;
  smtp: TestSmtpServer;
  /**
   * The e-mail channel account of the mailbox (for `addAccount` of channels/support.ts): polled on
   * `imap` every `pollIntervalMs` (a long interval leaves the inbox to the test), sending through `smtp`.
   */
  emailAccount(options: { pollIntervalMs: number }): {
    network: 'email';
    accountId: string;
    settings: Record<string, unknown>;
  };
  close(): Promise<void>;
}

/** What a citizen's plain-text mail says; a reply names the mail it answers (`inReplyTo`, `<id>`). */
export interface CitizenMailFields {
  id: string;
  from: string;
  subject: string;
  text: string;
  inReplyTo?: string;
}

/** A citizen's plain-text mail to `mailbox`, raw (RFC 5322), for `imap.append`. */
export function citizenMailTo(mailbox: string, fields: CitizenMailFields): string {
  return [
    `From: ${fields.from}`,
    `To: ${mailbox}`,
    `Subject: ${fields.subject}`,
    'Date: Fri, 27 Nov 2026 10:00:00 +0300',
    `Message-ID: <${fields.id}>`,
    ...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`, `References: ${fields.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    fields.text,
  ].join('\r\n');
}

export async function startMailServers(mailbox: string): Promise<TestMailServers> {
  const smtpLogin = { user: mailbox, password: 'smtp-test-password' };
  const imap = await startImapServer();
  let smtp: TestSmtpServer;
  try {
    smtp = await startSmtpServer({ auth: smtpLogin });
  } catch (error) {
    await imap.close();
    throw error;
  }
  return {
    mailbox,
    imap,
    smtp,
    emailAccount: ({ pollIntervalMs }) => ({
      network: 'email',
      accountId: mailbox,
      settings: {
        imap: { host: imap.host, port: imap.port, tls: false, user: imap.user, password: imap.password },
        pollIntervalMs,
        smtp: { host: smtp.host, port: smtp.port, ...smtpLogin, ca: smtp.ca },
        smtpFrom: mailbox,
      },
    }),
    async close() {
      await imap.close();
      await smtp.close();
    },
  };
}
