/** The bot's keyboards, in the citizen's language (rendered per network by the outbox). */
import type { Keyboard, KeyboardButton } from '../outbox/types';
import type { Command } from './commands';
import { type BotLanguage, t } from './texts';

const button = (language: BotLanguage, command: Command): KeyboardButton => ({
  label: t(language, `button.${command}`),
  command,
});

export const keyboardOf = (language: BotLanguage, rows: (Command | KeyboardButton)[][]): Keyboard => ({
  buttons: rows.map((row) => row.map((c) => (typeof c === 'string' ? button(language, c) : c))),
});

export const menuKeyboard = (language: BotLanguage) =>
  keyboardOf(language, [['file'], ['status', 'mine'], ['operator']]);

export const cancelOnly = (language: BotLanguage) => keyboardOf(language, [['cancel']]);
