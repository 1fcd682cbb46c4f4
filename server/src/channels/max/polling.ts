/**
 * MAX long polling (GET /updates, docs/CHANNELS.md §4): passing `marker` acknowledges everything before
 * it, so the marker is saved only after the updates are committed. Token in `Authorization`.
 */
import { readNetworkEvent } from '../http';
import { objectsOf } from '../json-shapes';
import { type ChannelDeps, ingestEvent } from '../pipeline';
import { type PollingAdapter, readCursor, saveCursor } from '../polling';
import type { ChannelAccount } from '../types';
import { normaliseMaxUpdate } from './normalise';

export const maxPolling: PollingAdapter = {
  async pollOnce(deps: ChannelDeps, account: ChannelAccount, _state, signal: AbortSignal) {
    const marker = await readCursor(deps.db, account.id, 'marker');
    const timeout = Number(account.settings.longPollWaitSeconds ?? 25);
    const query = new URLSearchParams({ timeout: String(timeout), limit: '100' });
    if (marker) query.set('marker', marker);
    const response = await fetch(`${account.apiBaseUrl}/updates?${query}`, {
      headers: { authorization: account.apiToken ?? '' },
      signal: AbortSignal.any([signal, AbortSignal.timeout((timeout + 10) * 1000)]),
    });
    if (!response.ok) throw new Error(`MAX /updates answered ${response.status}`);
    // `marker` is a 64-bit number: keep its digits from the text, not from a rounded double.
    const text = await response.text();
    const answer = JSON.parse(text) as { updates?: unknown };
    const nextMarker = /"marker"\s*:\s*(\d+)/.exec(text)?.[1];
    for (const update of objectsOf(answer.updates)) {
      const text = JSON.stringify(update);
      const event = readNetworkEvent(deps.log, text, () => normaliseMaxUpdate(account, update));
      const result = await ingestEvent(deps, account, text, event);
      result.afterAck();
    }
    if (nextMarker && nextMarker !== marker) await saveCursor(deps.db, account.id, 'marker', nextMarker);
  },
};
