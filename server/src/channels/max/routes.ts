/**
 * MAX webhook: POST /api/v1/channels/max/<path token>, authenticated by `X-Max-Bot-Api-Secret`
 * (the subscription's `secret`). Only HTTP 200 counts as delivered for MAX; it is sent once the raw event is committed.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/errors';
import { accountByPathToken } from '../accounts';
import { rawBody, readNetworkEvent, rejected, secretEquals, sourceAllowed } from '../http';
import { acceptEvent, type ChannelDeps } from '../pipeline';
import { normaliseMaxUpdate } from './normalise';

export function maxRoutes(app: FastifyInstance, deps: ChannelDeps): void {
  app.post<{ Params: { token: string } }>('/api/v1/channels/max/:token', async (request, reply) => {
    const account = await accountByPathToken(deps.db, 'max', request.params.token);
    if (!account) throw rejected(404, 'No such channel');
    if (!sourceAllowed(request.ip, account.allowedSources)) throw rejected(403, 'Source address not allowed');
    const header = request.headers['x-max-bot-api-secret'];
    if (
      account.webhookSecret &&
      !secretEquals(typeof header === 'string' ? header : undefined, account.webhookSecret)
    )
      throw rejected(401, 'Wrong or missing secret');
    const { text, json } = rawBody(request.body);
    const update = json as Record<string, unknown>;
    if (typeof update !== 'object' || update === null || typeof update.update_type !== 'string')
      throw new ApiError(400, 'invalid_update', 'An update needs update_type');
    const event = readNetworkEvent(request.log, text, () => normaliseMaxUpdate(account, update));
    const result = await acceptEvent(deps, account, text, event);
    setImmediate(result.afterAck);
    return reply.send({ success: true });
  });
}
