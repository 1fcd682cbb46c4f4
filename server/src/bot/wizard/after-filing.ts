/**
 * The conversation after filing (issue 12): «Дополнить обращение» (an addition, with photos and
 * documents), «Отозвать обращение» (заявление об отзыве) and «Копия ответа (PDF)», on the appeals
 * filed from this very network account only (../status.ts): a number filed by someone else is not
 * offered and not accepted.
 *
 * States: `pick_appeal` (the citizen has several appeals the request fits), `addition` (each
 * message — text, photos, documents — is written into the appeal's thread by the intake, the
 * dispatcher's placement, until «Готово»), `withdraw_confirm` (a reason may be written, then the
 * withdrawal is confirmed). What officials should read goes into the appeal's thread: the additions
 * and the reason themselves, and the bot's confirmations; the prompts stay out of it.
 */
import { answerDocument, latestAnswer } from '../answer-letter';
import type { Command } from '../commands';
import { recordAddition, withdrawAppeal } from '../filed-appeal';
import { keyboardOf, menuKeyboard } from '../keyboards';
import { isOpen, type OwnAppeal, ownAppeals } from '../status';
import { type BotLanguage, formatDate, t } from '../texts';
import type {
  AfterFilingData,
  AfterFilingIntent,
  AfterFilingState,
  BotReply,
  WizardData,
  WizardState,
} from '../types';
import { goIdle, has, reply, type Turn, who } from './turn';

const afterFilingStates: readonly WizardState[] = [
  'pick_appeal',
  'addition',
  'withdraw_confirm',
] satisfies AfterFilingState[];
export const isAfterFilingState = (state: WizardState) => afterFilingStates.includes(state);

/** The appeal a citizen's message belongs to: the one an addition or a withdrawal reason is written to. */
export function appealOfMessage(state: string, data: WizardData | null | undefined): string | null {
  if (state !== 'addition' && state !== 'withdraw_confirm') return null;
  return data?.afterFiling?.appealId ?? null;
}

/** The after-filing request the message makes in the menu, if any. */
export function afterFilingIntent(turn: Turn): AfterFilingIntent | null {
  if (has(turn, 'add')) return 'add';
  if (has(turn, 'withdraw')) return 'withdraw';
  if (has(turn, 'copy')) return 'copy';
  return null;
}

const fits = (intent: AfterFilingIntent, appeal: OwnAppeal) =>
  intent === 'copy' ? appeal.answeredAt !== null && appeal.withdrawnAt === null : isOpen(appeal);

/** Buttons of the after-filing requests that fit some of these appeals (under «Мои обращения»). */
export function afterFilingRows(own: readonly OwnAppeal[]): AfterFilingIntent[][] {
  const open = own.some((a) => fits('add', a));
  const answered = own.some((a) => fits('copy', a));
  return [open ? (['add', 'withdraw'] as AfterFilingIntent[]) : [], answered ? ['copy' as const] : []].filter(
    (row) => row.length > 0,
  );
}

/** «Дополнить» / «Отозвать» / «Копия ответа» from the menu. */
export async function startAfterFiling(turn: Turn, intent: AfterFilingIntent): Promise<BotReply[]> {
  const { session, lang } = turn;
  const candidates = (await ownAppeals(turn.tx, who(turn), 10)).filter((a) => fits(intent, a));
  if (candidates.length === 0) {
    goIdle(session);
    return [reply(t(lang, intent === 'copy' ? 'after.noneAnswered' : 'after.noneOpen'), menuKeyboard(lang))];
  }
  if (candidates.length === 1) return proceed(turn, intent, candidates[0]!);
  session.state = 'pick_appeal';
  session.data = { afterFiling: { intent } };
  const prompt =
    intent === 'add' ? 'after.pickAdd' : intent === 'withdraw' ? 'after.pickWithdraw' : 'after.pickCopy';
  return [prompted(t(lang, prompt), pickKeyboard(lang, candidates))];
}

/** Commands each state answers itself; any other command leaves the state for the menu. */
const stateCommands: Partial<Record<WizardState, Command[]>> = {
  pick_appeal: ['cancel'],
  addition: ['done', 'cancel'],
  // «да» is both `agree` and `confirm`, «нет» both `fix` and `no`.
  withdraw_confirm: ['withdraw', 'confirm', 'agree', 'cancel', 'no', 'fix'],
};

/**
 * A turn in one of the after-filing states; null when the message leaves it (another command, such
 * as «Мои обращения» or «Подать обращение»: the menu answers it, what was added stays added).
 */
export async function afterFilingTurn(turn: Turn): Promise<BotReply[] | null> {
  const { session } = turn;
  const data = session.data.afterFiling;
  const own = stateCommands[session.state] ?? [];
  if (!data || turn.commands.some((c) => !own.includes(c))) {
    goIdle(session);
    return null;
  }
  if (session.state === 'pick_appeal') return pickTurn(turn, data);
  if (session.state === 'addition') return additionTurn(turn, data);
  return withdrawTurn(turn, data);
}

async function pickTurn(turn: Turn, data: AfterFilingData): Promise<BotReply[]> {
  const { lang } = turn;
  if (has(turn, 'cancel')) return cancelled(turn);
  const candidates = (await ownAppeals(turn.tx, who(turn), 10)).filter((a) => fits(data.intent, a));
  const wanted = numberKey(turn.input.text);
  const chosen = candidates.find((a) => numberKey(a.number) === wanted);
  if (chosen) return proceed(turn, data.intent, chosen);
  const example = candidates[0]?.number ?? '';
  return [prompted(t(lang, 'after.pickAgain', { example }), pickKeyboard(lang, candidates))];
}

async function proceed(turn: Turn, intent: AfterFilingIntent, appeal: OwnAppeal): Promise<BotReply[]> {
  const { session, lang } = turn;
  const { number } = appeal;
  if (intent === 'copy') {
    goIdle(session);
    return sendCopy(turn, appeal);
  }
  session.data = {
    afterFiling: {
      intent,
      appealId: appeal.appealId,
      conversationId: appeal.conversationId,
      number,
      parts: 0,
      files: 0,
    },
  };
  if (intent === 'add') {
    session.state = 'addition';
    return [prompted(t(lang, 'after.askAddition', { number }), keyboardOf(lang, [['done'], ['cancel']]))];
  }
  session.state = 'withdraw_confirm';
  return [prompted(t(lang, 'after.askWithdraw', { number }), keyboardOf(lang, [['withdraw'], ['cancel']]))];
}

async function additionTurn(turn: Turn, data: AfterFilingData): Promise<BotReply[]> {
  const { session, input, lang } = turn;
  const number = data.number ?? '';
  const counts = { number, parts: data.parts ?? 0, files: data.files ?? 0 };
  if (has(turn, 'done') || has(turn, 'cancel')) {
    goIdle(session);
    if (counts.parts === 0) return [reply(t(lang, 'after.additionEmpty', { number }), menuKeyboard(lang))];
    return [inThread(turn, data, t(lang, 'after.additionDone', counts))];
  }
  const text = input.text.trim();
  if (!text && input.attachments.length === 0) return [];
  // The message itself is already in the appeal's thread (the dispatcher's placement).
  counts.parts += 1;
  counts.files += input.attachments.length;
  data.parts = counts.parts;
  data.files = counts.files;
  await recordAddition(turn.tx, input.orgId, data.appealId!, {
    files: input.attachments.length,
    characters: text.length,
  });
  return [prompted(t(lang, 'after.additionPart', counts), keyboardOf(lang, [['done']]))];
}

async function withdrawTurn(turn: Turn, data: AfterFilingData): Promise<BotReply[]> {
  const { session, input, lang, deps } = turn;
  const number = data.number ?? '';
  if (has(turn, 'cancel') || has(turn, 'no')) {
    goIdle(session);
    return [reply(t(lang, 'after.notWithdrawn', { number }), menuKeyboard(lang))];
  }
  if (!has(turn, 'withdraw') && !has(turn, 'confirm')) {
    const reason = input.text.trim();
    if (reason) data.reason = reason.slice(0, 1000);
    const keyboard = keyboardOf(lang, [['withdraw'], ['cancel']]);
    return [prompted(t(lang, reason ? 'after.withdrawReason' : 'after.askWithdraw', { number }), keyboard)];
  }
  goIdle(session);
  // The statement as officials read it: in Russian, whatever the citizen's language.
  const at = new Intl.DateTimeFormat('ru-RU', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Moscow',
  }).format(deps.now);
  const note = [
    t('ru', 'after.withdrawalNote', { channel: t('ru', `domain:channel.${input.network}`), at }),
    data.reason ? t('ru', 'after.withdrawalReason', { reason: data.reason }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const withdrawn = await withdrawAppeal(turn.tx, input.orgId, data.appealId!, note, deps.now);
  if (!withdrawn) return [reply(t(lang, 'after.withdrawRefused', { number }), menuKeyboard(lang))];
  return [inThread(turn, data, t(lang, 'after.withdrawn', { number, date: formatDate(lang, deps.now) }))];
}

/**
 * The latest answer as the official answer letter (PDF on the letterhead, with its outgoing number),
 * which every network's chat takes from the bot; recorded in the appeal's thread like the bot's other
 * confirmations.
 */
async function sendCopy(turn: Turn, appeal: OwnAppeal): Promise<BotReply[]> {
  const { input, lang } = turn;
  const answer = await latestAnswer(turn.tx, input.orgId, appeal.appealId);
  if (!answer) return [reply(t(lang, 'after.noneAnswered'), menuKeyboard(lang))];
  const data = { appealId: appeal.appealId, conversationId: appeal.conversationId } as AfterFilingData;
  const { number } = appeal;
  return [
    {
      ...inThread(turn, data, t(lang, 'after.copy', { number })),
      attachments: [await answerDocument(turn.tx, input.orgId, answer, lang)],
    },
  ];
}

function cancelled(turn: Turn): BotReply[] {
  goIdle(turn.session);
  return [reply(t(turn.lang, 'after.cancelled'), menuKeyboard(turn.lang))];
}

/** A prompt: sent, but kept out of the inbox thread. */
const prompted = (text: string, keyboard: BotReply['keyboard']): BotReply => ({
  ...reply(text, keyboard),
  withheld: true,
});

/** A confirmation officials read in the appeal's thread. */
function inThread(turn: Turn, data: AfterFilingData, text: string): BotReply {
  const conversationId = data.conversationId ?? '';
  return {
    ...reply(text, menuKeyboard(turn.lang)),
    ...(conversationId && data.appealId ? { appeal: { id: data.appealId, conversationId } } : {}),
  };
}

const pickKeyboard = (lang: BotLanguage, appeals: readonly OwnAppeal[]) =>
  keyboardOf(lang, [...appeals.map((a) => [{ label: a.number, command: 'number' }]), ['cancel']]);

/** Normalised for comparison: case, spaces and the kind of dash do not matter. */
const numberKey = (text: string) => text.trim().toUpperCase().replace(/[–—]/g, '-').replace(/\s+/g, '');
