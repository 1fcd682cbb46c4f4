import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { FakeLedger } from '../common/ledger';

/**
 * A minimal RFC 5321 server for outbound tests: EHLO/HELO, MAIL FROM, RCPT TO, DATA (with
 * dot-unstuffing), RSET, NOOP, QUIT; pipelining-safe. No TLS, no AUTH (nodemailer with
 * `secure: false, ignoreTLS: true` and no `auth` talks to it).
 */

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  /** The message exactly as transmitted (CRLF line ends, dot-unstuffed). */
  readonly raw: string;
  /** Header fields by lower-cased name, unfolded; the first occurrence wins. */
  readonly headers: Record<string, string>;
  readonly at: number;
}

export type SmtpStage = 'MAIL' | 'RCPT' | 'DATA';

/** An injected reply, e.g. `{ code: 451, method: 'RCPT' }` (4xx = retry later, 5xx = permanent). */
export type SmtpErrorCode = number;

export interface SmtpFakeOptions {
  readonly hostname?: string;
  readonly maxMessageBytes?: number;
}

interface Session {
  from?: string;
  to: string[];
  data?: string[];
  greeted: boolean;
  quit?: boolean;
}

const ADDRESS = /^(?:FROM|TO):\s*<([^>]*)>/i;

export class SmtpFake extends FakeLedger<ReceivedMail, SmtpErrorCode> {
  private readonly hostname: string;
  private readonly maxMessageBytes: number;
  private readonly sockets = new Set<Socket>();
  private server = createServer((socket) => this.serve(socket));
  host = '127.0.0.1';
  port = 0;

  constructor(options: SmtpFakeOptions = {}) {
    super('email');
    this.hostname = options.hostname ?? 'smtp.fake.okno.test';
    this.maxMessageBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;
  }

  get url(): string {
    return `smtp://${this.host}:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, this.host, () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.resetLedger();
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    const session: Session = { to: [], greeted: false };
    const reply = (text: string) => socket.write(`${text}\r\n`);
    let buffer = '';
    reply(`220 ${this.hostname} ESMTP Okno fake ready`);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\r\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const answer = this.respond(session, line);
        if (answer) reply(answer);
        if (session.quit) {
          socket.end();
          return;
        }
        newline = buffer.indexOf('\r\n');
      }
    });
  }

  /** The reply to one line (several lines joined by CRLF), or '' while DATA is being received. */
  private respond(session: Session, line: string): string {
    if (session.data) {
      if (line !== '.') {
        session.data.push(line.startsWith('..') ? line.slice(1) : line);
        return '';
      }
      return this.finishData(session);
    }
    const verb = line.slice(0, 4).toUpperCase();
    const argument = line.slice(4).trim();
    switch (verb) {
      case 'EHLO':
        session.greeted = true;
        return [
          `250-${this.hostname} greets ${argument || 'client'}`,
          `250-SIZE ${this.maxMessageBytes}`,
          '250-8BITMIME',
          '250-PIPELINING',
          '250 SMTPUTF8',
        ].join('\r\n');
      case 'HELO':
        session.greeted = true;
        return `250 ${this.hostname}`;
      case 'MAIL': {
        const address = ADDRESS.exec(argument)?.[1];
        if (!session.greeted) return '503 5.5.1 Send EHLO/HELO first';
        if (address === undefined) return '501 5.5.4 Syntax: MAIL FROM:<address>';
        const injected = this.takeInjectedError('MAIL');
        if (injected) return this.rejectWith('MAIL', injected.code, injected.message);
        session.from = address;
        session.to = [];
        return '250 2.1.0 Sender OK';
      }
      case 'RCPT': {
        const address = ADDRESS.exec(argument)?.[1];
        if (session.from === undefined) return '503 5.5.1 Need MAIL before RCPT';
        if (!address) return '501 5.5.4 Syntax: RCPT TO:<address>';
        const injected = this.takeInjectedError('RCPT');
        if (injected) return this.rejectWith('RCPT', injected.code, injected.message);
        session.to.push(address);
        return '250 2.1.5 Recipient OK';
      }
      case 'DATA':
        if (session.to.length === 0) return '503 5.5.1 Need RCPT before DATA';
        session.data = [];
        return '354 End data with <CR><LF>.<CR><LF>';
      case 'RSET':
        session.from = undefined;
        session.to = [];
        return '250 2.0.0 Reset';
      case 'NOOP':
        return '250 2.0.0 OK';
      case 'QUIT':
        session.quit = true;
        return `221 2.0.0 ${this.hostname} closing`;
      default:
        if (line.toUpperCase().startsWith('STARTTLS')) return '502 5.5.1 TLS is not supported by the fake';
        if (line.toUpperCase().startsWith('AUTH')) return '502 5.5.1 AUTH is not supported by the fake';
        return '502 5.5.2 Command not recognized';
    }
  }

  private rejectWith(stage: SmtpStage, code: number, message?: string): string {
    this.recordCall(stage, 'error', code);
    return `${code} ${message ?? (code >= 500 ? '5.0.0 Rejected by the fake' : '4.0.0 Try again later')}`;
  }

  private finishData(session: Session): string {
    const raw = `${(session.data ?? []).join('\r\n')}\r\n`;
    const to = session.to;
    const from = session.from ?? '';
    session.data = undefined;
    session.from = undefined;
    session.to = [];
    const injected = this.takeInjectedError('DATA');
    if (injected) return this.rejectWith('DATA', injected.code, injected.message);
    if (Buffer.byteLength(raw) > this.maxMessageBytes) return '552 5.3.4 Message too big';
    this.sent.push({ from, to, raw, headers: parseHeaders(raw), at: Date.now() });
    this.recordCall('DATA', 'ok');
    return `250 2.0.0 Ok: queued as FAKE${this.sent.length}`;
  }
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return headers;
}

export async function startSmtpFake(options: SmtpFakeOptions = {}): Promise<SmtpFake> {
  return new SmtpFake(options).start();
}
