/**
 * Reads a stored webhook payload again (the sweep of ./inbound-queue.ts): the same adapter
 * normalisation the route ran before it stored the event. Polled and mailbox events are normalised
 * before they are stored and never wait here.
 */
import type { Renormaliser } from './inbound-queue';
import { normaliseMaxUpdate } from './max/normalise';
import { normaliseOkEvent } from './ok/normalise';
import { normaliseTelegramUpdate } from './telegram/normalise';
import { normaliseVkEvent, withVkNames } from './vk/normalise';

export const renormaliseStored: Renormaliser = (account, rawJson) => {
  const json = JSON.parse(rawJson) as Record<string, unknown>;
  switch (account.network) {
    case 'vk':
      return {
        event: normaliseVkEvent(account, json, rawJson),
        prepare: (event) => withVkNames(account, event),
      };
    case 'telegram':
      return { event: normaliseTelegramUpdate(account, json) };
    case 'max':
      return { event: normaliseMaxUpdate(account, json) };
    case 'ok': {
      const event = normaliseOkEvent(json);
      return event ? { event } : null;
    }
    default:
      return null;
  }
};
