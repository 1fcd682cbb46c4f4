/**
 * The outbox's senders, one per network (each in its network's folder): the composition root
 * (server/src/bot/index.ts) hands them to the outbox worker, which imports no network's code.
 */
import type { NetworkSender, OutboxNetwork } from '../outbox/types';
import { emailSender } from './email/send';
import { maxSender } from './max/send';
import { okSender } from './ok/send';
import { telegramSender } from './telegram/send';
import { vkSender } from './vk/send';

export const networkSenders: Record<OutboxNetwork, NetworkSender> = {
  vk: vkSender,
  telegram: telegramSender,
  max: maxSender,
  ok: okSender,
  email: emailSender,
};
