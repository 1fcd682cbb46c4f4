/**
 * IMAP inbound for e-mail accounts through imapflow (`settings.imap = { host, port, tls, user,
 * password, mailbox, ca }`, `settings.pollIntervalMs`, default 30 s). `tls` is TLS from the first byte
 * (port 993, the default); without it imapflow upgrades with STARTTLS whenever the server offers it.
 * `ca` is a PEM certificate to trust for a server with a private CA.
 *
 * Each poll opens the mailbox read-only (EXAMINE: the messages stay unseen for the people reading the
 * mailbox), reads the messages above the saved UID (cursor `UIDVALIDITY:UID`, reset when the
 * mailbox's UIDVALIDITY changes — the Message-ID dedupe then absorbs repeats) and records each one
 * (./receive.ts), saving the cursor after each.
 */
import { ImapFlow } from 'imapflow';
import type { ChannelDeps } from '../pipeline';
import { type PollingAdapter, readCursor, saveCursor, sleep } from '../polling';
import type { ChannelAccount } from '../types';
import { ingestMail } from './receive';

const perPoll = 50;
const timeoutMs = 30_000;

interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  mailbox: string;
  ca?: string;
}

/** The account's IMAP settings; throws when the host or user is missing. */
export function imapSettings(account: ChannelAccount): ImapSettings {
  const s = (account.settings.imap ?? {}) as Partial<ImapSettings>;
  if (!s.host || !s.user) throw new Error(`e-mail account ${account.id} has no settings.imap.host/user`);
  return {
    host: s.host,
    port: Number(s.port ?? 993),
    tls: s.tls ?? true,
    user: s.user,
    password: s.password ?? account.apiToken ?? '',
    mailbox: s.mailbox ?? 'INBOX',
    ...(typeof s.ca === 'string' && s.ca ? { ca: s.ca } : {}),
  };
}

/** The one IMAP client setup, for the poller and «Проверить подключение» (admin/channel-check.ts). */
export function imapClient(settings: ImapSettings, timeout = timeoutMs): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    auth: { user: settings.user, pass: settings.password },
    ...(settings.ca ? { tls: { ca: settings.ca } } : {}),
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
}

export const emailPolling: PollingAdapter = {
  async pollOnce(deps: ChannelDeps, account: ChannelAccount, _state, signal: AbortSignal) {
    const settings = imapSettings(account);
    const client = imapClient(settings);
    // imapflow emits connection errors as events too; the awaited command rejects with them.
    client.on('error', () => {});
    const abort = () => client.close();
    signal.addEventListener('abort', abort, { once: true });
    try {
      await client.connect();
      const mailbox = await client.mailboxOpen(settings.mailbox, { readOnly: true });
      const validity = String(mailbox.uidValidity);
      const cursorName = `imap:${settings.mailbox}`;
      const [savedValidity, savedUid] = (await readCursor(deps.db, account.id, cursorName)).split(':');
      let last = savedValidity === validity ? Number(savedUid ?? 0) : 0;
      // `n:*` always includes the highest UID, even when it is below n.
      const found = (await client.search({ uid: `${last + 1}:*` }, { uid: true })) || [];
      const uids = found.filter((uid) => uid > last).sort((a, b) => a - b);
      for (const uid of uids.slice(0, perPoll)) {
        if (signal.aborted) break;
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const source = message === false ? undefined : message.source;
        if (!source) throw new Error(`IMAP message ${uid} has no body`);
        await ingestMail(deps, account, source, `${validity}:${uid}`);
        last = uid;
        await saveCursor(deps.db, account.id, cursorName, `${validity}:${last}`);
      }
    } finally {
      signal.removeEventListener('abort', abort);
      if (client.usable) await client.logout().catch(() => client.close());
      else client.close();
    }
    await sleep(Number(account.settings.pollIntervalMs ?? 30_000), signal);
  },
};
