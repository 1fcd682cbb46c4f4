/**
 * A minimal IMAP4rev1 server fake (RFC 3501 subset) for inbound e-mail tests: one user, one or more
 * mailboxes with UIDs and a UIDVALIDITY; CAPABILITY, LOGIN, SELECT/EXAMINE, UID SEARCH UID n:*,
 * UID FETCH … BODY.PEEK[] / BODY[] / RFC822 (as a literal), NOOP, LOGOUT. Records every command.
 * Not emulated: STARTTLS/TLS, AUTHENTICATE, flags, IDLE, sequence-number commands.
 */
import net from 'node:net';

export interface ImapFakeOptions {
  user?: string;
  password?: string;
}

interface Mailbox {
  uidValidity: number;
  nextUid: number;
  messages: { uid: number; raw: Buffer }[];
}

export interface ImapFake {
  host: string;
  port: number;
  user: string;
  password: string;
  commands: string[];
  /** Appends a message (RFC 822 text or bytes); returns its UID. */
  addMessage(raw: string | Buffer, mailbox?: string): number;
  /** Renumbers a mailbox (new UIDVALIDITY, UIDs from 1), as a server rebuilding its index does. */
  resetUidValidity(mailbox?: string): void;
  close(): Promise<void>;
}

export async function startImapFake(options: ImapFakeOptions = {}): Promise<ImapFake> {
  const user = options.user ?? 'inbox@admin.example.ru';
  const password = options.password ?? 'imap-password';
  const boxes = new Map<string, Mailbox>();
  const commands: string[] = [];
  const box = (name: string) => {
    let found = boxes.get(name.toUpperCase());
    if (!found) {
      found = { uidValidity: 1_700_000_000 + boxes.size, nextUid: 1, messages: [] };
      boxes.set(name.toUpperCase(), found);
    }
    return found;
  };
  box('INBOX');
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let authenticated = false;
    let selected: Mailbox | null = null;
    let pending = '';
    socket.write('* OK IMAP4rev1 fake ready\r\n');
    socket.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const [tag = '*', rawCommand = '', ...rest] = line.split(' ');
        const command = rawCommand.toUpperCase();
        const args = rest.join(' ');
        commands.push(command === 'LOGIN' ? 'LOGIN ***' : `${command} ${args}`.trim());
        const ok = (text = 'completed') => socket.write(`${tag} OK ${command} ${text}\r\n`);
        const no = (text: string) => socket.write(`${tag} NO ${text}\r\n`);
        const bad = (text: string) => socket.write(`${tag} BAD ${text}\r\n`);
        const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1').replace(/\\(["\\])/g, '$1');
        if (command === 'CAPABILITY') {
          socket.write('* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n');
          ok();
        } else if (command === 'NOOP') ok();
        else if (command === 'LOGOUT') {
          socket.write('* BYE logging out\r\n');
          ok();
          socket.end();
        } else if (command === 'LOGIN') {
          const match = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(args);
          if (match && unquote(match[1]!) === user && unquote(match[2]!) === password) {
            authenticated = true;
            ok();
          } else no('[AUTHENTICATIONFAILED] invalid credentials');
        } else if (!authenticated) bad('authenticate first');
        else if (command === 'SELECT' || command === 'EXAMINE') {
          selected = box(unquote(args));
          socket.write(`* ${selected.messages.length} EXISTS\r\n* 0 RECENT\r\n`);
          socket.write(
            `* OK [UIDVALIDITY ${selected.uidValidity}] UIDs valid\r\n* OK [UIDNEXT ${selected.nextUid}] next\r\n`,
          );
          ok('[READ-WRITE] completed');
        } else if (command === 'UID' && selected) {
          const [sub = '', ...subArgs] = args.split(' ');
          if (sub.toUpperCase() === 'SEARCH') {
            const range = /^UID (\d+):\*$/i.exec(subArgs.join(' '));
            if (!range) return bad('only UID SEARCH UID n:* is emulated');
            const from = Number(range[1]);
            const uids = selected.messages.map((m) => m.uid);
            const max = uids.at(-1);
            const hits = uids.filter((u) => u >= from);
            if (hits.length === 0 && max !== undefined) hits.push(max); // n:* includes the highest UID
            socket.write(`* SEARCH${hits.map((u) => ` ${u}`).join('')}\r\n`);
            ok();
          } else if (sub.toUpperCase() === 'FETCH') {
            const uid = Number(subArgs[0]);
            const message = selected.messages.find((m) => m.uid === uid);
            if (message) {
              const seq = selected.messages.indexOf(message) + 1;
              socket.write(`* ${seq} FETCH (UID ${uid} BODY[] {${message.raw.length}}\r\n`);
              socket.write(message.raw);
              socket.write(')\r\n');
            }
            ok();
          } else bad('unsupported UID command');
        } else bad('unsupported command');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    commands,
    addMessage(raw, mailbox = 'INBOX') {
      const target = box(mailbox);
      const uid = target.nextUid++;
      target.messages.push({
        uid,
        raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8'),
      });
      return uid;
    },
    resetUidValidity(mailbox = 'INBOX') {
      const target = box(mailbox);
      target.uidValidity += 1;
      target.messages = target.messages.map((m, i) => ({ uid: i + 1, raw: m.raw }));
      target.nextUid = target.messages.length + 1;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
