/**
 * Outbound e-mail (docs/CHANNELS.md §5) through nodemailer: one SMTP connection per answer, as the
 * outbox sends one row at a time. The peer is the recipient's address; the first line of the answer
 * is the subject; an answer in an e-mail conversation carries In-Reply-To / References (./threads.ts).
 *
 * Where the relay is (channel account settings):
 * - `settings.smtp = { host, port, secure, starttls, user, password, ca }`: `secure` is TLS from the
 *   first byte (port 465); otherwise `starttls` is `required` (default: the connection is upgraded
 *   before AUTH or the mail, or nothing is sent), `opportunistic` (upgraded when offered) or `never`.
 *   `user`/`password` log in (AUTH PLAIN or LOGIN, whichever the relay offers, or `authMethod`; the
 *   password falls back to the account's token); `ca` is a PEM certificate to trust for a relay with a
 *   private CA.
 * - `settings.smtpUrl = smtp://host:port` (the older form, and the outbox's own registered accounts'
 *   `apiBaseUrl`): a relay on a trusted network, plain, without AUTH, as before nodemailer.
 *
 * 4xx replies, broken connections, TLS and AUTH refusals are retried (an account's settings can be
 * fixed while the row waits); a 5xx reply to the mail itself fails it.
 */
import { randomUUID } from 'node:crypto';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { deliveryErrors } from '../../outbox/delivery';
import type { NetworkSender, SendCredentials } from '../../outbox/types';

/** The name we greet relays with (EHLO) and the right-hand side of our Message-IDs. */
const hostname = 'okno.local';
const timeoutMs = 15_000;

interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  starttls: 'required' | 'opportunistic' | 'never';
  user?: string;
  password?: string;
  authMethod?: 'PLAIN' | 'LOGIN';
  ca?: string;
}

const starttlsModes = new Set<SmtpSettings['starttls']>(['required', 'opportunistic', 'never']);

/** The relay of an account: `settings.smtp` when set, else the plain `smtp://host:port` URL. */
function smtpSettingsOf(account: SendCredentials): SmtpSettings {
  const raw = account.settings?.smtp;
  if (raw && typeof raw === 'object') {
    const s = raw as Record<string, unknown>;
    if (typeof s.host !== 'string' || !s.host) throw new Error('settings.smtp.host is missing');
    const secure = s.secure === true;
    const starttls = (s.starttls ?? 'required') as SmtpSettings['starttls'];
    if (!starttlsModes.has(starttls))
      throw new Error('settings.smtp.starttls must be required, opportunistic or never');
    const user = typeof s.user === 'string' && s.user ? s.user : undefined;
    const password = typeof s.password === 'string' ? s.password : account.token || undefined;
    return {
      host: s.host,
      port: Number(s.port ?? (secure ? 465 : 587)),
      secure,
      starttls,
      ...(user ? { user } : {}),
      ...(user && password !== undefined ? { password } : {}),
      ...(s.authMethod === 'PLAIN' || s.authMethod === 'LOGIN' ? { authMethod: s.authMethod } : {}),
      ...(typeof s.ca === 'string' && s.ca ? { ca: s.ca } : {}),
    };
  }
  const url = new URL(account.apiBaseUrl);
  return { host: url.hostname, port: Number(url.port || 25), secure: false, starttls: 'never' };
}

function transportOptions(s: SmtpSettings): SMTPTransport.Options {
  return {
    host: s.host,
    port: s.port,
    secure: s.secure,
    requireTLS: !s.secure && s.starttls === 'required',
    ignoreTLS: !s.secure && s.starttls === 'never',
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
    ...(s.authMethod ? { authMethod: s.authMethod } : {}),
    ...(s.ca ? { tls: { ca: s.ca } } : {}),
    name: hostname,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/** Message-IDs for a header: only `<local@domain>` forms pass (no CR/LF can reach the header). */
function headerIds(ids: readonly string[]): string[] {
  return ids.filter((id) => /^<[^<>\s]+>$/.test(id));
}

interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments: { name: string; mimeType: string; content: Buffer }[];
  /** A reply: the Message-ID it answers and the thread's Message-IDs (with angle brackets). */
  inReplyTo?: string;
  references?: string[];
}

/** nodemailer's message: UTF-8 text, attachments as multipart/mixed, our own Message-ID. */
function mailOptionsOf(mail: OutgoingMail): SendMailOptions & { messageId: string } {
  const inReplyTo = headerIds(mail.inReplyTo ? [mail.inReplyTo] : [])[0];
  const references = headerIds(mail.references ?? []);
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${randomUUID()}@${hostname}>`,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length > 0 ? { references } : {}),
    attachments: mail.attachments.map((a) => ({
      filename: a.name,
      contentType: a.mimeType,
      content: a.content,
    })),
  };
}

/** An SMTP reply code of 500–599 to the mail itself (not to AUTH: an account's settings can be fixed). */
function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown };
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && e.code !== 'EAUTH';
}

/** The relay refused the mail for its size (552, or 552/554 5.3.4 «message too big»): the answer's files. */
function isSizeRefusal(error: unknown, text: string): boolean {
  return (
    (error as { responseCode?: unknown }).responseCode === 552 || /5\.3\.4|too (big|large)|size/i.test(text)
  );
}

export const emailSender: NetworkSender = {
  async send(account, message) {
    let transport: Transporter<SMTPTransport.SentMessageInfo> | null = null;
    try {
      transport = nodemailer.createTransport(transportOptions(smtpSettingsOf(account)));
      const firstLine = message.text.split('\n', 1)[0] ?? '';
      const options = mailOptionsOf({
        from: account.from ?? account.accountId,
        to: message.peerId,
        subject: firstLine.slice(0, 120) || 'Okno',
        text: message.text,
        ...(message.mailThread
          ? { inReplyTo: message.mailThread.inReplyTo, references: message.mailThread.references }
          : {}),
        attachments: message.attachments.map((a) => ({
          name: a.name,
          mimeType: a.mimeType,
          content: Buffer.from(a.contentBase64, 'base64'),
        })),
      });
      await transport.sendMail(options);
      return { kind: 'sent', networkMessageId: options.messageId };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (isPermanent(error) && message.attachments.length > 0 && isSizeRefusal(error, text))
        return { kind: 'failed', error: text, partsSent: 0, reason: deliveryErrors.fileRefused };
      if (isPermanent(error)) return { kind: 'failed', error: text, partsSent: 0 };
      return { kind: 'retry', error: text, afterMs: null, partsSent: 0 };
    } finally {
      transport?.close();
    }
  },
};
