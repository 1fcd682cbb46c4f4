/**
 * Finding 2: in a group chat (Telegram group/supergroup, VK conversation, MAX chat) every member
 * reads along, so the bot files nothing, looks nothing up and asks for nothing personal there —
 * the consent text would be followed by the citizen's name and passport in front of everyone.
 * What asks for the bot (a menu command, a /command, a status number, a button, the bot being
 * added) gets one line pointing to the private chat; other talk stays talk, unanswered (the
 * intake keeps it as the chat's incident, as before).
 */
import { type Command, commandsOf, statusNumberOf } from './commands';
import { type BotLanguage, t } from './texts';
import type { BotInput, BotReply } from './types';

/** The menu's personal commands; «да», «нет» or «привет» in a group are everyday words. */
const asksTheBot: Command[] = ['file', 'status', 'mine', 'operator'];

export function groupChatAnswer(input: BotInput, language: BotLanguage): BotReply[] {
  if (input.kind === 'stopped') return [];
  const asked =
    input.kind !== 'message' ||
    input.text.trim().startsWith('/') ||
    statusNumberOf(input.text) !== null ||
    commandsOf(input.text, input.command).some((command) => asksTheBot.includes(command));
  if (!asked) return [];
  const text = input.privateChatLink
    ? t(language, 'menu.groupChatLink', { link: input.privateChatLink })
    : t(language, 'menu.groupChat');
  return [{ text, keyboard: null }];
}
