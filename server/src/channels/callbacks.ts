/**
 * A callback button press is answered as its network requires, or the citizen's app keeps a
 * spinner on the button: Telegram `answerCallbackQuery`, MAX `POST /answers?callback_id=…`, VK
 * `messages.sendMessageEventAnswer`, OK `POST /graph/chat:ID/answer?callbackId=…` (docs/CHANNELS.md).
 * The answer carries nothing of its own: the bot's reply follows as an ordinary message. OK requires
 * a message in its answer; it gets the pressed label (the payload of Okno's OK buttons), so the
 * chat shows the citizen's choice (⚠ whether OK shows it as a new message or in place of the
 * keyboard's message is not documented).
 */
import type { InboundPeer } from '../intake/types';
import { request } from '../outbox/sending';
import { tgCall } from './telegram/api';
import type { ChannelAccount } from './types';
import { vkCall } from './vk/api';

export async function acknowledgeCallback(
  account: ChannelAccount,
  press: { peer: InboundPeer; callbackId: string; payload?: string | null },
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
    case 'ok': {
      const chat = press.peer.chatId.startsWith('chat:') ? press.peer.chatId : `chat:${press.peer.chatId}`;
      const query = new URLSearchParams({
        access_token: account.apiToken ?? '',
        callbackId: press.callbackId,
      });
      const response = await request(
        `${account.apiBaseUrl}/graph/${chat}/answer?${query}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=utf-8' },
          body: JSON.stringify({ message: { text: press.payload || '✓' } }),
        },
        AbortSignal.timeout(5_000),
      );
      const body = (await response.json().catch(() => ({}))) as { error_code?: unknown; error_msg?: unknown };
      if (!response.ok || typeof body.error_code === 'number')
        throw new Error(
          `OK graph.chat.answer: HTTP ${response.status} ${String(body.error_msg ?? '')}`.trim(),
        );
      return;
    }
    default:
      return;
  }
}
