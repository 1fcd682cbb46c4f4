/**
 * Delivery of webhook requests the way the networks do it: the same body re-sent while the
 * receiver does not acknowledge, duplicates, and deliberately broken bodies for adversarial tests.
 */

export interface WebhookReply {
  /** 0 when the request failed at the transport level or timed out. */
  readonly status: number;
  readonly body: string;
  readonly attempt: number;
  readonly error?: string;
}

export interface DeliveryOptions {
  /** Deliver the identical body this many times regardless of the answers (duplicate delivery). */
  readonly copies?: number;
  /** Re-send while the answer is not an acknowledgement, up to `attempts` tries in total. */
  readonly retry?: { readonly attempts: number; readonly delayMs?: number };
  /** Send a truncated body that is not valid JSON. */
  readonly malformedJson?: boolean;
  /** Pad the JSON with whitespace to at least this many bytes (still valid, same content). */
  readonly oversizeBytes?: number;
  /** Per-request timeout; defaults to the network's documented answer window. */
  readonly timeoutMs?: number;
  /** Send the event even if it breaks the published schema (poisoned-message tests). */
  readonly unchecked?: boolean;
}

export interface DeliveryReport {
  readonly replies: readonly WebhookReply[];
  /** Whether the last reply was an acknowledgement by the network's rule. */
  readonly accepted: boolean;
  readonly last: WebhookReply;
  /** The exact body that was sent. */
  readonly sentBody: string;
}

export interface WebhookTransport {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The network's rule for "delivered": VK wants 200 + `ok`, Telegram any 2xx, MAX/OK 200. */
  readonly isAcknowledged: (reply: WebhookReply) => boolean;
  readonly defaultTimeoutMs: number;
}

export function encodeBody(
  event: unknown,
  options: DeliveryOptions,
  serialize: (value: unknown) => string = JSON.stringify,
): string {
  const json = serialize(event);
  if (options.malformedJson) return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  const padding = (options.oversizeBytes ?? 0) - Buffer.byteLength(json);
  return padding > 0 ? json + ' '.repeat(padding) : json;
}

async function post(
  transport: WebhookTransport,
  body: string,
  attempt: number,
  timeoutMs: number,
): Promise<WebhookReply> {
  try {
    const response = await fetch(transport.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...transport.headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await response.text(), attempt };
  } catch (error) {
    return { status: 0, body: '', attempt, error: (error as Error).message };
  }
}

export async function deliver(
  transport: WebhookTransport,
  body: string,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const timeoutMs = options.timeoutMs ?? transport.defaultTimeoutMs;
  const replies: WebhookReply[] = [];
  const copies = Math.max(1, options.copies ?? 1);
  const attempts = Math.max(1, options.retry?.attempts ?? 1);
  for (let copy = 0; copy < copies; copy++) {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0 && options.retry?.delayMs)
        await new Promise((r) => setTimeout(r, options.retry?.delayMs));
      const reply = await post(transport, body, replies.length + 1, timeoutMs);
      replies.push(reply);
      if (transport.isAcknowledged(reply)) break;
    }
  }
  const last = replies.at(-1) as WebhookReply;
  return { replies, accepted: transport.isAcknowledged(last), last, sentBody: body };
}

/** How a driver should present its authenticity proof in one delivery. */
export type SecretOverride =
  /** Use the configured secret (default). */
  | undefined
  /** Leave the secret/header out entirely. */
  | null
  /** Send this value instead (a wrong secret). */
  | string;
