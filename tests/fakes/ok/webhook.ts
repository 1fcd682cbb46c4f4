import { EventContractError } from '../common/contracts';
import {
  type DeliveryOptions,
  type DeliveryReport,
  deliver,
  encodeBody,
  type WebhookReply,
} from '../common/webhook';
import { type OkEvent, okEventProblems, okJson } from './events';

export interface OkWebhookDriverOptions {
  /**
   * The connector's webhook URL including its unguessable path token. OK signs nothing, so
   * authenticity rests on that path and on the source address (loopback here: the connector's
   * allow-list must be configurable to include 127.0.0.1 in tests).
   */
  readonly url: string;
}

/** Plays OK's webhook delivery: JSON POST, HTTP 200 within 5 s or it is re-sent. */
export class OkWebhookDriver {
  constructor(private readonly options: OkWebhookDriverOptions) {}

  async send(
    event: OkEvent,
    options: DeliveryOptions & { readonly url?: string } = {},
  ): Promise<DeliveryReport> {
    if (!options.unchecked) {
      const problems = okEventProblems(event);
      if (problems.length > 0)
        throw new EventContractError('webhookType' in event ? 'OK callback' : 'OK message', problems);
    }
    return deliver(
      {
        url: options.url ?? this.options.url,
        headers: { 'content-type': 'application/json;charset=utf-8' },
        isAcknowledged: (reply: WebhookReply) => reply.status === 200,
        defaultTimeoutMs: 5000,
      },
      encodeBody(event, options, okJson),
      options,
    );
  }
}
