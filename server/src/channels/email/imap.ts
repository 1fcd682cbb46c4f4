/**
 * A minimal IMAP4rev1 client (RFC 3501) for the subset inbound mail needs: LOGIN, SELECT (UIDVALIDITY),
 * UID SEARCH, UID FETCH BODY.PEEK[] (the message stays unseen for people reading the mailbox), LOGOUT.
 * Plain TCP for tests, TLS (port 993) in production.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  mailbox: string;
}

export class ImapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImapError';
  }
}

interface Pending {
  tag: string;
  resolve: (lines: { untagged: (string | Buffer)[][]; status: string }) => void;
  reject: (error: Error) => void;
  untagged: (string | Buffer)[][];
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export class ImapClient {
  private socket: net.Socket | null = null;
  private buffer = Buffer.alloc(0);
  private current: (string | Buffer)[] = [];
  private pending: Pending | null = null;
  private greeting: ((ok: boolean) => void) | null = null;
  private counter = 0;

  constructor(private readonly settings: ImapSettings) {}

  async connect(signal?: AbortSignal): Promise<void> {
    const { host, port } = this.settings;
    const socket = this.settings.tls
      ? tls.connect({ host, port, servername: host })
      : net.connect({ host, port });
    this.socket = socket;
    socket.setTimeout(30_000, () => socket.destroy(new ImapError('IMAP connection timed out')));
    signal?.addEventListener('abort', () => socket.destroy(), { once: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new ImapError('IMAP connection closed')));
    await new Promise<void>((resolve, reject) => {
      this.greeting = (ok) => (ok ? resolve() : reject(new ImapError('IMAP server refused the connection')));
      socket.once('error', reject);
    });
    await this.command(`LOGIN ${quote(this.settings.user)} ${quote(this.settings.password)}`);
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
    this.greeting?.(false);
  }

  /** Splits the stream into lines, reading `{n}` literals as raw bytes. */
  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) return;
      const line = this.buffer.subarray(0, end).toString('utf8');
      const literal = /\{(\d+)\}$/.exec(line);
      if (literal) {
        const size = Number(literal[1]);
        if (this.buffer.length < end + 2 + size) return;
        this.current.push(line, this.buffer.subarray(end + 2, end + 2 + size));
        this.buffer = this.buffer.subarray(end + 2 + size);
        continue;
      }
      this.buffer = this.buffer.subarray(end + 2);
      this.current.push(line);
      this.onLine(this.current);
      this.current = [];
    }
  }

  private onLine(parts: (string | Buffer)[]): void {
    const first = String(parts[0]);
    if (this.greeting) {
      const greet = this.greeting;
      this.greeting = null;
      greet(first.startsWith('* OK') || first.startsWith('* PREAUTH'));
      return;
    }
    const pending = this.pending;
    if (!pending) return;
    if (first.startsWith('* ')) pending.untagged.push(parts);
    else if (first.startsWith(`${pending.tag} `)) {
      this.pending = null;
      const status = first.slice(pending.tag.length + 1);
      if (status.startsWith('OK')) pending.resolve({ untagged: pending.untagged, status });
      else pending.reject(new ImapError(`IMAP ${status}`));
    }
  }

  command(text: string): Promise<{ untagged: (string | Buffer)[][]; status: string }> {
    if (!this.socket) throw new ImapError('not connected');
    if (this.pending) throw new ImapError('one IMAP command at a time');
    const tag = `A${++this.counter}`;
    return new Promise((resolve, reject) => {
      this.pending = { tag, resolve, reject, untagged: [] };
      this.socket!.write(`${tag} ${text}\r\n`);
    });
  }

  /** SELECT; returns the mailbox's UIDVALIDITY. */
  async select(mailbox: string): Promise<string> {
    const { untagged, status } = await this.command(`SELECT ${quote(mailbox)}`);
    const all = [...untagged.map((p) => String(p[0])), status].join('\n');
    const validity = /UIDVALIDITY (\d+)/.exec(all)?.[1];
    if (!validity) throw new ImapError('no UIDVALIDITY in SELECT response');
    return validity;
  }

  async uidsAfter(uid: number): Promise<number[]> {
    const { untagged } = await this.command(`UID SEARCH UID ${uid + 1}:*`);
    const line = untagged.map((p) => String(p[0])).find((l) => l.startsWith('* SEARCH'));
    // `n:*` always includes the highest UID, even when it is below n.
    return (line?.slice('* SEARCH'.length).trim().split(/\s+/).filter(Boolean).map(Number) ?? [])
      .filter((u) => u > uid)
      .sort((a, b) => a - b);
  }

  async fetch(uid: number): Promise<Buffer> {
    const { untagged } = await this.command(`UID FETCH ${uid} (UID BODY.PEEK[])`);
    const literal = untagged.flat().find((p): p is Buffer => Buffer.isBuffer(p));
    if (!literal) throw new ImapError(`message ${uid} has no body`);
    return literal;
  }

  async logout(): Promise<void> {
    try {
      if (this.socket && !this.socket.destroyed) await this.command('LOGOUT').catch(() => {});
    } finally {
      this.socket?.destroy();
      this.socket = null;
    }
  }
}
