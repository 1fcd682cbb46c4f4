/**
 * Telegram getUpdates (docs/CHANNELS.md §3), the alternative to the webhook: `offset` = last committed
 * update_id + 1 acknowledges everything before it, so the offset is saved only after the updates
 * are committed.
 */
import { readNetworkEvent } from '../http';
import { objectsOf } from '../json-shapes';
import { type ChannelDeps, ingestEvent } from '../pipeline';
import { type PollingAdapter, readCursor, saveCursor } from '../polling';
import type { ChannelAccount } from '../types';
import { tgCall } from './api';
import { normaliseTelegramUpdate } from './normalise';

export const telegramPolling: PollingAdapter = {
  async pollOnce(deps: ChannelDeps, account: ChannelAccount, _state, signal: AbortSignal) {
    const offset = Number((await readCursor(deps.db, account.id, 'offset')) || 0);
    const timeout = Number(account.settings.longPollWaitSeconds ?? 25);
    const updates = await tgCall<Record<string, unknown>[]>(
      account,
      'getUpdates',
      { ...(offset ? { offset } : {}), timeout, limit: 100 },
      AbortSignal.any([signal, AbortSignal.timeout((timeout + 10) * 1000)]),
    );
    let next = offset;
    for (const update of objectsOf(updates)) {
      const text = JSON.stringify(update);
      const event = readNetworkEvent(deps.log, text, () => normaliseTelegramUpdate(account, update));
      const result = await ingestEvent(deps, account, text, event);
      result.afterAck();
      next = Math.max(next, Number(update.update_id) + 1);
    }
    if (next !== offset) await saveCursor(deps.db, account.id, 'offset', String(next));
  },
};
