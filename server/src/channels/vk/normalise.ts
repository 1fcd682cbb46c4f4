/**
 * VK Callback / Bots Long Poll events (docs/CHANNELS.md §1.2–1.3) → normalised events. Dedupe key:
 * `event_id`. Forwards (seed condition 6): a `message_new` from a configured administrator that
 * carries `fwd_messages` is recorded as the ORIGINAL author's message in the author's own dialog
 * (peer_id = user id in a private dialog) and the bot is asked to invite the author; from anyone
 * else the forwarded texts are part of that person's own message.
 */
import { createHash } from 'node:crypto';
import type { RemoteAttachment } from '../attachments';
import type { NormalisedEvent } from '../events';
import { isObject, type Json, objectsOf, textOf } from '../json-shapes';
import type { ChannelAccount } from '../types';
import { vkUserNames } from './api';
import { isVkCommentEvent, normaliseVkComment } from './comments';

/** `peer_id` = the user's id in a dialog with the community, 2000000000 + chat id in a conversation. */
const groupChat = (peerId: unknown) => (Number(peerId) >= 2_000_000_000 ? { groupChat: true } : {});

function vkEventId(event: Json, raw: string): string {
  return typeof event.event_id === 'string' && event.event_id !== ''
    ? event.event_id
    : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

function largestPhotoUrl(photo: Json): string | undefined {
  const best = objectsOf(photo.sizes).sort(
    (a, b) => Number(b.width ?? 0) * Number(b.height ?? 0) - Number(a.width ?? 0) * Number(a.height ?? 0),
  )[0];
  return typeof best?.url === 'string' ? best.url : undefined;
}

function vkAttachments(list: unknown): RemoteAttachment[] {
  const files: RemoteAttachment[] = [];
  for (const item of objectsOf(list)) {
    if (item.type === 'photo' && isObject(item.photo)) {
      const url = largestPhotoUrl(item.photo);
      if (url)
        files.push({
          name: `photo${String(item.photo.owner_id)}_${String(item.photo.id)}.jpg`,
          mimeType: 'image/jpeg',
          url,
        });
    } else if (item.type === 'doc' && isObject(item.doc) && typeof item.doc.url === 'string') {
      const title = String(item.doc.title ?? 'document');
      const ext = String(item.doc.ext ?? '');
      files.push({
        name: ext && !title.toLowerCase().endsWith(`.${ext.toLowerCase()}`) ? `${title}.${ext}` : title,
        url: item.doc.url,
        ...(typeof item.doc.size === 'number' ? { declaredSize: item.doc.size } : {}),
      });
    }
  }
  return files;
}

function quoted(messages: Json[]): string {
  return messages
    .map((m) => textOf(m.text).trim())
    .filter(Boolean)
    .map((t) =>
      t
        .split('\n')
        .map((line) => `» ${line}`)
        .join('\n'),
    )
    .join('\n');
}

function messageEvent(account: ChannelAccount, externalId: string, m: Json): NormalisedEvent {
  const fromId = String(m.from_id ?? '');
  const receivedAt = typeof m.date === 'number' ? m.date * 1000 : Date.now();
  const forwards = objectsOf(m.fwd_messages);
  const author = forwards[0]?.from_id;
  if (account.administrators.includes(fromId) && typeof author === 'number' && author > 0) {
    const fromAuthor = forwards.filter((f) => f.from_id === author);
    return {
      kind: 'message',
      externalId,
      message: {
        peer: { accountId: String(author), chatId: String(author) },
        externalMessageId: String(m.id ?? externalId),
        text: fromAuthor.map((f) => textOf(f.text)).join('\n\n'),
        receivedAt,
        forwardedFrom: { accountId: fromId },
      },
      attachments: fromAuthor.flatMap((f) => vkAttachments(f.attachments)),
      invite: { forwardedBy: { accountId: fromId, chatId: String(m.peer_id ?? fromId) } },
    };
  }
  const text = [textOf(m.text), quoted(forwards)].filter(Boolean).join('\n');
  return {
    kind: 'message',
    externalId,
    message: {
      peer: { accountId: fromId, chatId: String(m.peer_id ?? fromId), ...groupChat(m.peer_id) },
      externalMessageId: String(m.id ?? externalId),
      text,
      receivedAt,
    },
    attachments: [...vkAttachments(m.attachments), ...forwards.flatMap((f) => vkAttachments(f.attachments))],
  };
}

export function normaliseVkEvent(account: ChannelAccount, event: Json, raw: string): NormalisedEvent {
  const externalId = vkEventId(event, raw);
  const object = isObject(event.object) ? event.object : {};
  switch (event.type) {
    case 'message_new': {
      // v5.199: { message, client_info }; older API versions put the message itself in `object`.
      const message = isObject(object.message) ? object.message : object;
      if (message.from_id === undefined) return { kind: 'ignored', externalId, reason: 'no-sender' };
      if (Number(message.from_id) < 0) return { kind: 'ignored', externalId, reason: 'from-community' };
      return messageEvent(account, externalId, message);
    }
    case 'message_edit': {
      // The message as it is now (`messages_message`, `update_time`); the community's own are ours.
      if (Number(object.out) === 1 || Number(object.from_id) < 0 || object.id === undefined)
        return { kind: 'ignored', externalId, reason: 'message_edit-own' };
      return {
        kind: 'edit',
        externalId,
        chatId: String(object.peer_id ?? object.from_id),
        externalMessageId: String(object.id),
        text: [textOf(object.text), quoted(objectsOf(object.fwd_messages))].filter(Boolean).join('\n'),
        editedAt: typeof object.update_time === 'number' ? object.update_time * 1000 : Date.now(),
      };
    }
    case 'message_reply': {
      // The community's outgoing message. Okno's own sends come back here too, without
      // `admin_author_id`; with it, an administrator wrote in VK's community messages.
      const admin = object.admin_author_id;
      if (typeof admin !== 'number' || admin <= 0 || object.peer_id === undefined)
        return { kind: 'ignored', externalId, reason: 'message_reply-own' };
      return {
        kind: 'network-answer',
        externalId,
        chatId: String(object.peer_id),
        externalMessageId: String(object.id ?? externalId),
        text: textOf(object.text),
        postedAt: typeof object.date === 'number' ? object.date * 1000 : Date.now(),
        administrator: { accountId: String(admin) },
      };
    }
    case 'message_event':
      return {
        kind: 'callback',
        externalId,
        peer: {
          accountId: String(object.user_id ?? ''),
          chatId: String(object.peer_id ?? object.user_id ?? ''),
          ...groupChat(object.peer_id),
        },
        payload:
          object.payload === undefined
            ? null
            : typeof object.payload === 'string'
              ? object.payload
              : JSON.stringify(object.payload),
        ...(typeof object.event_id === 'string' ? { callbackId: object.event_id } : {}),
      };
    case 'message_allow':
      return {
        kind: 'started',
        externalId,
        peer: { accountId: String(object.user_id ?? ''), chatId: String(object.user_id ?? '') },
        payload: typeof object.key === 'string' ? object.key : null,
      };
    case 'message_deny':
      return {
        kind: 'stopped',
        externalId,
        peer: { accountId: String(object.user_id ?? ''), chatId: String(object.user_id ?? '') },
      };
    case 'message_read': {
      const upTo = object.read_message_id;
      if (!Number.isSafeInteger(upTo) || object.peer_id === undefined)
        return { kind: 'ignored', externalId, reason: 'message_read-incomplete' };
      return { kind: 'read', externalId, chatId: String(object.peer_id), upToNetworkMessageId: String(upTo) };
    }
    default:
      if (isVkCommentEvent(event.type))
        return normaliseVkComment(account, externalId, String(event.type), object, vkAttachments);
      return { kind: 'ignored', externalId, reason: String(event.type ?? 'unknown') };
  }
}

/** Adds VK profile names (users.get, cached) before the event is written. */
export async function withVkNames(account: ChannelAccount, event: NormalisedEvent): Promise<NormalisedEvent> {
  if (event.kind === 'network-answer') {
    const name = (await vkUserNames(account, [event.administrator.accountId])).get(
      event.administrator.accountId,
    );
    return name ? { ...event, administrator: { ...event.administrator, displayName: name } } : event;
  }
  if (event.kind !== 'message') return event;
  const ids = [
    event.message.peer.accountId,
    ...(event.message.forwardedFrom?.accountId ? [event.message.forwardedFrom.accountId] : []),
  ];
  const names = await vkUserNames(account, ids);
  const authorName = names.get(event.message.peer.accountId);
  const forwarder = event.message.forwardedFrom?.accountId;
  return {
    ...event,
    message: {
      ...event.message,
      peer: { ...event.message.peer, ...(authorName ? { displayName: authorName } : {}) },
      ...(event.message.forwardedFrom && forwarder
        ? {
            forwardedFrom: {
              ...event.message.forwardedFrom,
              ...(names.get(forwarder) ? { displayName: names.get(forwarder) } : {}),
            },
          }
        : {}),
    },
    ...(event.invite && forwarder
      ? {
          invite: {
            forwardedBy: {
              ...event.invite.forwardedBy,
              ...(names.get(forwarder) ? { displayName: names.get(forwarder) } : {}),
            },
          },
        }
      : {}),
  };
}
