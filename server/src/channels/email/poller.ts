/**
 * IMAP inbound for e-mail accounts (`settings.imap = { host, port, tls, user, password, mailbox }`,
 * `settings.pollIntervalMs`, default 30 s). Each poll reads the messages above the saved UID
 * (cursor `UIDVALIDITY:UID`, reset when the mailbox's UIDVALIDITY changes — the Message-ID dedupe
 * then absorbs repeats) and records each as a message: a reply (In-Reply-To/References naming a
 * known Message-ID) feeds that conversation, anything else starts a thread of its own. E-mail
 * creates incidents or feeds threads, never a formal appeal (547-FZ: plain e-mail is not an
 * identified electronic appeal).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/pool';
import { type ChannelDeps, ingestEvent } from '../pipeline';
import { type PollingAdapter, readCursor, saveCursor, sleep } from '../polling';
import type { ChannelAccount } from '../types';
import { ImapClient, type ImapSettings } from './imap';
import { type ParsedMail, parseMail } from './mime';

const perPoll = 50;

function imapSettings(account: ChannelAccount): ImapSettings {
  const s = (account.settings.imap ?? {}) as Partial<ImapSettings>;
  if (!s.host || !s.user) throw new Error(`e-mail account ${account.id} has no settings.imap.host/user`);
  return {
    host: s.host,
    port: Number(s.port ?? 993),
    tls: s.tls ?? true,
    user: s.user,
    password: s.password ?? account.apiToken ?? '',
    mailbox: s.mailbox ?? 'INBOX',
  };
}

/** Outbound mail (the outbox) calls this with its own Message-ID so replies thread onto the conversation. */
export async function rememberEmailMessageId(
  db: Queryable,
  channelAccountId: string,
  messageId: string,
  conversationId: string,
  /** `in`: the citizen's mail; `out`: our answer (server/src/outbox/email-threads.ts). */
  direction: 'in' | 'out' = 'in',
): Promise<void> {
  await db.query(
    `INSERT INTO email_threads (channel_account_id, message_id, conversation_id, direction) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [channelAccountId, messageId.replace(/^<|>$/g, ''), conversationId, direction],
  );
}

/** The chat id of the conversation a reply belongs to, if it names a known message. */
async function threadChatId(
  db: Queryable,
  account: ChannelAccount,
  mail: ParsedMail,
): Promise<string | null> {
  const referenced = [...mail.inReplyTo, ...[...mail.references].reverse()];
  if (referenced.length === 0) return null;
  const result = await db.query<{ chat_id: string }>(
    `SELECT c.chat_id FROM email_threads t JOIN intake_conversations c ON c.id = t.conversation_id
      WHERE t.channel_account_id = $1 AND t.message_id = ANY($2::text[])
      ORDER BY array_position($2::text[], t.message_id) LIMIT 1`,
    [account.id, referenced],
  );
  return result.rows[0]?.chat_id ?? null;
}

export async function ingestMail(
  deps: ChannelDeps,
  account: ChannelAccount,
  raw: Buffer,
  uid: string,
): Promise<void> {
  const mail = parseMail(raw);
  if (!mail.from) return;
  const externalId = mail.messageId
    ? `msgid:${mail.messageId}`
    : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const chatId = (await threadChatId(deps.db, account, mail)) ?? `thread:${mail.messageId ?? externalId}`;
  const text = [mail.subject && !/^(re|fwd?|ответ):/i.test(mail.subject) ? mail.subject : '', mail.text]
    .filter(Boolean)
    .join('\n\n');
  const payload = JSON.stringify({
    uid,
    messageId: mail.messageId,
    from: mail.from.address,
    rfc822: raw.toString('base64'),
  });
  const result = await ingestEvent(deps, account, payload, {
    kind: 'message',
    externalId,
    message: {
      peer: {
        accountId: mail.from.address,
        chatId,
        ...(mail.from.name ? { displayName: mail.from.name } : {}),
      },
      externalMessageId: mail.messageId ?? externalId,
      text,
      receivedAt: mail.date ?? Date.now(),
    },
    attachments: mail.attachments.map((a) => ({ name: a.name, mimeType: a.mimeType, bytes: a.bytes })),
  });
  const conversationId = result.recorded?.conversationId;
  if (conversationId && mail.messageId)
    await rememberEmailMessageId(deps.db, account.id, mail.messageId, conversationId);
  result.afterAck();
}

export const emailPolling: PollingAdapter = {
  async pollOnce(deps: ChannelDeps, account: ChannelAccount, _state, signal: AbortSignal) {
    const settings = imapSettings(account);
    const client = new ImapClient(settings);
    try {
      await client.connect(signal);
      const validity = await client.select(settings.mailbox);
      const cursorName = `imap:${settings.mailbox}`;
      const [savedValidity, savedUid] = (await readCursor(deps.db, account.id, cursorName)).split(':');
      let last = savedValidity === validity ? Number(savedUid ?? 0) : 0;
      for (const uid of (await client.uidsAfter(last)).slice(0, perPoll)) {
        if (signal.aborted) break;
        await ingestMail(deps, account, await client.fetch(uid), `${validity}:${uid}`);
        last = uid;
        await saveCursor(deps.db, account.id, cursorName, `${validity}:${last}`);
      }
    } finally {
      await client.logout();
    }
    await sleep(Number(account.settings.pollIntervalMs ?? 30_000), signal);
  },
};
