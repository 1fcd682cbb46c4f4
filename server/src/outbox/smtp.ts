/**
 * A minimal SMTP client (RFC 5321) over node:net: EHLO, MAIL FROM, RCPT TO, DATA, QUIT, one
 * message per connection. Enough for a relay on a trusted network and for the SMTP fake in tests.
 * Production relays need STARTTLS and AUTH, which this client does not do: put a local relay
 * (Postfix with a smarthost) next to the server, or replace this file with nodemailer.
 */
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export class SmtpReplyError extends Error {
  constructor(
    readonly code: number,
    readonly stage: string,
    text: string,
  ) {
    super(`smtp ${stage} ${code}: ${text}`);
  }
}

export interface MailAttachment {
  name: string;
  mimeType: string;
  content: Buffer;
}

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  messageId?: string;
  /** A reply: the Message-ID it answers and the thread's Message-IDs (with angle brackets). */
  inReplyTo?: string;
  references?: string[];
}

const crlf = '\r\n';

function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join(crlf);
}

/** Message-IDs for a header: only `<local@domain>` forms pass (no CR/LF can reach the header). */
function headerIds(ids: readonly string[]): string {
  return ids.filter((id) => /^<[^<>\s]+>$/.test(id)).join(' ');
}

/** The RFC 5322 message: UTF-8 text (base64), attachments as multipart/mixed. */
export function composeMail(mail: Mail, hostname: string): { raw: string; messageId: string } {
  const messageId = mail.messageId ?? `<${randomUUID()}@${hostname}>`;
  const inReplyTo = headerIds(mail.inReplyTo ? [mail.inReplyTo] : []);
  const references = headerIds(mail.references ?? []);
  const headers = [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`] : []),
    ...(references ? [`References: ${references}`] : []),
    'MIME-Version: 1.0',
  ];
  const textPart = [
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(mail.text, 'utf8')),
  ];
  let body: string[];
  if (!mail.attachments?.length) {
    body = textPart;
  } else {
    const boundary = `okno-${randomUUID()}`;
    body = [`Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...textPart];
    for (const attachment of mail.attachments) {
      body.push(
        `--${boundary}`,
        `Content-Type: ${attachment.mimeType}; name="${encodeHeader(attachment.name)}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${encodeHeader(attachment.name)}"`,
        '',
        base64Lines(attachment.content),
      );
    }
    body.push(`--${boundary}--`);
  }
  return { raw: [...headers, ...body].join(crlf), messageId };
}

/** Reads SMTP replies (multi-line `250-…` until `250 …`) from a socket, one at a time. */
class ReplyReader {
  private buffer = '';
  private waiting: Array<(reply: { code: number; text: string } | Error) => void> = [];
  private replies: Array<{ code: number; text: string } | Error> = [];

  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let lines: string[] = [];
      for (;;) {
        const end = this.buffer.indexOf('\n');
        if (end < 0) break;
        const line = this.buffer.slice(0, end).replace(/\r$/, '');
        this.buffer = this.buffer.slice(end + 1);
        lines.push(line);
        if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
          this.push({ code: Number(line.slice(0, 3)), text: lines.map((l) => l.slice(4)).join('\n') });
          lines = [];
        }
      }
    });
    const fail = (error: Error) => this.push(error);
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  private push(reply: { code: number; text: string } | Error): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(reply);
    else this.replies.push(reply);
  }

  next(): Promise<{ code: number; text: string }> {
    const ready = this.replies.shift();
    const settle = (reply: { code: number; text: string } | Error) =>
      reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
    if (ready) return settle(ready);
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => (reply instanceof Error ? reject(reply) : resolve(reply)));
    });
  }
}

/** Sends one mail; throws SmtpReplyError on a 4xx/5xx reply, Error on a broken connection. */
export async function sendMail(
  server: { host: string; port: number },
  mail: Mail,
  opts: { hostname?: string; timeoutMs?: number } = {},
): Promise<{ messageId: string }> {
  const hostname = opts.hostname ?? 'okno.local';
  const socket = connect({ host: server.host, port: server.port });
  socket.setTimeout(opts.timeoutMs ?? 15_000, () => socket.destroy(new Error('smtp timeout')));
  const reader = new ReplyReader(socket);
  const expect = async (stage: string, ok: number) => {
    const reply = await reader.next();
    if (reply.code !== ok) throw new SmtpReplyError(reply.code, stage, reply.text);
  };
  const command = async (line: string, stage: string, ok: number) => {
    socket.write(`${line}${crlf}`);
    await expect(stage, ok);
  };
  try {
    await expect('GREETING', 220);
    await command(`EHLO ${hostname}`, 'EHLO', 250);
    await command(`MAIL FROM:<${mail.from}>`, 'MAIL', 250);
    await command(`RCPT TO:<${mail.to}>`, 'RCPT', 250);
    await command('DATA', 'DATA', 354);
    const { raw, messageId } = composeMail(mail, hostname);
    const stuffed = raw
      .split(crlf)
      .map((line) => (line.startsWith('.') ? `.${line}` : line))
      .join(crlf);
    await command(`${stuffed}${crlf}.`, 'DATA', 250);
    socket.write(`QUIT${crlf}`);
    return { messageId };
  } finally {
    socket.end();
    socket.destroy();
  }
}
