/**
 * A real SMTP server for e-mail tests: nodemailer's `smtp-server`, on 127.0.0.1 and a free port, with
 * STARTTLS (a self-signed certificate made for the run, ./test-certificate.ts) and, when asked, AUTH
 * PLAIN/LOGIN. Every accepted mail is kept raw and parsed with mailparser, with the session facts a
 * test asserts on (was the connection upgraded, who logged in).
 *
 *   const smtp = await startSmtpServer({ auth: { user: 'okno', password: 'secret' } });
 *   settings.smtp = { host: smtp.host, port: smtp.port, user: 'okno', password: 'secret', ca: smtp.ca };
 *   const [mail] = smtp.received;  // { from, to, raw, parsed, secure, user }
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { testCertificate } from './test-certificate';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  /** The connection was TLS (upgraded by STARTTLS) when the mail went through. */
  secure: boolean;
  /** Who logged in (AUTH), if anyone. */
  user: string | null;
}

export interface SmtpServerOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials (and, as real relays do, TLS before it). */
  auth?: { user: string; password: string };
  /** Do not offer STARTTLS (a plain relay). */
  plain?: boolean;
  /** The largest mail taken, in bytes (the SIZE extension); a larger one is refused with 552, as relays do. */
  size?: number;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  /** `smtp://host:port`, for the plain form of an account (settings.smtpUrl / apiBaseUrl). */
  url: string;
  /** The server certificate (PEM), for `settings.smtp.ca`. */
  ca: string;
  received: ReceivedMail[];
  /** Successful logins, in order, with the SASL mechanism the client chose. */
  logins: { method: string; user: string }[];
  /** The next `times` mails are refused at MAIL FROM with this reply code. */
  refuseNext(code: number, times?: number): void;
  close(): Promise<void>;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const { key, cert } = testCertificate();
  const received: ReceivedMail[] = [];
  const refusals: number[] = [];
  const logins: TestSmtpServer['logins'] = [];
  const server = new SMTPServer({
    key,
    cert,
    logger: false,
    banner: 'Okno test relay',
    hideSTARTTLS: options.plain === true,
    ...(options.size ? { size: options.size } : {}),
    authOptional: !options.auth,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      const ok =
        options.auth && auth.username === options.auth.user && auth.password === options.auth.password;
      if (!ok) {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        return;
      }
      logins.push({ method: auth.method, user: auth.username ?? '' });
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      const code = refusals.shift();
      if (code) callback(Object.assign(new Error(`refused by the test (${code})`), { responseCode: code }));
      else callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          const error = new Error('Error: message exceeds fixed maximum message size');
          callback(Object.assign(error, { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const envelope = session.envelope;
            received.push({
              from: envelope.mailFrom ? envelope.mailFrom.address : '',
              to: envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              secure: session.secure,
              user: session.user ?? null,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    ca: cert,
    received,
    logins,
    refuseNext(code, times = 1) {
      for (let i = 0; i < times; i++) refusals.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
