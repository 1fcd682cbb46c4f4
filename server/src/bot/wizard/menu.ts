/**
 * The menu outside the filing wizard: greeting, «Статус» (which asks for a registration number),
 * «Мои обращения», «Оператор», and the once-a-day hint at the menu after a plain message.
 */
import { defaultRegistrationPattern } from '../../../../shared/domain/registration-number';
import { cancelOnly, keyboardOf, menuKeyboard } from '../keyboards';
import { ownAppealByNumber, ownAppealCount, ownAppeals, statusLine } from '../status';
import { type BotLanguage, t } from '../texts';
import type { BotReply } from '../types';
import { afterFilingIntent, afterFilingRows, startAfterFiling } from './after-filing';
import { goIdle, has, reply, type Turn, who } from './turn';

export const welcome = (lang: BotLanguage): BotReply => reply(t(lang, 'menu.welcome'), menuKeyboard(lang));

/** The question of the `status_number` state. */
export function statusNumberPrompt(lang: BotLanguage): BotReply {
  return reply(
    t(lang, 'status.askNumber', {
      example: defaultRegistrationPattern
        .replace('{YYYY}', String(new Date().getFullYear()))
        .replace('{N:6}', '000001'),
    }),
    cancelOnly(lang),
  );
}

/** A menu turn (the session is `idle` or `status_number`); `statusNumber` is a typed registration number. */
export async function menuTurn(turn: Turn, statusNumber: string | null): Promise<BotReply[]> {
  const { tx, session, input, deps, lang } = turn;
  if (statusNumber) {
    goIdle(session);
    return [await statusAnswer(turn, statusNumber)];
  }
  const intent = afterFilingIntent(turn);
  if (intent) return startAfterFiling(turn, intent);
  if (has(turn, 'status')) {
    session.state = 'status_number';
    const own = await ownAppeals(tx, who(turn), 4);
    const prompt = statusNumberPrompt(lang);
    if (own.length === 0) return [prompt];
    return [
      reply(
        prompt.text,
        keyboardOf(lang, [...own.map((a) => [{ label: a.number, command: 'number' }]), ['cancel']]),
      ),
    ];
  }
  if (has(turn, 'mine')) {
    goIdle(session);
    return [await mineAnswer(turn)];
  }
  if (has(turn, 'operator')) {
    goIdle(session);
    return [reply(t(lang, 'menu.operator'), menuKeyboard(lang))];
  }
  if (session.state === 'status_number' && input.text.trim()) {
    goIdle(session);
    return [await statusAnswer(turn, input.text.trim())];
  }
  // A plain message: the intake made it an incident; the bot only points at the menu, once a day.
  const last = session.menuHintAt?.getTime() ?? 0;
  if (deps.now - last < 24 * 3600_000) return [];
  session.menuHintAt = new Date(deps.now);
  return [reply(t(lang, 'menu.hint'), menuKeyboard(lang))];
}

export async function statusAnswer(turn: Turn, number: string): Promise<BotReply> {
  const appeal = await ownAppealByNumber(turn.tx, who(turn), number);
  const text = appeal ? statusLine(turn.lang, appeal) : t(turn.lang, 'status.refused', { number });
  return reply(text, menuKeyboard(turn.lang));
}

/**
 * «Мои обращения»: the latest ten appeals filed from this account, each with its status and
 * deadline (or its answer, result or withdrawal), and buttons for what can be done with them.
 */
export async function mineAnswer(turn: Turn): Promise<BotReply> {
  const { lang } = turn;
  const own = await ownAppeals(turn.tx, who(turn), mineShown);
  if (own.length === 0) return reply(t(lang, 'status.mineEmpty'), menuKeyboard(lang));
  const lines = [t(lang, 'status.mineHeader'), ...own.map((a) => `• ${statusLine(lang, a)}`)];
  const total = own.length < mineShown ? own.length : await ownAppealCount(turn.tx, who(turn));
  if (total > own.length) lines.push(t(lang, 'status.mineMore', { shown: own.length, total }));
  const actions = afterFilingRows(own);
  if (actions.length === 0) return reply(lines.join('\n'), menuKeyboard(lang));
  lines.push('', t(lang, 'status.mineActions'));
  return reply(lines.join('\n'), keyboardOf(lang, [...actions, ['file'], ['status', 'operator']]));
}

const mineShown = 10;
