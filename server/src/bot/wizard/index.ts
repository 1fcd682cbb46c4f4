/**
 * The dialogue: the menu (./menu.ts) and the filing wizard (./steps.ts, run by ./flow.ts) over a
 * persisted session (../sessions.ts). Each step validates with the shared domain validators and
 * re-asks with their explanation; «Отмена» works at every step; the menu commands work in the
 * middle of the wizard and then return to the step where the citizen was.
 */
import type { Queryable } from '../../db/pool';
import { commandsOf, statusNumberOf } from '../commands';
import { discardPassport } from '../filing';
import { menuKeyboard } from '../keyboards';
import type { Session } from '../sessions';
import { t } from '../texts';
import type { BotInput, BotReply } from '../types';
import { afterFilingTurn, isAfterFilingState } from './after-filing';
import { answerStep, current, startWizard } from './flow';
import { menuTurn, mineAnswer, statusAnswer, welcome } from './menu';
import { goIdle, has, reply, type Turn, type WizardDeps } from './turn';

export { promptFor } from './flow';
export type { OrganisationFacts } from './turn';

/** Handles one inbound event; mutates the session; returns what to answer. */
export async function handleEvent(
  tx: Queryable,
  session: Session,
  input: BotInput,
  deps: WizardDeps,
): Promise<BotReply[]> {
  const lang = session.language === 'en' ? 'en' : 'ru';
  const turn: Turn = { tx, session, input, deps, lang, commands: commandsOf(input.text, input.command) };
  if (input.kind === 'stopped') return [];
  if (isAfterFilingState(session.state)) {
    const answered = await afterFilingTurn(turn);
    if (answered) return answered;
  }
  const inWizard = session.state !== 'idle' && session.state !== 'status_number';
  const statusNumber = turn.commands.length === 0 ? statusNumberOf(input.text) : null;

  if (has(turn, 'cancel')) {
    if (session.state === 'idle') return [reply(t(lang, 'menu.nothingToCancel'), menuKeyboard(lang))];
    await discardPassport(tx, session.data);
    goIdle(session);
    return [reply(t(lang, inWizard ? 'wizard.cancelled' : 'menu.nothingToCancel'), menuKeyboard(lang))];
  }
  if (inWizard) return withheld(await wizardTurn(turn, statusNumber));
  if (input.kind === 'started' || has(turn, 'start')) return [welcome(lang)];
  if (has(turn, 'file')) return withheld(await startWizard(turn));
  return menuTurn(turn, statusNumber);
}

/** Wizard replies stay out of the inbox thread, except the registration it ends with. */
function withheld(replies: BotReply[]): BotReply[] {
  return replies.map((r) => (r.appeal ? r : { ...r, withheld: true }));
}

async function wizardTurn(turn: Turn, statusNumber: string | null): Promise<BotReply[]> {
  const { input, lang } = turn;
  if (input.kind === 'started' || has(turn, 'start') || has(turn, 'file')) {
    const prompt = current(turn);
    return [reply(`${t(lang, 'wizard.resume')}\n\n${prompt.text}`, prompt.keyboard)];
  }
  if (statusNumber || has(turn, 'status') || has(turn, 'mine')) {
    const answer = statusNumber ? await statusAnswer(turn, statusNumber) : await mineAnswer(turn);
    return [answer, current(turn)];
  }
  return answerStep(turn);
}
