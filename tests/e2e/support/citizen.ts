/**
 * A citizen in the demo organisation's Telegram chat, for end-to-end journeys: writes, edits and
 * presses buttons as a Telegram user through the fake's webhook driver, and reads what the bot sent
 * to the chat (messages, documents) from the Telegram fake. Both go through the control API of
 * tests/e2e/support/telegram-world.ts, which scripts/e2e-server.mjs starts beside the server.
 */
import { randomInt } from 'node:crypto';
import { expect } from '@playwright/test';

const controlUrl = `http://127.0.0.1:${process.env.OKNO_E2E_TELEGRAM_PORT ?? 18789}`;

/** What the Telegram fake accepted from the bot for one chat (sendMessage or sendDocument). */
export interface ChatMessage {
  readonly messageId: number;
  readonly method: 'sendMessage' | 'sendDocument';
  readonly text: string | null;
  readonly caption: string | null;
  readonly document: {
    filename: string;
    contentType: string;
    size: number;
    head: string;
    sha256: string;
  } | null;
  readonly at: number;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${controlUrl}${path}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  const json = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`telegram world ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export interface Citizen {
  readonly userId: number;
  /** Profile name as Telegram shows it («Имя Фамилия»). */
  readonly name: string;
  /** Writes to the bot (with a JPEG photo, `text` is its caption); returns the Telegram message id. */
  write(text: string, photo?: Buffer): Promise<number>;
  edit(messageId: number, text: string): Promise<void>;
  press(data: string): Promise<void>;
  /** Presses the inline button labelled `label` under the bot's latest message that has inline buttons. */
  pressButton(label: string): Promise<void>;
  /** Everything the bot sent to this citizen's chat, in order. */
  received(): Promise<ChatMessage[]>;
  /** Writes and waits for the bot's next message in the chat; returns its text. */
  say(text: string): Promise<string>;
}

/**
 * A new Telegram user (a fresh id per call, so journeys running side by side never share a chat).
 * `webhookPath`: the bot of another channel account on the same fake (its `/api/v1/channels/telegram/…`
 * path, as «Каналы» shows it); by default the demo organisation's bot.
 */
export function telegramCitizen(
  firstName: string,
  lastName: string,
  options: { webhookPath?: string } = {},
): Citizen {
  const userId = randomInt(100_000_000, 2_000_000_000);
  const received = () => call<ChatMessage[]>('GET', `/sent?chat=${userId}`);
  const delivered = (outcome: { accepted: boolean; status?: number }, what: string) => {
    if (!outcome.accepted) throw new Error(`the server did not acknowledge ${what}: ${outcome.status}`);
  };
  const write = async (text: string, photo?: Buffer) => {
    const outcome = await call<{ messageId: number; accepted: boolean; status?: number }>(
      'POST',
      '/messages',
      {
        userId,
        firstName,
        lastName,
        text,
        ...(photo ? { photoBase64: photo.toString('base64') } : {}),
        ...(options.webhookPath ? { webhookPath: options.webhookPath } : {}),
      },
    );
    delivered(outcome, 'the message');
    return outcome.messageId;
  };
  return {
    userId,
    name: `${firstName} ${lastName}`,
    write,
    received,
    async edit(messageId, text) {
      delivered(await call('POST', '/edits', { messageId, text }), 'the edit');
    },
    async press(data) {
      delivered(await call('POST', '/presses', { userId, firstName, data }), 'the button press');
    },
    async pressButton(label) {
      const buttons = await call<{ label: string; data: string }[]>('GET', `/buttons?chat=${userId}`);
      const button = buttons.find((b) => b.label === label);
      if (!button) throw new Error(`no inline button «${label}» in the chat: ${JSON.stringify(buttons)}`);
      delivered(await call('POST', '/presses', { userId, firstName, data: button.data }), 'the button press');
    },
    async say(text) {
      const before = (await received()).length;
      await write(text);
      let next: ChatMessage | undefined;
      await expect
        .poll(
          async () => {
            next = (await received())[before];
            return next !== undefined;
          },
          { timeout: 20_000, message: `the bot's reply to «${text}»` },
        )
        .toBe(true);
      return next?.text ?? next?.caption ?? '';
    },
  };
}

/**
 * A fresh organisation with nothing but its administrator, as the server's operator makes one with
 * the admin console (`org-create`, `user-add --role admin`): the login and password to sign in with.
 */
export async function freshOrganisation(name: string): Promise<{ login: string; password: string }> {
  return call('POST', '/organisations', { name });
}

/** Contract violations the Telegram fake recorded (requests or updates that break the Bot API). */
export async function telegramViolations(): Promise<unknown[]> {
  return call<unknown[]>('GET', '/violations');
}
