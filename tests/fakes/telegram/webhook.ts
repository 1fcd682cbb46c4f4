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
import { telegramContract } from './contract';
import type { TgUpdate } from './events';

export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface TelegramWebhookDriverOptions {
  readonly url: string;
  /** The `secret_token` given to setWebhook. */
  readonly secretToken?: string;
  /** The fake whose `answerCallbackQuery` the bot must call for each `callback_query` delivered. */
  readonly callbacks?: CallbackLedger;
}

export interface TelegramSendOptions extends DeliveryOptions {
  readonly secretToken?: SecretOverride;
}

/** Plays Telegram's webhook delivery: JSON Update, secret header, retries on non-2xx. */
export class TelegramWebhookDriver {
  constructor(private readonly options: TelegramWebhookDriverOptions) {}

  async send(update: TgUpdate, options: TelegramSendOptions = {}): Promise<DeliveryReport> {
    if (!options.unchecked) {
      const errors = telegramContract().validateUpdate(update);
      if (errors.length > 0) throw new EventContractError('Telegram Update', errors);
    }
    const press = update.callback_query as { id?: unknown } | undefined;
    if (press && typeof press.id === 'string') this.options.callbacks?.expectCallbackAnswer(press.id, update);
    const secret = options.secretToken === undefined ? this.options.secretToken : options.secretToken;
    const headers: Record<string, string> = {};
    if (secret !== null && secret !== undefined) headers[TELEGRAM_SECRET_HEADER] = secret;
    return deliver(
      {
        url: this.options.url,
        headers,
        isAcknowledged: (reply: WebhookReply) => reply.status >= 200 && reply.status < 300,
        // ⚠ Telegram's answer window is not documented; 10 s is a conservative stand-in.
        defaultTimeoutMs: 10_000,
      },
      encodeBody(update, options),
      options,
    );
  }
}
