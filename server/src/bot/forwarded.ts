/**
 * Seed condition 6, issue 12: an administrator forwarded a citizen's message into the community's
 * or the bot's private messages. The channels recorded it as the author's own message in the
 * author's conversation; here the bot invites the author where the network lets a bot write first,
 * and tells the administrator, in one line in their own chat, that the appeal reached the inbox —
 * or, where the author cannot be written to first, to pass the private chat's link on.
 *
 * Who can be written to first (docs/CHANNELS.md): VK — a user who allowed the community's messages
 * (`messages.isMessagesFromGroupAllowed`; otherwise `messages.send` fails with 901); Telegram — a
 * user who started the bot (otherwise 403 "bot can't initiate conversation with a user"), which
 * Okno knows from the bot's session with that chat; MAX documents nothing (⚠): Okno tries, and a
 * refusal is recorded by the outbox as unreachable.
 */
import type { ChannelAccount, ForwardingAdministrator } from '../channels/types';
import { vkCall } from '../channels/vk/api';
import type { Queryable } from '../db/pool';
import type { OutboundMessage } from '../outbox/types';
import { privateChatLink } from './private-chat-link';
import { type BotLanguage, t } from './texts';
import type { BotInput } from './types';

/** Whether the bot may write to the author first (asked before the transaction: it may call the network). */
export async function mayWriteFirst(
  db: Queryable,
  account: ChannelAccount,
  author: BotInput,
): Promise<boolean> {
  switch (account.network) {
    case 'vk':
      try {
        const answer = await vkCall<{ is_allowed?: number }>(account, 'messages.isMessagesFromGroupAllowed', {
          group_id: account.accountId,
          user_id: author.userId,
        });
        return answer.is_allowed === 1;
      } catch {
        // Unknown: try; a refusal (901) is recorded by the outbox as unreachable.
        return true;
      }
    case 'telegram': {
      const started = await db.query(
        'SELECT 1 FROM bot_sessions WHERE network = $1 AND account_id = $2 AND peer_id = $3',
        ['telegram', author.accountId, author.chatId],
      );
      return (started.rowCount ?? 0) > 0;
    }
    default:
      return true;
  }
}

/** The one line for the administrator, in their own chat with the community or bot. */
export async function administratorNotice(
  account: ChannelAccount,
  author: BotInput,
  administrator: ForwardingAdministrator & { chatId: string },
  invited: boolean,
  language: BotLanguage,
): Promise<OutboundMessage> {
  const name = author.profileName || t(language, 'forwarded.someone');
  const link = invited ? null : await privateChatLink(account);
  const key = invited ? 'forwarded.invited' : link ? 'forwarded.notInvitedLink' : 'forwarded.notInvited';
  return {
    orgId: author.orgId,
    network: author.network,
    accountId: author.accountId,
    peerId: administrator.chatId,
    kind: 'bot',
    text: t(language, key, { author: name, link }),
    keyboard: null,
  };
}
