/**
 * Telegram webhook: POST /api/v1/channels/telegram/<path token>, authenticated by the
 * `X-Telegram-Bot-Api-Secret-Token` header (setWebhook's `secret_token`). Answered 200 only after
 * the raw update is committed; Telegram retries other answers with the same `update_id`.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/errors';
import { accountByPathToken } from '../accounts';
import { rawBody, readNetworkEvent, rejected, secretEquals, sourceAllowed } from '../http';
import { acceptEvent, type ChannelDeps } from '../pipeline';
import { normaliseTelegramUpdate } from './normalise';

export function telegramRoutes(app: FastifyInstance, deps: ChannelDeps): void {
  app.post<{ Params: { token: string } }>('/api/v1/channels/telegram/:token', async (request, reply) => {
    const account = await accountByPathToken(deps.db, 'telegram', request.params.token);
    if (!account) throw rejected(404, 'No such channel');
    if (!sourceAllowed(request.ip, account.allowedSources)) throw rejected(403, 'Source address not allowed');
    const header = request.headers['x-telegram-bot-api-secret-token'];
    if (
      account.webhookSecret &&
      !secretEquals(typeof header === 'string' ? header : undefined, account.webhookSecret)
    )
      throw rejected(401, 'Wrong or missing secret token');
    const { text, json } = rawBody(request.body);
    const update = json as Record<string, unknown>;
    if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id))
      throw new ApiError(400, 'invalid_update', 'An Update needs an integer update_id');
    const event = readNetworkEvent(request.log, text, () => normaliseTelegramUpdate(account, update));
    const result = await acceptEvent(deps, account, text, event);
    setImmediate(result.afterAck);
    return reply.send({ ok: true });
  });
}
