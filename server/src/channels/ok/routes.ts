/**
 * OK webhook: POST /api/v1/channels/ok/<path token>. OK signs nothing (docs/CHANNELS.md §2), so the
 * proof is the unguessable path plus the source-address allow-list (OK's documented networks by
 * default; configurable, e.g. 127.0.0.1/32 in tests or the proxy's address). HTTP 200 once the raw event is committed.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/errors';
import { accountByPathToken } from '../accounts';
import { rawBody, readNetworkEvent, rejected, sourceAllowed } from '../http';
import { acceptEvent, type ChannelDeps } from '../pipeline';
import { normaliseOkEvent } from './normalise';

export function okRoutes(app: FastifyInstance, deps: ChannelDeps): void {
  app.post<{ Params: { token: string } }>('/api/v1/channels/ok/:token', async (request, reply) => {
    const account = await accountByPathToken(deps.db, 'ok', request.params.token);
    if (!account) throw rejected(404, 'No such channel');
    if (!sourceAllowed(request.ip, account.allowedSources)) throw rejected(403, 'Source address not allowed');
    const { text, json } = rawBody(request.body);
    const event = readNetworkEvent(request.log, text, () => normaliseOkEvent(json));
    if (!event)
      throw new ApiError(
        400,
        'invalid_event',
        'An OK event needs sender, recipient and message.mid (a message) or callbackId (a button press)',
      );
    const result = await acceptEvent(deps, account, text, event);
    setImmediate(result.afterAck);
    return reply.send({ success: true });
  });
}
