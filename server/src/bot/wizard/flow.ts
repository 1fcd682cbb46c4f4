/** Runs the step table (./steps.ts): asks a step's question, reads its answer, moves the session on. */
import { newId } from '../../ids';
import { previousApplicantId } from '../filing';
import { keyboardOf } from '../keyboards';
import { type BotLanguage, t } from '../texts';
import type { BotReply, WizardData, WizardState } from '../types';
import { statusNumberPrompt, welcome } from './menu';
import { type FilingState, fixSteps, isFilingState, wizardSteps } from './steps';
import { goIdle, has, type OrganisationFacts, type Outcome, reply, type Turn } from './turn';

const contactSteps: WizardState[] = ['phone', 'postal', 'email'];
/** A long back-and-forth never grows the session without bound. */
const historyMax = 60;

/** The question of a state, with its buttons. */
export function promptFor(
  state: WizardState,
  data: WizardData,
  lang: BotLanguage,
  profileName: string,
  org: OrganisationFacts,
): BotReply {
  if (isFilingState(state)) {
    const step = wizardSteps[state];
    const asking = { data, lang, profileName, org };
    const rows = typeof step.buttons === 'function' ? step.buttons(asking) : step.buttons;
    const last = state === 'consent' ? ['cancel' as const] : ['back' as const, 'cancel' as const];
    return reply(step.question(asking), keyboardOf(lang, [...rows, last]));
  }
  if (state === 'status_number') return statusNumberPrompt(lang);
  return welcome(lang);
}

export function current(turn: Turn): BotReply {
  return promptFor(turn.session.state, turn.session.data, turn.lang, turn.input.profileName, turn.deps.org);
}

export async function startWizard(turn: Turn): Promise<BotReply[]> {
  const previous = await previousApplicantId(
    turn.tx,
    turn.input.orgId,
    turn.input.network,
    turn.input.accountId,
    turn.input.userId,
  );
  turn.session.data = { applicantId: previous ?? newId(turn.deps.now), freshApplicant: previous === null };
  return settle(turn, { to: 'consent' });
}

/** The answer to the current step. */
export async function answerStep(turn: Turn): Promise<BotReply[]> {
  const state = turn.session.state;
  if (!isFilingState(state)) {
    goIdle(turn.session);
    return [current(turn)];
  }
  if (has(turn, 'back')) return back(turn);
  return settle(turn, await wizardSteps[state].answer(turn));
}

/** «Назад»: the step answered before this one, its question again (the first step has none). */
function back(turn: Turn): BotReply[] {
  const data = turn.session.data;
  const history = [...(data.history ?? [])];
  let to = history.pop();
  // The name's confirmation belongs to the name typed before it: back to the name itself.
  if (to === 'name_confirm') to = history.pop() ?? 'name';
  if (!to) return settle(turn, { instead: t(turn.lang, 'wizard.firstStep') });
  data.history = history;
  data.pendingName = undefined;
  if (to === 'summary' || to === 'summary_fix') data.fixing = undefined;
  // A contact step asked again: the contacts after it are asked again too.
  if (contactSteps.includes(to))
    data.asked = (data.asked ?? []).filter(
      (f) => contactSteps.indexOf(f as WizardState) < contactSteps.indexOf(to!),
    );
  turn.session.state = to;
  return [current(turn)];
}

function settle(turn: Turn, outcome: Outcome): BotReply[] {
  if (outcome.finished) {
    goIdle(turn.session);
    return [outcome.finished];
  }
  if (outcome.to) {
    const data = turn.session.data;
    const from = turn.session.state;
    let to = outcome.to;
    // A field fixed from the summary: once its steps are done, back to the summary.
    if (data.fixing && !fixSteps[data.fixing].includes(to as FilingState)) {
      to = 'summary';
      data.fixing = undefined;
    }
    if (to !== from && isFilingState(from)) data.history = [...(data.history ?? []), from].slice(-historyMax);
    turn.session.state = to;
  }
  const prompt = current(turn);
  if (outcome.instead !== undefined) return [reply(outcome.instead, prompt.keyboard)];
  if (outcome.before !== undefined) return [reply(`${outcome.before}\n\n${prompt.text}`, prompt.keyboard)];
  return [prompt];
}
