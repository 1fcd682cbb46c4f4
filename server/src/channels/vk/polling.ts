/**
 * VK Bots Long Poll (docs/CHANNELS.md §1.3), for servers VK cannot reach: groups.getLongPollServer →
 * a_check with `ts`; `failed` 1 → continue from the returned ts, 2 → new key, 3 → new key and ts.
 * Events go through the same pipeline as Callback events (same `event_id` dedupe); `ts` is saved
 * after they are committed.
 */
import { readNetworkEvent } from '../http';
import { objectsOf } from '../json-shapes';
import { type ChannelDeps, ingestEvent } from '../pipeline';
import { type PollingAdapter, readCursor, saveCursor } from '../polling';
import type { ChannelAccount } from '../types';
import { vkCall } from './api';
import { normaliseVkEvent, withVkNames } from './normalise';

interface LongPollServer {
  key: string;
  server: string;
  ts: string;
}

interface State {
  server?: LongPollServer;
  ts?: string;
}

async function newServer(account: ChannelAccount, signal: AbortSignal): Promise<LongPollServer> {
  return vkCall<LongPollServer>(account, 'groups.getLongPollServer', { group_id: account.accountId }, signal);
}

export const vkLongPoll: PollingAdapter = {
  async pollOnce(
    deps: ChannelDeps,
    account: ChannelAccount,
    bag: Record<string, unknown>,
    signal: AbortSignal,
  ) {
    const state = bag as State;
    if (!state.server) {
      state.server = await newServer(account, AbortSignal.any([signal, AbortSignal.timeout(10_000)]));
      state.ts = (await readCursor(deps.db, account.id, 'ts')) || state.server.ts;
    }
    const wait = Number(account.settings.longPollWaitSeconds ?? 25);
    const url = `${state.server.server}?act=a_check&key=${encodeURIComponent(state.server.key)}&ts=${encodeURIComponent(state.ts ?? state.server.ts)}&wait=${wait}`;
    const response = await fetch(url, {
      signal: AbortSignal.any([signal, AbortSignal.timeout((wait + 10) * 1000)]),
    });
    const answer = (await response.json()) as {
      ts?: string | number;
      updates?: unknown;
      failed?: number;
    };
    if (answer.failed === 1) {
      state.ts = String(answer.ts);
      return;
    }
    if (answer.failed === 2 || answer.failed === 3) {
      const fresh = await newServer(account, AbortSignal.any([signal, AbortSignal.timeout(10_000)]));
      state.server = answer.failed === 2 ? { ...fresh, ts: state.ts ?? fresh.ts } : fresh;
      if (answer.failed === 3) state.ts = fresh.ts;
      return;
    }
    for (const update of objectsOf(answer.updates)) {
      const text = JSON.stringify(update);
      const event = readNetworkEvent(deps.log, text, () => normaliseVkEvent(account, update, text));
      const result = await ingestEvent(deps, account, text, event, (e) => withVkNames(account, e));
      result.afterAck();
    }
    if (answer.ts !== undefined) {
      state.ts = String(answer.ts);
      await saveCursor(deps.db, account.id, 'ts', state.ts);
    }
  },
};
