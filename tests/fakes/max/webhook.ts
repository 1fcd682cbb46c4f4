import { EventContractError } from '../common/contracts';
import type { CallbackLedger } from '../common/ledger';
import {
  type DeliveryOptions,
  type DeliveryReport,
  deliver,
  encodeBody,
  type SecretOverride,
  type WebhookReply,
} from '../common/webhook';
import { maxContract } from './contract';
import { type MaxUpdate, maxPressOf } from './events';

export const MAX_SECRET_HEADER = 'X-Max-Bot-Api-Secret';

/** MAX's documented redelivery schedule: up to 10 retries, 60 s × 2.5ⁿ (60 s, 150 s, 375 s, …). */
export const MAX_RETRY_DELAYS_MS = Array.from({ length: 10 }, (_, n) => Math.round(60_000 * 2.5 ** n));

export interface MaxWebhookDriverOptions {
  readonly url: string;
  /** The `secret` given to POST /subscriptions. */
  readonly secret?: string;
  /** The fake whose `POST /answers` the bot must call for each `message_callback` delivered. */
  readonly callbacks?: CallbackLedger;
}

export interface MaxSendOptions extends DeliveryOptions {
  readonly secret?: SecretOverride;
}

/** Plays MAX's webhook delivery: only HTTP 200 within 30 s counts as delivered. */
export class MaxWebhookDriver {
  constructor(private readonly options: MaxWebhookDriverOptions) {}

  async send(update: MaxUpdate, options: MaxSendOptions = {}): Promise<DeliveryReport> {
    if (!options.unchecked) {
      const errors = maxContract().validateUpdate(update);
      if (errors.length > 0) throw new EventContractError(`MAX ${update.update_type}`, errors);
    }
    const press = maxPressOf(update);
    if (press) this.options.callbacks?.expectCallbackAnswer(press, update);
    const secret = options.secret === undefined ? this.options.secret : options.secret;
    const headers: Record<string, string> = {};
    if (secret !== null && secret !== undefined) headers[MAX_SECRET_HEADER] = secret;
    return deliver(
      {
        url: this.options.url,
        headers,
        isAcknowledged: (r: WebhookReply) => r.status === 200,
        defaultTimeoutMs: 30_000,
      },
      encodeBody(update, options),
      options,
    );
  }
}
