/**
 * A callback button press is answered as its network requires, or the citizen's app keeps a
 * spinner on the button: Telegram `answerCallbackQuery`, MAX `POST /answers?callback_id=…`, VK
 * `messages.sendMessageEventAnswer` (docs/CHANNELS.md). The answer carries nothing: the bot's reply
 * follows as an ordinary message. OK has no callback buttons.
 */
import type { InboundPeer } from '../intake/types';
import { request } from '../outbox/sending';
import { tgCall } from './telegram/api';
import type { ChannelAccount } from './types';
import { vkCall } from './vk/api';

export async function acknowledgeCallback(
  account: ChannelAccount,
  press: { peer: InboundPeer; callbackId: string },
): Promise<void> {
  switch (account.network) {
    case 'telegram':
      await tgCall(account, 'answerCallbackQuery', { callback_query_id: press.callbackId });
      return;
    case 'vk':
      await vkCall(account, 'messages.sendMessageEventAnswer', {
        event_id: press.callbackId,
        user_id: press.peer.accountId,
        peer_id: press.peer.chatId,
      });
      return;
    case 'max': {
      const query = new URLSearchParams({ callback_id: press.callbackId });
      const response = await request(
        `${account.apiBaseUrl}/answers?${query}`,
        {
          method: 'POST',
          headers: { authorization: account.apiToken ?? '', 'content-type': 'application/json' },
          body: JSON.stringify({ notification: null }),
        },
        AbortSignal.timeout(5_000),
      );
      if (!response.ok) throw new Error(`MAX POST /answers: HTTP ${response.status}`);
      return;
    }
    default:
      return;
  }
}
