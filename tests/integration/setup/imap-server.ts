/**
 * A real IMAP server for e-mail tests: Debian's Dovecot (`apt-get install -y dovecot-imapd`; .ci/run
 * installs it), started per test file in the foreground with a throwaway configuration, mail
 * directory and port on 127.0.0.1, and stopped by its pid. Chosen over the `hoodiecrow-imap` npm
 * package (a real but unmaintained server, last released years ago) because Dovecot is what mailboxes
 * run on and it starts here in about 30 ms (measured: first greeting 29 ms after spawn).
 *
 * Mail is put in with IMAP APPEND (imapflow), as another mail client would; UIDVALIDITY is changed
 * with doveadm, as an administrator restoring a mailbox would.
 *
 *   const imap = await startImapServer();
 *   settings.imap = { host: imap.host, port: imap.port, tls: false, user: imap.user, password: imap.password };
 *   await imap.append(rawMessage);
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { testCertificate } from './test-certificate';

const dovecot = '/usr/sbin/dovecot';
const doveadm = '/usr/bin/doveadm';
const run = promisify(execFile);

export interface TestImapServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The certificate STARTTLS presents (PEM), for `settings.imap.ca`. */
  ca: string;
  /** Dovecot's log so far (its login lines say `TLS` for a connection upgraded by STARTTLS). */
  log(): string;
  /** Puts a message (raw RFC 5322) into the mailbox; returns its UID. */
  append(raw: string | Buffer, mailbox?: string): Promise<number>;
  /** The flags of every message in the mailbox, by UID (to see that polling left them unseen). */
  flags(mailbox?: string): Promise<Map<number, Set<string>>>;
  /** Sets the mailbox's UIDVALIDITY (doveadm), as a restored or recreated mailbox has a new one. */
  setUidValidity(value: number, mailbox?: string): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The user Dovecot accesses mail as: an unprivileged system user when we are root, else ourselves. */
async function mailUser(): Promise<{ uid: number; gid: number; extra: string[] }> {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return {
      uid: me.uid,
      gid: me.gid,
      extra: [`default_internal_user = ${me.username}`, `default_login_user = ${me.username}`],
    };
  }
  const id = async (flag: string) => Number((await run('id', [flag, 'dovenull'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g'), extra: [] };
}

function config(
  dir: string,
  port: number,
  user: { uid: number; gid: number; extra: string[] },
  password: string,
  starttls: boolean,
) {
  return [
    'protocols = imap',
    'listen = 127.0.0.1',
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `instance_name = okno-test-${port}`,
    'log_path = /dev/stderr',
    ...(starttls ? ['ssl = yes', `ssl_cert = <${dir}/cert.pem`, `ssl_key = <${dir}/key.pem`] : ['ssl = no']),
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    'first_valid_uid = 1',
    `mail_location = maildir:${dir}/mail/%u`,
    ...user.extra,
    'passdb {',
    '  driver = static',
    `  args = password=${password}`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${user.uid} gid=${user.gid}`,
    '}',
    'service imap-login {',
    '  chroot =',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
    '',
  ].join('\n');
}

export interface ImapServerOptions {
  /** Offer STARTTLS with the run's self-signed certificate (./test-certificate.ts; `ca` to trust it). */
  starttls?: boolean;
}

export async function startImapServer(options: ImapServerOptions = {}): Promise<TestImapServer> {
  if (!existsSync(dovecot))
    throw new Error('Dovecot is not installed: apt-get install -y dovecot-imapd (.ci/run installs it)');
  const user = 'priemnaya';
  const password = 'imap-test-password';
  const owner = await mailUser();
  const starttls = options.starttls === true;
  const certificate = testCertificate();
  // A port picked free can be taken before Dovecot binds it (other test processes): try again.
  for (let attempt = 1; ; attempt++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'okno-dovecot-'));
    // The mail user (dovenull when we are root) must reach and write the mail directory.
    await chmod(dir, 0o711);
    await mkdir(path.join(dir, 'mail'));
    await chmod(path.join(dir, 'mail'), 0o777);
    const port = await freePort();
    const configFile = path.join(dir, 'dovecot.conf');
    await writeFile(configFile, config(dir, port, owner, password, starttls));
    if (starttls) {
      await writeFile(path.join(dir, 'cert.pem'), certificate.cert);
      await writeFile(path.join(dir, 'key.pem'), certificate.key, { mode: 0o600 });
    }
    const child: ChildProcess = spawn(dovecot, ['-F', '-c', configFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let ready = false;
    for (const started = Date.now(); Date.now() - started < 5_000 && child.exitCode === null; ) {
      if (await canConnect(port)) {
        ready = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!ready) {
      child.kill('SIGKILL');
      await exited;
      await rm(dir, { recursive: true, force: true });
      if (attempt < 3) continue;
      throw new Error(`Dovecot did not start:\n${log}`);
    }
    const client = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
      const imap = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user, pass: password },
        tls: { ca: certificate.cert },
        logger: false,
      });
      await imap.connect();
      try {
        return await work(imap);
      } finally {
        await imap.logout();
      }
    };
    return {
      host: '127.0.0.1',
      port,
      user,
      password,
      ca: certificate.cert,
      log: () => log,
      append: (raw, mailbox = 'INBOX') =>
        client(async (imap) => {
          const appended = await imap.append(mailbox, raw);
          const uid = appended === false ? undefined : appended.uid;
          if (!uid) throw new Error('APPEND returned no UID');
          return uid;
        }),
      flags: (mailbox = 'INBOX') =>
        client(async (imap) => {
          await imap.mailboxOpen(mailbox, { readOnly: true });
          const flags = new Map<number, Set<string>>();
          for await (const message of imap.fetch('1:*', { uid: true, flags: true }))
            flags.set(message.uid, message.flags ?? new Set());
          return flags;
        }),
      async setUidValidity(value, mailbox = 'INBOX') {
        await run(doveadm, [
          '-c',
          configFile,
          'mailbox',
          'update',
          '-u',
          user,
          '--uid-validity',
          String(value),
          mailbox,
        ]);
      },
      async close() {
        child.kill('SIGTERM');
        await exited;
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
