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
import { vkContract } from './contract';
import { type VkEvent, type VkMessage, vkConfirmation, vkMessageNew, vkPressOf } from './events';

export interface VkCallbackDriverOptions {
  /** The connector's Callback API endpoint. */
  readonly url: string;
  readonly groupId: number;
  /** The server's secret key; put into every event's `secret` field. */
  readonly secret?: string;
  /** Expected answer to the confirmation request. */
  readonly confirmationCode?: string;
  /** The fake whose `messages.sendMessageEventAnswer` the bot must call for each `message_event`. */
  readonly callbacks?: CallbackLedger;
}

export interface VkSendOptions extends DeliveryOptions {
  readonly secret?: SecretOverride;
}

/** Plays VK's Callback API against a connector: confirmation handshake, events, retries until `ok`. */
export class VkCallbackDriver {
  constructor(private readonly options: VkCallbackDriverOptions) {}

  /** POSTs the confirmation request; `confirmed` when the body is exactly the confirmation code. */
  async confirm(shape: 'minimal' | 'full' = 'minimal'): Promise<{ reply: WebhookReply; confirmed: boolean }> {
    const secret = this.options.secret;
    const event = vkConfirmation({ groupId: this.options.groupId, ...(secret ? { secret } : {}) }, shape);
    const report = await deliver(this.transport(), JSON.stringify(event), {});
    const confirmed = report.last.status === 200 && report.last.body === this.options.confirmationCode;
    return { reply: report.last, confirmed };
  }

  /** Delivers a `message_new` built from `message`. */
  messageNew(message: VkMessage, options: VkSendOptions = {}): Promise<DeliveryReport> {
    return this.send(vkMessageNew(message, { groupId: this.options.groupId }), options);
  }

  /**
   * Delivers an event. VK counts only `200` with body `ok` as delivered and re-sends the same
   * `event_id` otherwise; pass `retry` to play that out, `copies` to duplicate on purpose.
   */
  async send(event: VkEvent, options: VkSendOptions = {}): Promise<DeliveryReport> {
    const { secret: _ignored, ...withoutSecret } = event;
    const body: Record<string, unknown> = { ...withoutSecret };
    const secret = options.secret === undefined ? this.options.secret : options.secret;
    if (secret !== null && secret !== undefined) body.secret = secret;
    if (!options.unchecked) {
      const errors = vkContract().validateEvent(body);
      if (errors.length > 0) throw new EventContractError(`VK ${event.type}`, errors);
    }
    const press = vkPressOf(event);
    if (press) this.options.callbacks?.expectCallbackAnswer(press, event);
    return deliver(this.transport(), encodeBody(body, options), options);
  }

  private transport() {
    return {
      url: this.options.url,
      headers: {},
      isAcknowledged: (reply: WebhookReply) => reply.status === 200 && reply.body === 'ok',
      // ⚠ VK's answer window is not documented; vk-io answers at once. 5 s keeps tests honest.
      defaultTimeoutMs: 5000,
    };
  }
}
