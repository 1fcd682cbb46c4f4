/**
 * One inbound mail → a message in the inbox. mailparser reads the MIME (headers with encoded words,
 * nested multiparts, base64 / quoted-printable, any charset iconv-lite knows — windows-1251, koi8-r…;
 * an HTML-only mail becomes text through html-to-text). A reply (In-Reply-To / References naming a
 * known Message-ID, ./threads.ts) feeds that conversation; anything else starts a thread of its own.
 * E-mail creates incidents or feeds threads, never a formal appeal (547-FZ: plain e-mail is not an
 * identified electronic appeal).
 */
import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { type ChannelDeps, ingestEvent } from '../pipeline';
import type { ChannelAccount } from '../types';
import { rememberEmailMessageId, threadChatId } from './threads';

interface InboundMail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: { address: string; name: string } | null;
  subject: string;
  date: number | null;
  text: string;
  attachments: { name: string; mimeType: string; bytes: Buffer }[];
}

/** Message-IDs without their angle brackets, as the threads table keeps them. */
const ids = (value: string | string[] | undefined) =>
  [value ?? []].flat().flatMap((v) => [...v.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!));

async function readMail(raw: Buffer): Promise<InboundMail> {
  const mail = await simpleParser(raw);
  const sender = mail.from?.value.find((a) => a.address);
  const address = sender?.address?.toLowerCase();
  const name = sender?.name ?? '';
  return {
    messageId: ids(mail.messageId)[0] ?? null,
    inReplyTo: ids(mail.inReplyTo),
    references: ids(mail.references),
    from: address ? { address, name: name.toLowerCase() === address ? '' : name } : null,
    subject: mail.subject ?? '',
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.getTime() : null,
    text: (mail.text ?? '').replace(/\r\n/g, '\n').trim(),
    attachments: mail.attachments.map((a) => ({
      name: a.filename ?? 'attachment',
      mimeType: a.contentType,
      bytes: a.content,
    })),
  };
}

export async function ingestMail(
  deps: ChannelDeps,
  account: ChannelAccount,
  raw: Buffer,
  uid: string,
): Promise<void> {
  const mail = await readMail(raw);
  if (!mail.from) return;
  const externalId = mail.messageId
    ? `msgid:${mail.messageId}`
    : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const chatId = (await threadChatId(deps.db, account.id, mail)) ?? `thread:${mail.messageId ?? externalId}`;
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
    attachments: mail.attachments,
  });
  const conversationId = result.recorded?.conversationId;
  if (conversationId && mail.messageId)
    await rememberEmailMessageId(deps.db, account.id, mail.messageId, conversationId);
  result.afterAck();
}
