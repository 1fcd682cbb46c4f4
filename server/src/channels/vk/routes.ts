/**
 * VK Callback API: POST /api/v1/channels/vk/<path token>. The confirmation request is answered
 * with the account's confirmation code; every other event must carry the configured `secret` and
 * the account's `group_id`, is stored raw, and only then answered `ok` (VK re-sends
 * anything else with the same `event_id`, which the dedupe absorbs).
 */
import type { FastifyInstance } from 'fastify';
import { accountByPathToken } from '../accounts';
import { rawBody, readNetworkEvent, rejected, secretEquals, sourceAllowed } from '../http';
import { acceptEvent, type ChannelDeps } from '../pipeline';
import { normaliseVkEvent, withVkNames } from './normalise';

export function vkRoutes(app: FastifyInstance, deps: ChannelDeps): void {
  app.post<{ Params: { token: string } }>('/api/v1/channels/vk/:token', async (request, reply) => {
    const account = await accountByPathToken(deps.db, 'vk', request.params.token);
    if (!account) throw rejected(404, 'No such channel');
    if (!sourceAllowed(request.ip, account.allowedSources)) throw rejected(403, 'Source address not allowed');
    const { text, json } = rawBody(request.body);
    const event = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    if (typeof event.type !== 'string') throw rejected(403, 'Not a VK event');
    if (String(event.group_id) !== account.accountId) throw rejected(403, 'Event for another community');
    if (event.type === 'confirmation') {
      if (
        account.webhookSecret &&
        event.secret !== undefined &&
        !secretEquals(String(event.secret), account.webhookSecret)
      )
        throw rejected(403, 'Wrong secret');
      if (!account.confirmationCode) throw rejected(404, 'No confirmation code configured');
      return reply.type('text/plain; charset=utf-8').send(account.confirmationCode);
    }
    if (account.webhookSecret && !secretEquals(event.secret as string | undefined, account.webhookSecret))
      throw rejected(403, 'Wrong or missing secret');
    const read = readNetworkEvent(request.log, text, () => normaliseVkEvent(account, event, text));
    const result = await acceptEvent(deps, account, text, read, (e) => withVkNames(account, e));
    setImmediate(result.afterAck);
    return reply.type('text/plain; charset=utf-8').send('ok');
  });
}
