/**
 * The link a group chat is pointed to (finding 2): the citizen's private chat with the bot.
 * `settings.privateChatUrl` of the channel account wins; otherwise VK's community dialog is known
 * from the group id, and Telegram's and MAX's from the bot's username (getMe / GET /me, asked once
 * per account and process). OK has no group chats. No link when the network does not answer:
 * the line then says where to go without it.
 */
import { askBotIdentity, botUsernameOf } from '../channels/bot-identity';
import type { ChannelAccount } from '../channels/types';

const usernames = new Map<string, string>();

export async function privateChatLink(account: ChannelAccount): Promise<string | null> {
  const configured = account.settings.privateChatUrl;
  if (typeof configured === 'string' && /^https:\/\//.test(configured)) return configured;
  switch (account.network) {
    case 'vk':
      return `https://vk.me/club${account.accountId}`;
    case 'telegram': {
      const username = await botUsername(account);
      return username ? `https://t.me/${username}` : null;
    }
    case 'max': {
      const username = await botUsername(account);
      return username ? `https://max.ru/${username}` : null;
    }
    default:
      return null;
  }
}

async function botUsername(account: ChannelAccount): Promise<string | null> {
  const known = usernames.get(account.id);
  if (known) return known;
  try {
    const username = botUsernameOf(
      account.network,
      await askBotIdentity(account, account.apiToken ?? '', 3_000),
    );
    if (username) usernames.set(account.id, username);
    return username;
  } catch {
    return null;
  }
}
