/**
 * The bot's network-neutral keyboard in each network's format. Buttons send their label as an
 * ordinary message (VK text buttons also carry a `payload` with the command), so the bot reads a
 * press and a typed command the same way, and no callback handling is needed in the adapters.
 */
import type { Keyboard } from './types';

/** VK `messages_keyboard` (a JSON string parameter). VK labels are limited to 40 characters. */
export function vkKeyboard(keyboard: Keyboard): string {
  return JSON.stringify({
    one_time: false,
    inline: false,
    buttons: keyboard.buttons.map((row) =>
      row.map((button) => ({
        action: {
          type: 'text',
          label: button.label.slice(0, 40),
          payload: JSON.stringify({ command: button.command }),
        },
        color: button.command === 'cancel' ? 'negative' : 'primary',
      })),
    ),
  });
}

/** Telegram ReplyKeyboardMarkup: pressing a button sends its text. */
export function telegramKeyboard(keyboard: Keyboard): Record<string, unknown> {
  return {
    keyboard: keyboard.buttons.map((row) => row.map((button) => ({ text: button.label }))),
    resize_keyboard: true,
    is_persistent: false,
  };
}

/** MAX inline keyboard attachment with `message` buttons (the press is sent as a message). */
export function maxKeyboard(keyboard: Keyboard): Record<string, unknown> {
  return {
    type: 'inline_keyboard',
    payload: {
      buttons: keyboard.buttons.map((row) =>
        row.map((button) => ({ type: 'message', text: button.label.slice(0, 128) })),
      ),
    },
  };
}
